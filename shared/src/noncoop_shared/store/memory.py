"""An event store in memory, for application tests that need no PostgreSQL (ADR 0016).

It keeps the promises the application layer relies on from ``PostgresEventStore`` (the contract
suite runs against both): ``UNIQUE(stream, version)`` as a ``ConcurrencyConflictError``, the hash
chain, deadlines set / settled / claimed in the same transaction as the events, idempotency
records, and all-or-nothing transactions with savepoints. Transactions run one at a time (one
lock), each on a private copy of the committed state that replaces it on commit: a reader outside
a transaction sees only what is committed, as with PostgreSQL.

``log`` lists every committed envelope in commit order, what the relay would publish: a test
feeds it to another service's policies instead of going through Kafka.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from noncoop_shared.catalogue.base import EventPayload
from noncoop_shared.clock import Clock
from noncoop_shared.decisions import DeadlineChange, DeadlineSet, DeadlineSettled
from noncoop_shared.envelope import GENESIS_HASH, Envelope
from noncoop_shared.errors import ConcurrencyConflictError
from noncoop_shared.privacy.recording import recorded_payload, recorded_payloads
from noncoop_shared.signing import EventSigner
from noncoop_shared.store.postgres import DataKeys, DueDeadline, _seal
from noncoop_shared.store.records import (
    IdempotencyKeyTakenError,
    IdempotentResult,
    NewEvent,
    check_publishable,
)


@dataclass(frozen=True)
class _DeadlineRow:
    stream: str
    kind: str
    subject: str
    rule: str
    due_at: datetime
    set_recorded_at: datetime
    state: str = "pending"


@dataclass
class _State:
    """Everything the store holds; copied at the start of a transaction (or savepoint)."""

    streams: dict[str, list[Envelope]] = field(default_factory=dict)
    log: list[Envelope] = field(default_factory=list)
    deadlines: dict[tuple[str, str], _DeadlineRow] = field(default_factory=dict)
    idempotency: dict[tuple[str, str], IdempotentResult] = field(default_factory=dict)
    """By (principal, key): each caller has its own keys (ADR 0021)."""

    def copy(self) -> _State:
        # Envelopes and rows are immutable: copying the containers is enough.
        return _State(
            {stream: list(events) for stream, events in self.streams.items()},
            list(self.log),
            dict(self.deadlines),
            dict(self.idempotency),
        )


class InMemoryEventStore:
    """``keyring``: seal personal data with it, as the PostgreSQL store does; ``None``: plain.
    ``signer``: signs each event (ADR 0020); ``None``: the service's development key."""

    def __init__(
        self,
        *,
        service: str,
        clock: Clock,
        keyring: DataKeys | None = None,
        signer: EventSigner | None = None,
    ) -> None:
        self.service = service
        self._clock = clock
        self.keyring = keyring
        self.signer = signer or EventSigner.development(service)
        self._committed = _State()
        self._lock = asyncio.Lock()
        self._owner: asyncio.Task[Any] | None = None

    @property
    def clock(self) -> Clock:
        return self._clock

    @property
    def log(self) -> list[Envelope]:
        """Every committed envelope, in commit order (what the relay would publish)."""
        return list(self._committed.log)

    async def payload_data(self, subject: str, payload: EventPayload) -> dict[str, Any]:
        return await recorded_payload(payload, subject, self.keyring)

    async def payloads_data(
        self, subject: str, payloads: Sequence[EventPayload]
    ) -> list[dict[str, Any]]:
        """``payload_data`` of a command's payloads, asking the keyring once for all."""
        return await recorded_payloads(payloads, subject, self.keyring)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[InMemoryTransaction]:
        if self._owner is not None and self._owner is asyncio.current_task():
            # PostgreSQL would open a second connection; here it would wait on itself forever.
            raise RuntimeError("a transaction is already open in this task; use its savepoints")
        async with self._lock:
            self._owner = asyncio.current_task()
            try:
                tx = InMemoryTransaction(self, self._committed.copy())
                yield tx
                self._committed = tx.state
            finally:
                self._owner = None

    def bind(self, conn: InMemoryConnection) -> InMemoryTransaction:
        """The transaction a connection belongs to (a policy's, the scheduler's)."""
        return conn.tx

    async def load(self, stream: str) -> list[Envelope]:
        return list(self._committed.streams.get(stream, []))

    async def find_idempotent(self, principal: str, key: str) -> IdempotentResult | None:
        return self._committed.idempotency.get((principal, key))

    def deadline_states(self) -> dict[tuple[str, str], str]:
        """``(stream, kind) -> pending | settled | fired``, as committed (for assertions)."""
        return {key: row.state for key, row in self._committed.deadlines.items()}


