"""The outbox relay: publishes committed events to the log, in order, at least once.

Each lane is a set of Kafka keys; a relay replica publishes a lane only while it holds that
lane's advisory lock, inside the transaction that marks the rows published. So several replicas
share the lanes, no two publish the same key at once, and a key's events leave in stream order.
A crash after the send and before the commit republishes the rows: the broker then holds the
event twice, and consumers drop the copy by (stream, version) (docs/adr/0004-outbox-relay.md).

A record the log refuses for what it is (too large, invalid: ``RECORD_ERRORS``) can never be sent,
so retrying it would stop its lane for ever. It is set aside in ``outbox_dead_letters`` (counted by
the ``noncoop_outbox_dead_letters`` gauge, alerted on) and the lane goes on; readiness is not
affected. Every other failure (connection, timeout, authorisation) is the deployment's, not the
record's: the lane stops and retries (ADR 0022).

A pass sends the rows of every lane it locked together, and waits for the lanes side by side. A
lane whose sends the broker has not acknowledged within ``lane_wait_seconds`` (its partition's
leader died and the cluster has not yet moved it: several seconds) does not hold up the others:
the pass goes on without it, and its sends stay in flight in this process. Until they settle, the
lane is skipped, and held against the other replicas by a session advisory lock on a connection
of the relay's own (the pass's transaction lock ends with the pass); once they settle, the next
pass marks what was acknowledged, exactly as if it had waited (ADR 0032). A replica that takes
the lane in the instant between the pass's end and that claim sends the rows again: a copy,
dropped by consumers like any other.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, datetime

import asyncpg
import structlog
from aiokafka import AIOKafkaProducer
from aiokafka.errors import (
    CorruptRecordException,
    InvalidMessageError,
    InvalidTimestampError,
    MessageSizeTooLargeError,
    RecordListTooLargeError,
    RecordTooLargeError,
    UnsupportedForMessageFormatError,
)
from asyncpg.pool import PoolConnectionProxy
from opentelemetry.trace import Span, SpanKind, Status, StatusCode

from noncoop_shared.background import wait_for_event
from noncoop_shared.db import Connection
from noncoop_shared.store.postgres import OUTBOX_CHANNEL
from noncoop_shared.tracing import parent_context, record_headers, traceparent_of, tracer

log = structlog.get_logger("noncoop.relay")

_LANE_LOCK_SPACE = 0x72656C61  # "rela"

RECORD_ERRORS: tuple[type[Exception], ...] = (
    MessageSizeTooLargeError,
    RecordTooLargeError,
    RecordListTooLargeError,
    CorruptRecordException,
    InvalidMessageError,
    InvalidTimestampError,
    UnsupportedForMessageFormatError,
)
"""Non-retriable refusals of one record by the producer or the broker: sending it again fails
again. Other non-retriable errors (authorisation, configuration) concern every record alike."""


STRUCTURED_CONTENT_TYPE = ("content-type", b"application/cloudevents+json")
"""CloudEvents' Kafka binding, structured mode: the value is the whole event (the envelope in
canonical JSON), and this header says so; a binary-mode reader would look for ``ce_*`` headers."""


@dataclass
class _Sends:
    """One lane's rows handed to the producer in one pass, with what became of each: an error
    the producer raised at once, or the future of the broker's acknowledgement."""

    rows: list[asyncpg.Record]
    outcomes: list[Exception | asyncio.Future[object]]
    spans: list[Span | None]

    def futures(self) -> list[asyncio.Future[object]]:
        return [o for o in self.outcomes if isinstance(o, asyncio.Future)]

    def settled(self) -> bool:
        return all(f.done() for f in self.futures())

    def results(self) -> list[Exception | None]:
        """Each row's outcome once settled (``None``: acknowledged); ends the send spans."""
        results: list[Exception | None] = []
        for outcome, span in zip(self.outcomes, self.spans, strict=True):
            if isinstance(outcome, asyncio.Future):
                if outcome.cancelled():  # the producer stopped: sent or not, send it again
                    results.append(ConnectionError("the send was cancelled"))
                else:
                    error = outcome.exception()
                    results.append(error if isinstance(error, Exception) else None)
            else:
                results.append(outcome)
            if span is not None:
                if results[-1] is not None:
                    span.record_exception(results[-1])
                    span.set_status(Status(StatusCode.ERROR, type(results[-1]).__name__))
                span.end()
        return results

    def abandon(self, error: BaseException) -> None:
        """The pass stopped before these sends settled (cancelled): their spans end with why,
        so none is left unexported; the rows stay pending."""
        _end_spans(self.spans, error)


