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

A lane whose sends the broker has not acknowledged within ``lane_wait_seconds`` (its partition's
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
from dataclasses import dataclass
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

    async def wait(self, seconds: float) -> bool:
        """Whether every send settled within ``seconds``."""
        pending = [f for f in self.futures() if not f.done()]
        if pending:
            await asyncio.wait(pending, timeout=seconds)
        return self.settled()

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

        The pass is one transaction (each lane a savepoint in it): at a steady load a pass
        usually finds one row, and a transaction for the list of lanes plus one per lane was
        most of the store's transactions per event."""
        total = 0
        failed: Exception | None = None
        async with self._pool.acquire() as conn, conn.transaction():
            # The lanes come from the rows themselves, so the store's lane count is the only one.
            lanes = [
                row["lane"]
                for row in await conn.fetch(
                    "SELECT DISTINCT lane FROM outbox WHERE published_at IS NULL ORDER BY lane"
                )
            ]
            for lane in lanes:
                # A lane that cannot send now does not hold back the lanes after it; what it
                # sent before failing is still marked (its savepoint is released, not undone).
                try:
                    async with conn.transaction():
                        published, error = await self._publish_lane(conn, lane)
                except Exception as database_error:
                    failed = failed or database_error
                    continue
                total += published
                failed = failed or error
        await self._claim_in_flight()
        if failed is not None:
            raise failed
        return total

    async def _claim_in_flight(self) -> None:
        """Hold every lane still in flight against the other replicas (see the module's
        docstring); give the claims' connection back once no lane is. Best effort: a claim
        lost with its connection only lets another replica send a copy."""
        try:
            unclaimed = [lane for lane in self._in_flight if lane not in self._claimed]
            if unclaimed and self._claims is None:
                self._claims = await self._pool.acquire()
            for lane in unclaimed:
                assert self._claims is not None
                if await self._claims.fetchval(
                    "SELECT pg_try_advisory_lock($1, $2)", _LANE_LOCK_SPACE, lane
                ):
                    self._claimed.add(lane)
            if not self._in_flight:
                await self._drop_claims()
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as error:
            log.warning("outbox.claims_lost", error=repr(error))
            await self._drop_claims()

    async def _release_claim(self, lane: int) -> None:
        if lane not in self._claimed or self._claims is None:
            return
        self._claimed.discard(lane)
        try:
            await self._claims.fetchval("SELECT pg_advisory_unlock($1, $2)", _LANE_LOCK_SPACE, lane)
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

    async def _publish_lane(self, conn: Connection, lane: int) -> tuple[int, Exception | None]:
        """Send the lane's pending rows in order and mark those acknowledged; the rows that left
        the outbox, and the error that stopped the lane (its later rows stay pending)."""
        settled = 0
        sends = self._in_flight.get(lane)
        if sends is not None:
            if not sends.settled():
                return 0, None  # still waiting for the broker: never sent twice by this replica
            # Marked without the lane's lock: acknowledged rows are on the log, whoever sends
            # the lane next. Then the lane's later rows, as usual.
            del self._in_flight[lane]
            await self._release_claim(lane)
            settled, error = await self._settle(conn, lane, sends)
            if error is not None:
                return settled, error
        locked = await conn.fetchval(
            "SELECT pg_try_advisory_xact_lock($1, $2)", _LANE_LOCK_SPACE, lane
        )
        if not locked:
            return settled, None  # another replica is publishing this lane
        rows = await conn.fetch(
            "SELECT o.position, o.traceparent, e.subject, e.envelope FROM outbox o"
            " JOIN events e USING (position)"
            " WHERE o.lane = $1 AND o.published_at IS NULL ORDER BY o.position LIMIT $2",
            lane,
            self._batch_size,
        )
        if not rows:
            return settled, None
        # send() only enqueues; the batch goes out together and is acknowledged in order.
        sends = await self._send_all(rows)
        if not await sends.wait(self._lane_wait):
            # Its partition has no leader now: the other lanes go on; a settled send wakes the
            # relay, and that pass marks this lane's rows.
            self._in_flight[lane] = sends
            for future in sends.futures():
                future.add_done_callback(self._on_notify)
            return settled, None
        published, error = await self._settle(conn, lane, sends)
        return settled + published, error

    async def _settle(
        self, conn: Connection, lane: int, sends: _Sends
    ) -> tuple[int, Exception | None]:
        """Mark the rows acknowledged, set aside those refused for what they are; the count,
        and the error that stopped the lane (its later rows stay pending, in order)."""
        sent: list[int] = []
        set_aside: list[tuple[int, Exception]] = []
        retry: Exception | None = None
        for row, outcome in zip(sends.rows, sends.results(), strict=True):
            if outcome is None:
                sent.append(row["position"])
            elif isinstance(outcome, RECORD_ERRORS):
                set_aside.append((row["position"], outcome))
            else:
                # Rows after this one stay pending, so the lane keeps its order; those
                # already acknowledged are marked (a resend would only duplicate them).
                retry = outcome
                break
        await conn.execute(
            "UPDATE outbox SET published_at = $1"
            " WHERE position = ANY($2::bigint[]) AND published_at IS NULL",
            datetime.now(UTC),
            sent,
        )
        for position, error in set_aside:
            await self._set_aside(conn, lane, position, error)
        log.debug("outbox.published", lane=lane, count=len(sent))
        self.published_total += len(sent)
        return len(sent) + len(set_aside), retry

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
            for span in spans:
                if span is not None:
                    span.record_exception(error)
                    span.set_status(Status(StatusCode.ERROR, type(error).__name__))
                    span.end()
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

    async def _set_aside(
        self, conn: Connection, lane: int, position: int, error: Exception
    ) -> None:
        """Move a record the log will never take out of its lane, into the dead-letter table."""
        await conn.execute(
            "INSERT INTO outbox_dead_letters (position, lane, error, set_aside_at)"
            " VALUES ($1, $2, $3, $4) ON CONFLICT (position) DO NOTHING",
            position,
            lane,
            repr(error)[:1000],
            datetime.now(UTC),
        )
        await conn.execute("DELETE FROM outbox WHERE position = $1", position)
        self.set_aside_total += 1
        log.error("outbox.set_aside", lane=lane, position=position, error=type(error).__name__)

    async def backlog(self) -> int:
        async with self._pool.acquire() as conn:
            return int(
                await conn.fetchval("SELECT count(*) FROM outbox WHERE published_at IS NULL")
            )
