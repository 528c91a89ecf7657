"""The PostgreSQL event store of one service (docs/architecture.md §4, §7).

``append`` writes, in one transaction: the events (``UNIQUE(stream, version)`` turns a stale
write into ``ConcurrencyConflictError``), each event's hash-chain link, one outbox row per event,
the deadlines the events set or settle, and the command's idempotency record. So a crash
anywhere leaves either all of it or none of it, and the relay publishes what was committed.

``ambient_transaction`` opens one transaction that every use of the store inside it joins (the
history import runs many commands through their routes and commits them all or none, ADR 0017).
"""

from __future__ import annotations

import contextvars
import zlib
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from typing import Any, Protocol

import asyncpg

from noncoop_shared.catalogue.base import EventPayload, meta_of
from noncoop_shared.clock import Clock
from noncoop_shared.db import Connection
from noncoop_shared.decisions import DeadlineChange, DeadlineSet, DeadlineSettled
from noncoop_shared.envelope import GENESIS_HASH, Envelope, chain_hash, dataschema_of
from noncoop_shared.errors import ConcurrencyConflictError
from noncoop_shared.ids import uuid7
from noncoop_shared.privacy.recording import recorded_payload, recorded_payloads
from noncoop_shared.signing import EventSigner
from noncoop_shared.store.records import (
    IdempotencyKeyTakenError,
    IdempotentResult,
    NewEvent,
    check_publishable,
)
from noncoop_shared.tracing import current_traceparent, span

OUTBOX_CHANNEL = "noncoop_outbox"
"""NOTIFY channel: wakes the relay as soon as a transaction with new events commits."""

_AMBIENT: contextvars.ContextVar[tuple[PostgresEventStore, Connection] | None]
_AMBIENT = contextvars.ContextVar("noncoop_store_ambient_transaction", default=None)
"""The transaction of the ``ambient_transaction`` block being run, with the store that opened it.
A context variable, so it follows the task (and the in-process requests it awaits) and nothing
else: a concurrent request of the same service keeps its own transactions."""


def lane_of(key: str, lanes: int) -> int:
    """Stable lane of a Kafka key: every event of a key goes through one lane, in order."""
    return zlib.crc32(key.encode("utf-8")) % lanes


class DataKeys(Protocol):
    """Where the store gets a case's data key to seal personal data (the keyring)."""

    async def data_key(self, scope: str) -> bytes: ...

    async def data_keys(self, scopes: Iterable[str]) -> dict[str, bytes]: ...


class PostgresEventStore:
    """``keyring``: seal personal data with it; ``None`` records it in plaintext (a store built
    bare by a test of something else; every service's runtime gives one). ``signer``: the
    service's event signing key (ADR 0020); ``None``: the service's development key (the runtime
    always gives the configured one)."""

    def __init__(
        self,
        pool: asyncpg.Pool,
        *,
        service: str,
        clock: Clock,
        lanes: int = 4,
        keyring: DataKeys | None = None,
        signer: EventSigner | None = None,
    ) -> None:
        self.pool = pool
        self.service = service
        self.clock = clock
        self.lanes = lanes
        self.keyring = keyring
        self.signer = signer or EventSigner.development(service)

    async def payload_data(self, subject: str, payload: EventPayload) -> dict[str, Any]:
        """The payload as recorded: its JSON, personal data sealed with the subject's key."""
        return await recorded_payload(payload, subject, self.keyring)

    async def payloads_data(
        self, subject: str, payloads: Sequence[EventPayload]
    ) -> list[dict[str, Any]]:
        """``payload_data`` of a command's payloads, asking the keyring once for all."""
        return await recorded_payloads(payloads, subject, self.keyring)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[StoreTransaction]:
        """A transaction of its own; inside ``ambient_transaction``, a savepoint of that one (a
        command that fails rolls back its own writes and leaves the ambient one usable)."""
        ambient = self._ambient()
        if ambient is not None:
            async with ambient.transaction():
                yield self.bind(ambient)
            return
        async with self.pool.acquire() as conn, conn.transaction():
            yield self.bind(conn)

    @asynccontextmanager
    async def ambient_transaction(self) -> AsyncIterator[StoreTransaction]:
        """One transaction that every ``transaction``, ``load`` and ``find_idempotent`` of this
        store joins until the block ends: all it recorded commits at the end, or nothing does.

        The block must not run two store operations at once (one connection serves them all).
        """
        if self._ambient() is not None:
            raise RuntimeError("an ambient transaction is already open")
        async with self.pool.acquire() as conn, conn.transaction():
            token = _AMBIENT.set((self, conn))
            try:
                yield self.bind(conn)
            finally:
                _AMBIENT.reset(token)

    def _ambient(self) -> Connection | None:
        ambient = _AMBIENT.get()
        return ambient[1] if ambient is not None and ambient[0] is self else None

    def bind(self, conn: Connection) -> StoreTransaction:
        """Use the store inside a transaction someone else opened (a policy, the scheduler)."""
        return StoreTransaction(conn, self)

    async def load(self, stream: str) -> list[Envelope]:
        if (ambient := self._ambient()) is not None:
            return await self.bind(ambient).load(stream)
        async with self.pool.acquire() as conn:
            return await StoreTransaction(conn, self).load(stream)

    async def find_idempotent(self, principal: str, key: str) -> IdempotentResult | None:
        if (ambient := self._ambient()) is not None:
            return await self.bind(ambient).find_idempotent(principal, key)
        async with self.pool.acquire() as conn:
            return await StoreTransaction(conn, self).find_idempotent(principal, key)