def _end_spans(spans: list[Span | None], error: BaseException) -> None:
    for span in spans:
        if span is not None:
            span.record_exception(error)
            span.set_status(Status(StatusCode.ERROR, type(error).__name__))
            span.end()


async def _wait_for_all(lanes: list[_Sends], seconds: float) -> None:
    """Until every lane's sends have settled, or ``seconds``: the lanes' sends left together, so
    each lane waits at most ``seconds`` for its own (ADR 0032), and the lanes wait side by side."""
    pending = [f for sends in lanes for f in sends.futures() if not f.done()]
    if pending:
        await asyncio.wait(pending, timeout=seconds)


@dataclass
class _Marks:
    """What a pass writes back for the lanes whose sends settled: the rows acknowledged (marked
    published), those refused for what they are (set aside), the errors that stopped a lane."""

    published: list[int] = field(default_factory=list)
    set_aside: list[tuple[int, int, Exception]] = field(default_factory=list)  # position, lane
    failures: list[Exception] = field(default_factory=list)
    stopped: set[int] = field(default_factory=set)

    def count(self) -> int:
        """The rows that leave the outbox."""
        return len(self.published) + len(self.set_aside)

    def add(self, lane: int, sends: _Sends) -> None:
        published = 0
        for row, outcome in zip(sends.rows, sends.results(), strict=True):
            if outcome is None:
                self.published.append(row["position"])
                published += 1
            elif isinstance(outcome, RECORD_ERRORS):
                self.set_aside.append((row["position"], lane, outcome))
            else:
                # Rows after this one stay pending, so the lane keeps its order; those
                # already acknowledged are marked (a resend would only duplicate them).
                self.stop(lane, outcome)
                break
        log.debug("outbox.published", lane=lane, count=published)

    def stop(self, lane: int, error: Exception) -> None:
        self.failures.append(error)
        self.stopped.add(lane)