class InMemoryConnection:
    """Stands where a PostgreSQL connection stands for code that only nests savepoints in the
    transaction (``conn.transaction()``), such as the shared ``react`` of policies."""

    def __init__(self, tx: InMemoryTransaction) -> None:
        self.tx = tx

    def is_in_transaction(self) -> bool:
        return True

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[None]:
        """A savepoint: an exception inside undoes what was done inside, and propagates."""
        saved = self.tx.state.copy()
        try:
            yield
        except BaseException:
            self.tx.state = saved
            raise


class InMemoryTransaction:
    def __init__(self, store: InMemoryEventStore, state: _State) -> None:
        self._store = store
        self.state = state
        self.conn = InMemoryConnection(self)

    def now(self) -> datetime:
        return self._store.clock.now()

    async def load(self, stream: str, *, up_to_version: int | None = None) -> list[Envelope]:
        events = self.state.streams.get(stream, [])
        if up_to_version is None:
            return list(events)
        return [e for e in events if e.streamversion <= up_to_version]

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
        recorded_at = self.now()
        current = self.state.streams.get(stream, [])
        if expected_version != len(current):
            raise ConcurrencyConflictError(stream, expected_version, len(current))
        prev_hash = current[-1].hash if current else GENESIS_HASH
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
        if deadlines and not envelopes:
            raise ValueError("a deadline change must be carried by an event")
        for change in deadlines:
            self._apply_deadline(stream, subject, change, recorded_at)
        if envelopes:
            self.state.streams[stream] = [*current, *envelopes]
            self.state.log.extend(envelopes)
        if idempotency is not None:
            await self.save_idempotent(idempotency, recorded_at)
        return envelopes

    def _apply_deadline(
        self, stream: str, subject: str, change: DeadlineChange, at: datetime
    ) -> None:
        key = (stream, change.kind)
        if isinstance(change, DeadlineSet):
            self.state.deadlines[key] = _DeadlineRow(
                stream, change.kind, subject, change.rule, change.due_at, at
            )
        elif isinstance(change, DeadlineSettled):
            row = self.state.deadlines.get(key)
            if row is not None and row.state == "pending":
                self.state.deadlines[key] = replace(row, state="settled")

    async def claim_due_deadlines(
        self, now: datetime, limit: int, *, late_entry_grace: timedelta = timedelta(0)
    ) -> list[DueDeadline]:
        due = sorted(
            (
                row
                for row in self.state.deadlines.values()
                if row.state == "pending"
                and row.due_at <= now
                and row.set_recorded_at <= now - late_entry_grace
            ),
            key=lambda row: row.due_at,
        )
        return [DueDeadline(r.stream, r.kind, r.subject, r.rule, r.due_at) for r in due[:limit]]

    async def mark_deadline_fired(self, deadline: DueDeadline, event_id: Any, at: datetime) -> None:
        key = (deadline.stream, deadline.kind)
        row = self.state.deadlines.get(key)
        if row is not None and row.state == "pending":
            fired = "fired" if event_id is not None else "settled"
            self.state.deadlines[key] = replace(row, state=fired)

    async def find_idempotent(self, principal: str, key: str) -> IdempotentResult | None:
        return self.state.idempotency.get((principal, key))

    async def save_idempotent(self, result: IdempotentResult, at: datetime) -> None:
        if (result.principal, result.key) in self.state.idempotency:
            raise IdempotencyKeyTakenError(result.key)
        self.state.idempotency[(result.principal, result.key)] = result