class StoreTransaction:
    """The store's operations on one connection; the caller owns the transaction."""

    def __init__(self, conn: Connection, store: PostgresEventStore) -> None:
        self.conn = conn
        self._store = store

    def now(self) -> datetime:
        return self._store.clock.now()

    async def load(self, stream: str, *, up_to_version: int | None = None) -> list[Envelope]:
        rows = await self.conn.fetch(
            "SELECT envelope FROM events WHERE stream = $1 AND ($2::int IS NULL OR version <= $2)"
            " ORDER BY version",
            stream,
            up_to_version,
        )
        return [Envelope.model_validate_json(row["envelope"]) for row in rows]

    async def append(
        self,
        *,
        stream: str,
        subject: str,
        expected_version: int,
        events: Sequence[NewEvent],
        deadlines: Sequence[DeadlineChange] = (),
        idempotency: IdempotentResult | None = None,
    ) -> list[Envelope]:
        """Append after ``expected_version`` (0 for a new stream). Must run in a transaction."""
        if not self.conn.is_in_transaction():
            raise RuntimeError("append must run inside a transaction")
        with span("store.append", {"noncoop.stream": stream, "noncoop.event_count": len(events)}):
            return await self._append(
                stream, subject, expected_version, events, deadlines, idempotency
            )

    async def _append(
        self,
        stream: str,
        subject: str,
        expected_version: int,
        events: Sequence[NewEvent],
        deadlines: Sequence[DeadlineChange],
        idempotency: IdempotentResult | None,
    ) -> list[Envelope]:
        recorded_at = self._store.clock.now()
        prev_hash = await self._head_hash(stream, expected_version)
        envelopes: list[Envelope] = []
        datas = await self._store.payloads_data(subject, [new.payload for new in events])
        for offset, (new, data) in enumerate(zip(events, datas, strict=True), start=1):
            envelope = _seal(
                self._store.signer,
                stream,
                subject,
                expected_version + offset,
                new,
                recorded_at,
                prev_hash,
                data=data,
            )
            prev_hash = envelope.hash
            check_publishable(envelope)
            envelopes.append(envelope)
        try:
            # Deadline rows first, events second: the scheduler locks a deadline row and then
            # appends, so taking the locks in the same order means a command racing it waits,
            # then collides on (stream, version) as a plain conflict, instead of deadlocking.
            await self._apply_deadlines(stream, subject, envelopes, deadlines, recorded_at)
            await self._insert(stream, expected_version, envelopes)
        except asyncpg.DeadlockDetectedError:
            # PostgreSQL chose this transaction to abort: nothing was written; to the caller it
            # is the same as losing the race for the stream.
            raise ConcurrencyConflictError(stream, expected_version, None) from None
        if idempotency is not None:
            await self.save_idempotent(idempotency, recorded_at)
        return envelopes

    async def _head_hash(self, stream: str, expected_version: int) -> str:
        if expected_version == 0:
            return GENESIS_HASH
        head = await self.conn.fetchval(
            "SELECT hash FROM events WHERE stream = $1 AND version = $2", stream, expected_version
        )
        if head is None:
            actual = await self.conn.fetchval(
                "SELECT max(version) FROM events WHERE stream = $1", stream
            )
            raise ConcurrencyConflictError(stream, expected_version, actual or 0)
        return str(head)

    async def _insert(self, stream: str, expected_version: int, envelopes: list[Envelope]) -> None:
        """The events, their outbox rows and the relay's wake-up (a NOTIFY, sent at commit) in
        one round trip. A stale append collides on (stream, version): those rows are skipped
        rather than raising, so the transaction stays usable to read the stream's actual
        version for the 409, and ``ConcurrencyConflictError`` is raised. What the statement
        did write (a later version than the collision, or the outbox rows) is undone with the
        transaction or savepoint the error leaves through: every caller lets it out (commands
        decide again in a new transaction, policies retry their batch, the scheduler its pass).
        One statement instead of a savepoint, two inserts and a NOTIFY: five round trips of
        every command fewer (docs/benchmarks.md, figure 4)."""
        if not envelopes:
            return
        row = await self.conn.fetchrow(
            "WITH appended AS ("
            " INSERT INTO events"
            " (id, stream, version, subject, type, recorded_at, hash, envelope)"
            " SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::text[],"
            " $6::timestamptz[], $7::text[], $8::text[])"
            " ON CONFLICT ON CONSTRAINT events_stream_version_key DO NOTHING RETURNING position"
            "), queued AS ("
            # The append's trace position, for the relay to continue the trace from when it
            # sends the record later (NULL when nothing is traced): ADR 0029.
            " INSERT INTO outbox (position, lane, traceparent)"
            " SELECT position, $9, $10 FROM appended"
            # An aggregate gives one row, so one NOTIFY; dropped if the transaction rolls back.
            ") SELECT count(*) AS appended, pg_notify($11, '') FROM appended",
            [e.id for e in envelopes],
            [e.stream for e in envelopes],
            [e.streamversion for e in envelopes],
            [e.subject for e in envelopes],
            [e.type for e in envelopes],
            [e.time for e in envelopes],
            [e.hash for e in envelopes],
            [e.to_bytes().decode("utf-8") for e in envelopes],
            lane_of(envelopes[0].subject, self._store.lanes),
            current_traceparent(),
            OUTBOX_CHANNEL,
        )
        assert row is not None
        if row["appended"] != len(envelopes):
            # The versions another writer committed first (not this statement's own rows).
            actual = await self.conn.fetchval(
                "SELECT max(version) FROM events WHERE stream = $1 AND id <> ALL($2::uuid[])",
                stream,
                [e.id for e in envelopes],
            )
            raise ConcurrencyConflictError(stream, expected_version, actual)

    async def _apply_deadlines(
        self,
        stream: str,
        subject: str,
        envelopes: list[Envelope],
        changes: Sequence[DeadlineChange],
        at: datetime,
    ) -> None:
        """A command's deadline changes, in one statement per sort of change when each names
        another kind (the usual case: a referral sets P13-forward and P13-press at once), since
        changes of different kinds touch different rows and their order cannot matter; in
        order, one by one, when a kind comes twice (set, then settled, say)."""
        if not changes:
            return
        if not envelopes:
            raise ValueError("a deadline change must be carried by an event")
        cause = envelopes[-1].id
        if len({change.kind for change in changes}) < len(changes):
            for change in changes:
                await self._apply_deadline_changes([change], stream, subject, cause, at)
            return
        await self._apply_deadline_changes(changes, stream, subject, cause, at)

    async def _apply_deadline_changes(
        self,
        changes: Sequence[DeadlineChange],
        stream: str,
        subject: str,
        cause: Any,
        at: datetime,
    ) -> None:
        """``changes``, of distinct kinds: the sets in one upsert, the settlements in one update."""
        sets = [change for change in changes if isinstance(change, DeadlineSet)]
        settled = [change.kind for change in changes if isinstance(change, DeadlineSettled)]
        if sets:
            await self.conn.execute(
                "INSERT INTO deadlines"
                " (stream, kind, subject, rule, due_at, set_by, state, set_recorded_at)"
                " SELECT $1, kind, $3, rule, due_at, $4, 'pending', $5"
                " FROM unnest($2::text[], $6::text[], $7::timestamptz[]) AS c(kind, rule, due_at)"
                " ON CONFLICT (stream, kind) DO UPDATE SET due_at = EXCLUDED.due_at,"
                " rule = EXCLUDED.rule, set_by = EXCLUDED.set_by, state = 'pending',"
                " closed_by = NULL, closed_at = NULL,"
                " set_recorded_at = EXCLUDED.set_recorded_at",
                stream,
                [change.kind for change in sets],
                subject,
                cause,
                at,
                [change.rule for change in sets],
                [change.due_at for change in sets],
            )
        if settled:
            await self.conn.execute(
                "UPDATE deadlines SET state = 'settled', closed_by = $3, closed_at = $4"
                " WHERE stream = $1 AND kind = ANY($2::text[]) AND state = 'pending'",
                stream,
                settled,
                cause,
                at,
            )

    async def claim_due_deadlines(
        self, now: datetime, limit: int, *, late_entry_grace: timedelta = timedelta(0)
    ) -> list[DueDeadline]:
        """Lock pending deadlines that have passed, and were set at least ``late_entry_grace``
        ago (ADR 0015); other replicas skip what is locked."""
        rows = await self.conn.fetch(
            "SELECT stream, kind, subject, rule, due_at FROM deadlines"
            " WHERE state = 'pending' AND due_at <= $1 AND set_recorded_at <= $1 - $3::interval"
            " ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED",
            now,
            limit,
            late_entry_grace,
        )
        return [
            DueDeadline(r["stream"], r["kind"], r["subject"], r["rule"], r["due_at"]) for r in rows
        ]

    async def mark_deadline_fired(self, deadline: DueDeadline, event_id: Any, at: datetime) -> None:
        await self.conn.execute(
            "UPDATE deadlines SET state = $5, closed_by = $3, closed_at = $4"
            " WHERE stream = $1 AND kind = $2 AND state = 'pending'",
            deadline.stream,
            deadline.kind,
            event_id,
            at,
            "fired" if event_id is not None else "settled",
        )

    async def claim_open_deadlines(self, subject: str, due_before: datetime) -> list[DueDeadline]:
        """Lock the pending deadlines of ``subject``'s streams due before ``due_before``, in
        due order: what a history import settles at its end (ADR 0017). A row the scheduler
        holds is skipped: it is firing it, and waits for the import to commit first."""
        rows = await self.conn.fetch(
            "SELECT stream, kind, subject, rule, due_at FROM deadlines"
            " WHERE state = 'pending' AND subject = $1 AND due_at < $2"
            " ORDER BY due_at, stream, kind FOR UPDATE SKIP LOCKED",
            subject,
            due_before,
        )
        return [
            DueDeadline(r["stream"], r["kind"], r["subject"], r["rule"], r["due_at"]) for r in rows
        ]

    async def find_idempotent(self, principal: str, key: str) -> IdempotentResult | None:
        row = await self.conn.fetchrow(
            "SELECT key, principal, fingerprint, status_code, body FROM idempotency"
            " WHERE principal = $1 AND key = $2",
            principal,
            key,
        )
        if row is None:
            return None
        return IdempotentResult(
            row["key"], row["principal"], row["fingerprint"], row["status_code"], row["body"]
        )

    async def save_idempotent(self, result: IdempotentResult, at: datetime) -> None:
        """Raises ``IdempotencyKeyTakenError`` if a concurrent twin saved first."""
        try:
            await self.conn.execute(
                "INSERT INTO idempotency"
                " (key, principal, fingerprint, status_code, body, created_at)"
                " VALUES ($1, $2, $3, $4, $5, $6)",
                result.key,
                result.principal,
                result.fingerprint,
                result.status_code,
                result.body,
                at,
            )
        except asyncpg.UniqueViolationError as error:
            if error.constraint_name != "idempotency_pkey":
                raise
            raise IdempotencyKeyTakenError(result.key) from None