class OutboxRelay:
    def __init__(
        self,
        pool: asyncpg.Pool,
        producer: AIOKafkaProducer,
        *,
        topic: str,
        batch_size: int = 500,
        idle_poll_seconds: float = 1.0,
        lane_wait_seconds: float = 1.0,
    ) -> None:
        self._pool = pool
        self._producer = producer
        self._topic = topic
        self._batch_size = batch_size
        self._idle_poll = idle_poll_seconds
        self._lane_wait = lane_wait_seconds
        # Per lane: sends of an earlier pass the broker has not settled yet (leader failover).
        self._in_flight: dict[int, _Sends] = {}
        # The lanes held by a session lock while in flight, on a connection kept for that.
        self._claimed: set[int] = set()
        self._claims: PoolConnectionProxy[asyncpg.Record] | None = None
        self._wake = asyncio.Event()
        self.published_total = 0
        self.set_aside_total = 0
        self.last_error: str | None = None
        self.running = False

    async def run(self) -> None:
        """Publish until cancelled; wakes on NOTIFY, polls as a fallback."""
        listener = await self._pool.acquire()
        try:
            await listener.add_listener(OUTBOX_CHANNEL, self._on_notify)
            self.running = True
            backoff = 0.1
            while True:
                # Cleared before the pass, not after: a NOTIFY of a commit the pass did not see
                # arrives after this, so the wait below returns at once; a quiet pass is the
                # last one (no second, empty pass to make sure).
                self._wake.clear()
                try:
                    published = await self.publish_pending()
                    self.last_error = None
                    backoff = 0.1
                except (TimeoutError, OSError, asyncpg.PostgresError) as error:
                    self.last_error = repr(error)
                    log.warning("outbox.publish_failed", error=repr(error), retry_in=backoff)
                    await asyncio.sleep(backoff)
                    backoff = min(backoff * 2, 5.0)
                    continue
                except Exception as error:  # Kafka errors: keep trying, never drop rows
                    self.last_error = repr(error)
                    log.warning("outbox.publish_failed", error=repr(error), retry_in=backoff)
                    await asyncio.sleep(backoff)
                    backoff = min(backoff * 2, 5.0)
                    continue
                if published < self._batch_size:
                    # Nothing more pending unless a lane was full (then straight on) or a NOTIFY
                    # came during the pass (then the event is already set).
                    # Not asyncio.wait_for: on 3.11 it may swallow the stop's cancel (background).
                    await wait_for_event(self._wake, self._idle_poll)
        finally:
            self.running = False
            await self._drop_claims()
            with contextlib.suppress(Exception):
                await listener.remove_listener(OUTBOX_CHANNEL, self._on_notify)
            await self._pool.release(listener)

    def _on_notify(self, *_: object) -> None:
        self._wake.set()

    async def publish_pending(self) -> int:
        """One pass over every lane this replica can lock; returns how many rows left the outbox
        (sent or set aside). Raises the first send failure, after trying every lane.

        The pass is one transaction of the same few statements whatever the number of lanes:
        BEGIN, the lanes with their locks, the locked lanes' rows, the marks, COMMIT (one more
        for records set aside, one more for lanes whose sends settled in flight). Each is a round
        trip, CPU in the service and in PostgreSQL; a savepoint and four statements per lane made
        a pass over four lanes 23 of them."""
        try:
            async with self._pool.acquire() as conn, conn.transaction():
                published, failures = await self._pass(conn)
        except Exception:
            await self._claim_in_flight()  # what went in flight before the failure still is
            raise
        await self._claim_in_flight()
        if failures:
            raise failures[0]
        return published

    async def _pass(self, conn: Connection) -> tuple[int, list[Exception]]:
        """The pass's work in its transaction: the rows that left the outbox, and the errors
        that stopped a lane (the other lanes went on).

        No lane has a savepoint of its own: a lane's statements are every lane's statements, so
        a database error is no lane's, and fails the whole pass. Its transaction is then rolled
        back, marks and all: the rows acknowledged in it stay pending and the next pass sends
        them again, copies that consumers drop by (stream, version), exactly as after a crash
        between the sends and the commit (ADR 0004). Nothing is lost, and every lane's first
        delivery kept its order."""
        settled = await self._take_settled()
        earlier = _Marks()
        for lane, sends in settled.items():
            earlier.add(lane, sends)
        if settled:
            # Marked without the lanes' locks (ADR 0032), and first: only their later rows are
            # pending for the statements below.
            await self._mark(conn, earlier)
        # A lane still in flight is never locked, so never sent twice by this replica while its
        # sends may still land (its claim would refuse this lock anyway, unless it was lost).
        locked = await self._lock_lanes(conn, skip=self._in_flight.keys() | earlier.stopped)
        now = _Marks()
        sending: dict[int, _Sends] = {}
        try:
            for lane, rows in (await self._pending_rows(conn, locked)).items():
                try:
                    # send() only enqueues: every lane's batch leaves at once, each in order.
                    sending[lane] = await self._send_all(rows)
                except Exception as error:  # the producer refused the lane at once
                    now.stop(lane, error)
            await _wait_for_all(list(sending.values()), self._lane_wait)
        except BaseException as error:
            for sends in sending.values():
                sends.abandon(error)
            raise
        for lane, sends in sending.items():
            if sends.settled():
                now.add(lane, sends)
            else:
                self._hold_in_flight(lane, sends)
        await self._mark(conn, now)
        return earlier.count() + now.count(), earlier.failures + now.failures

    async def _take_settled(self) -> dict[int, _Sends]:
        """The lanes in flight whose sends have all settled, now out of flight and unclaimed:
        this pass marks them, then may lock them again for their later rows (ADR 0032)."""
        settled = {lane: s for lane, s in sorted(self._in_flight.items()) if s.settled()}
        for lane in settled:
            del self._in_flight[lane]
        await self._release_claims(list(settled))
        return settled

    async def _lock_lanes(self, conn: Connection, *, skip: Collection[int]) -> list[int]:
        """The lanes with pending rows whose lock this transaction took, in one statement (a
        lane another replica holds is left to it); the lanes in ``skip`` are not tried.

        The lanes come from the rows themselves, so the store's lane count is the only one."""
        lanes = await conn.fetch(
            "SELECT lane, pg_try_advisory_xact_lock($1, lane) AS locked FROM"
            " (SELECT DISTINCT lane FROM outbox"
            "  WHERE published_at IS NULL AND lane <> ALL($2::smallint[])) AS pending"
            " ORDER BY lane",
            _LANE_LOCK_SPACE,
            sorted(skip),
        )
        return [row["lane"] for row in lanes if row["locked"]]

    async def _pending_rows(
        self, conn: Connection, lanes: list[int]
    ) -> dict[int, list[asyncpg.Record]]:
        """The locked lanes' first pending rows (``batch_size`` at most per lane), in order.

        A statement of its own after the locks', not one with it: a statement sees the commits
        made before it started, and the replica that held a lane just before commits its marks
        before its lock goes. Read in the locks' statement, its rows could still look pending
        and be sent again."""
        if not lanes:
            return {}
        rows = await conn.fetch(
            "SELECT o.lane, o.position, o.traceparent, e.subject, e.envelope"
            " FROM unnest($1::smallint[]) AS locked (lane)"
            " CROSS JOIN LATERAL ("
            "  SELECT ob.lane, ob.position, ob.traceparent FROM outbox ob"
            "  WHERE ob.lane = locked.lane AND ob.published_at IS NULL"
            "  ORDER BY ob.position LIMIT $2) AS o"
            " JOIN events e ON e.position = o.position"
            " ORDER BY o.lane, o.position",
            lanes,
            self._batch_size,
        )
        by_lane: dict[int, list[asyncpg.Record]] = {}
        for row in rows:
            by_lane.setdefault(row["lane"], []).append(row)
        return by_lane

    def _hold_in_flight(self, lane: int, sends: _Sends) -> None:
        """The lane's partition has no leader now: the other lanes went on; a settled send
        wakes the relay, and that pass marks this lane's rows."""
        self._in_flight[lane] = sends
        for future in sends.futures():
            future.add_done_callback(self._on_notify)

    async def _claim_in_flight(self) -> None:
        """Hold every lane still in flight against the other replicas (see the module's
        docstring); give the claims' connection back once no lane is. Best effort: a claim
        lost with its connection only lets another replica send a copy."""
        try:
            unclaimed = sorted(lane for lane in self._in_flight if lane not in self._claimed)
            if unclaimed and self._claims is None:
                self._claims = await self._pool.acquire()
            if unclaimed:
                assert self._claims is not None
                claims = await self._claims.fetch(
                    "SELECT lane, pg_try_advisory_lock($1, lane) AS claimed"
                    " FROM unnest($2::int[]) AS lane",
                    _LANE_LOCK_SPACE,
                    unclaimed,
                )
                self._claimed.update(row["lane"] for row in claims if row["claimed"])
            if not self._in_flight:
                await self._drop_claims()
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as error:
            log.warning("outbox.claims_lost", error=repr(error))
            await self._drop_claims()

    async def _release_claims(self, lanes: list[int]) -> None:
        held = [lane for lane in lanes if lane in self._claimed]
        if not held or self._claims is None:
            return
        self._claimed.difference_update(held)
        try:
            await self._claims.execute(
                "SELECT pg_advisory_unlock($1, lane) FROM unnest($2::int[]) AS lane",
                _LANE_LOCK_SPACE,
                held,
            )
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as error:
            log.warning("outbox.claims_lost", error=repr(error))
            await self._drop_claims()

    async def _drop_claims(self) -> None:
        """Give the claims' connection back, unlocking every claim (a session's advisory
        locks would outlive its return to the pool, which resets nothing: db.py)."""
        claims, self._claims = self._claims, None
        held, self._claimed = self._claimed, set()
        if claims is None:
            return
        try:
            if held:
                await claims.execute("SELECT pg_advisory_unlock_all()")
            await self._pool.release(claims)
        except Exception:
            with contextlib.suppress(Exception):
                await self._pool.release(claims, timeout=1)

    async def _mark(self, conn: Connection, marks: _Marks) -> None:
        """Mark the rows acknowledged (only those still unmarked: a copy another replica sent
        meanwhile is not counted twice, ADR 0032), set aside those refused for what they are."""
        if marks.published:
            await conn.execute(
                "UPDATE outbox SET published_at = $1"
                " WHERE position = ANY($2::bigint[]) AND published_at IS NULL",
                datetime.now(UTC),
                marks.published,
            )
            self.published_total += len(marks.published)
        if marks.set_aside:
            await self._set_aside(conn, marks.set_aside)

    async def _send_all(self, rows: list[asyncpg.Record]) -> _Sends:
        """Hand every row to the producer, in order; each gets its acknowledgement's future, or
        the error that refused it before it left."""
        outcomes: list[Exception | asyncio.Future[object]] = []
        spans = [self._send_span(row["traceparent"]) for row in rows]
        try:
            for row, span in zip(rows, spans, strict=True):
                traceparent = traceparent_of(span) if span is not None else row["traceparent"]
                try:
                    outcomes.append(
                        await self._producer.send(
                            self._topic,
                            value=row["envelope"].encode("utf-8"),
                            key=row["subject"].encode("utf-8"),
                            headers=[STRUCTURED_CONTENT_TYPE, *(record_headers(traceparent) or ())],
                        )
                    )
                except (
                    RECORD_ERRORS
                ) as error:  # refused before it left (larger than the producer takes)
                    outcomes.append(error)
        except BaseException as error:
            # The producer failed as a whole (not this record): every span opened for the batch
            # ends with the error, so none is left unexported.
            _end_spans(spans, error)
            raise
        return _Sends(rows, outcomes, spans)

    def _send_span(self, traceparent: str | None) -> Span | None:
        """The send's span, child of the append that wrote the row: only for a traced row, and
        only while this process records traces (else the row's own traceparent is sent on, so
        a relay that exports nothing does not cut the trace)."""
        parent = parent_context(traceparent)
        if parent is None:
            return None
        span = tracer.start_span(
            f"publish {self._topic}",
            context=parent,
            kind=SpanKind.PRODUCER,
            attributes={"messaging.system": "kafka", "messaging.destination.name": self._topic},
        )
        return span if span.is_recording() else None

    async def _set_aside(self, conn: Connection, refused: list[tuple[int, int, Exception]]) -> None:
        """Move records the log will never take (position, lane, why) out of their lanes, into
        the dead-letter table, in one statement."""
        await conn.execute(
            "WITH aside AS ("
            " INSERT INTO outbox_dead_letters (position, lane, error, set_aside_at)"
            " SELECT position, lane, error, $4"
            " FROM unnest($1::bigint[], $2::smallint[], $3::text[]) AS r (position, lane, error)"
            " ON CONFLICT (position) DO NOTHING)"
            " DELETE FROM outbox WHERE position = ANY($1::bigint[])",
            [position for position, _, _ in refused],
            [lane for _, lane, _ in refused],
            [repr(error)[:1000] for _, _, error in refused],
            datetime.now(UTC),
        )
        for position, lane, error in refused:
            self.set_aside_total += 1
            log.error("outbox.set_aside", lane=lane, position=position, error=type(error).__name__)

    async def backlog(self) -> int:
        async with self._pool.acquire() as conn:
            return int(
                await conn.fetchval("SELECT count(*) FROM outbox WHERE published_at IS NULL")
            )