class DueDeadline:
    __slots__ = ("due_at", "kind", "rule", "stream", "subject")

    def __init__(self, stream: str, kind: str, subject: str, rule: str, due_at: datetime) -> None:
        self.stream = stream
        self.kind = kind
        self.subject = subject
        self.rule = rule
        self.due_at = due_at

    def __repr__(self) -> str:
        return f"DueDeadline({self.stream!r}, {self.kind!r}, due_at={self.due_at.isoformat()})"


def _seal(
    signer: EventSigner,
    stream: str,
    subject: str,
    version: int,
    new: NewEvent,
    recorded_at: datetime,
    prev_hash: str,
    *,
    data: dict[str, Any] | None = None,
) -> Envelope:
    """Build the envelope, link it into the stream's hash chain and sign it with the service's
    key (ADR 0020). The hash covers ``data`` (the payload as recorded, personal data sealed;
    default: the payload's JSON as is), so erasing a key later leaves every hash valid."""
    meta = meta_of(new.payload)
    unhashed: dict[str, Any] = {
        "specversion": "1.0",
        "id": str(uuid7(int(recorded_at.timestamp() * 1000))),
        "type": meta.type,
        "source": f"noncoop/{signer.service}",
        "subject": subject,
        "time": recorded_at,
        "datacontenttype": "application/json",
        "dataschema": dataschema_of(meta.type),
        "data": new.payload.model_dump(mode="json") if data is None else data,
        "stream": stream,
        "streamversion": version,
        "occurredat": new.occurred_at,
        "actorrole": new.actor_role,
        "actorid": new.actor_id,
        "classification": new.classification,
        "correlationid": new.correlation_id,
        "causationid": new.causation_id,
        "schemaversion": meta.version,
        "rule": new.rule or meta.rule,
        "prevhash": prev_hash,
        "hash": GENESIS_HASH,  # placeholder so the model validates; replaced below
        "signer": signer.key_id,
    }
    draft = Envelope.model_validate(unhashed)
    hashed = draft.model_copy(update={"hash": chain_hash(prev_hash, draft.without_hash())})
    return signer.signed(hashed)
