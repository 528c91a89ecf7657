"""Consumers of the log: projections and policies (docs/architecture.md §5, §6).

A consumer reads the topic in a Kafka consumer group (partition-parallel across replicas) but
keeps its position in PostgreSQL, written in the same transaction as the rows its handler
produced. So redelivery changes nothing:
- a record below the stored position of its partition is skipped (the position row is locked
  for the batch, which also fences a replica that lost the partition in a rebalance);
- a second copy of an event (the relay republished it) is skipped by (stream, version);
- a record that cannot be read (not JSON, not an envelope, a broken hash), that is not signed by
  a trusted key of the service owning its type (ADR 0020), or that the handler declares poison
  goes to the dead-letter topic with the reason, and the consumer goes on.
Any other error is a bug or an outage: the batch rolls back and is retried; nothing is skipped.

One consumer may feed several handlers (reporting's projections, ADR 0024): one Kafka consumer,
one transaction per batch, one statement to lock all their position rows and read all their
stream versions (two when another transaction wrote those rows meanwhile). Each handler
keeps its own position rows and stream versions, under its own name, exactly as if it had a
consumer of its own: the consumer reads from the lowest of their positions and gives each handler
only the records at or after its own. So a rebuild's swap (which locks and sets one handler's
rows) and anything reading a handler's position work unchanged, and a handler added later starts
from its own offset 0.

One transaction per poll, not per partition. Under a steady trickle (figure 4 of
docs/benchmarks.md: 50 commands/s, about 72 records/s over 12 partitions) nearly every batch held
one record, and a batch costs BEGIN, the lock, the handlers' statements, the save and COMMIT:
one transaction per record on a service whose target is two per record for everything it does
(issue 12), and each round trip is CPU on a saturated machine. So the records of every partition
one poll returned are applied in one transaction: one statement locks the position rows of all of
them, one saves them all. And after a poll that returned records the consumer lingers
(``linger_ms``, the services' ``<SERVICE>_CONSUMER_LINGER_MS``, 10 ms by default) and takes
whatever else has arrived, so a trickle is applied in fewer, larger transactions; an idle consumer
wakes no more often than without it. A batch that meets a poison record (the handler's
``PoisonEventError``, PostgreSQL's ``DataError``) is redone one partition at a time, as before.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import asyncpg
import structlog
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from aiokafka.abc import ConsumerRebalanceListener
from asyncpg.pool import PoolConnectionProxy
from pydantic import ValidationError

from noncoop_shared.consumer_tracing import UNTRACED, BatchTrace
from noncoop_shared.db import Connection
from noncoop_shared.envelope import Envelope
from noncoop_shared.errors import ConcurrencyConflictError
from noncoop_shared.kafka import KafkaAccess
from noncoop_shared.signing import TrustStore
from noncoop_shared.text import unrecordable
from noncoop_shared.tracing import TRACEPARENT

log = structlog.get_logger("noncoop.consumer")

KAFKA_COMMIT_INTERVAL_SECONDS = 1.0
"""How often, at most, a consumer commits its offsets to Kafka (informational: lag tools)."""

MAX_LINGER_MS = 1000
"""The longest a consumer may linger after a poll (``<SERVICE>_CONSUMER_LINGER_MS``)."""

Polled = Mapping[TopicPartition, Sequence[ConsumerRecord[bytes, bytes]]]
"""What ``getmany`` returns: per partition, its records in offset order."""


class PoisonEventError(Exception):
    """Raised by a handler for an event it can never process (sent to the dead-letter topic)."""


class EventHandler(Protocol):
    """What a projection or a policy implements. ``apply`` runs inside the batch transaction.

    A handler may also define ``apply_batch(conn, events: Sequence[LogEvent])``: it is then
    given all the fresh events of a batch at once, in log order, with their log positions,
    instead of one ``apply`` per event. Projections do, so that a batch costs a few statements,
    not a few per event (a rebuild reads a million events); see :class:`BatchEventHandler`.

    And ``wants(envelope) -> bool``: the events it has anything to do with (say, the calendar's
    two types among a million case events). The others are neither applied nor remembered
    for dedupe, which would cost a row per stream of the log for nothing.
    """

    name: str

    async def apply(self, conn: Connection, envelope: Envelope) -> None: ...


@dataclass(frozen=True)
class LogPosition:
    """Where a record sits in the log (the audit trail keeps it: checkpoints are verified
    against the log)."""

    partition: int
    offset: int


@dataclass(frozen=True)
class LogEvent:
    """An envelope read from the log, and where."""

    envelope: Envelope
    position: LogPosition
    raw: bytes = b""
    """The record's value as read (empty when there is none: an envelope applied directly)."""


class BatchEventHandler(EventHandler, Protocol):
    async def apply_batch(self, conn: Connection, events: Sequence[LogEvent]) -> None: ...


@dataclass(frozen=True)
class DeadLetter:
    record: ConsumerRecord[bytes, bytes]
    reason: str
    consumer: str = ""
    """the handler that refused it (empty: the record itself is unreadable)"""


@dataclass(frozen=True)
class ReadRecord:
    """A record as :func:`read_records` found it: its envelope, or why it has none."""

    record: ConsumerRecord[bytes, bytes]
    envelope: Envelope | None
    reason: str = ""


def read_records(
    records: Sequence[ConsumerRecord[bytes, bytes]], trust: TrustStore
) -> list[ReadRecord]:
    """Decode and check records (JSON, envelope, hash, signer, key). Pure: a rebuild decodes a
    batch once and gives the result to every projection's :meth:`LogConsumer.process_read`."""
    read: list[ReadRecord] = []
    for record in records:
        envelope, reason = _read(record, trust)
        read.append(ReadRecord(record, envelope, reason))
    return read


class LogConsumer:
    """Feeds ``handler`` (or each of several handlers, in the order given) from the log.

    ``name``: the consumer's own (its Kafka group, its dead letters, its metrics); by default
    the handler's. Several handlers need one, and distinct names of their own.

    ``linger_ms``: after a poll that returned records, how long to wait for more before applying
    them (0: not at all); see the module docstring.

    ``fetch_max_wait_ms``: how long the broker holds a fetch that finds nothing (Kafka's
    ``fetch.max.wait.ms``), which is also about how long :meth:`run` takes to end once cancelled
    (``ServiceSettings.consumer_fetch_max_wait_ms``).
    """

    def __init__(
        self,
        pool: asyncpg.Pool,
        handler: EventHandler | Sequence[EventHandler],
        *,
        kafka: KafkaAccess,
        topic: str,
        dead_letter_topic: str,
        dead_letter_producer: AIOKafkaProducer,
        trust: TrustStore,
        group_id: str | None = None,
        batch_size: int = 500,
        name: str | None = None,
        linger_ms: int = 0,
        fetch_max_wait_ms: int = 500,
    ) -> None:
        handlers = list(handler) if isinstance(handler, Sequence) else [handler]
        if not handlers:
            raise ValueError("a consumer needs a handler")
        if not 0 <= linger_ms <= MAX_LINGER_MS:
            raise ValueError(f"linger_ms must be between 0 and {MAX_LINGER_MS}, got {linger_ms}")
        names = [h.name for h in handlers]
        if len(set(names)) != len(names):
            raise ValueError(f"handlers of one consumer need distinct names: {names}")
        if name is None and len(handlers) > 1:
            raise ValueError("a consumer of several handlers needs a name of its own")
        self._pool = pool
        self._trust = trust
        self._handlers = handlers
        self._name = name or handlers[0].name
        # Position rows are locked in (handler name, partition) order, the order a rebuild's swap
        # locks them in (consumer, partition): two batches, or a batch and a swap, never deadlock.
        self._names = sorted(names)
        self._kafka = kafka
        self._topic = topic
        self._dlq_topic = dead_letter_topic
        self._dlq = dead_letter_producer
        # One group per consumer and topic: a group never mixes two logs' positions.
        self._group_id = group_id or f"{self._name}@{topic}"
        self._batch_size = batch_size
        self._linger_ms = linger_ms
        self._fetch_max_wait_ms = fetch_max_wait_ms
        self._consumer: AIOKafkaConsumer | None = None
        self._commit: asyncio.Task[None] | None = None
        self._to_commit: dict[TopicPartition, int] = {}
        self._held: PoolConnectionProxy[Any] | None = None
        self.running = False
        self.applied_total = 0
        self.dead_lettered_total = 0

    @property
    def name(self) -> str:
        return self._name

    @property
    def handlers(self) -> list[EventHandler]:
        return list(self._handlers)

    @property
    def handler_names(self) -> list[str]:
        """The names its handlers keep their positions and stream versions under."""
        return list(self._names)

    @property
    def topic(self) -> str:
        return self._topic

    @property
    def kafka(self) -> KafkaAccess:
        return self._kafka

    @property
    def trust(self) -> TrustStore:
        """Whose signatures it believes (a rebuild checks records once for all consumers)."""
        return self._trust

    async def run(self) -> None:
        consumer = AIOKafkaConsumer(
            **self._kafka.client_kwargs(),
            group_id=self._group_id,
            client_id=f"{self._group_id}-consumer",
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            isolation_level="read_committed",
            max_poll_records=self._batch_size,
            fetch_max_wait_ms=self._fetch_max_wait_ms,
        )
        consumer.subscribe([self._topic], listener=_SeekToStoredPositions(self))
        self._consumer = consumer  # before start(): the first assignment may come during it
        try:
            await consumer.start()
            self.running = True
            while True:
                polled = await consumer.getmany(timeout_ms=500, max_records=self._batch_size)
                if polled:
                    await self._process_with_retry(await self._linger(consumer, polled))
        finally:
            self.running = False
            self._consumer = None
            await self._release_held()
            if self._commit is not None:
                self._commit.cancel()
            with contextlib.suppress(Exception):
                await consumer.stop()

    async def _linger(self, consumer: AIOKafkaConsumer, polled: Polled) -> Polled:
        """``polled`` and whatever else arrives within ``linger_ms`` (up to a batch): a steady
        trickle of records is applied in fewer, larger transactions (module docstring). Only
        after a poll that returned records, so an idle consumer wakes no more often for it.

        Polled until the time is up rather than once at its end: the fetcher asks the broker
        for more only once the records it holds are taken, so a single poll at the end would
        get what one fetch brought, not everything that arrived meanwhile."""
        taken = sum(len(records) for records in polled.values())
        if self._linger_ms == 0:
            return polled
        loop = asyncio.get_running_loop()
        until = loop.time() + self._linger_ms / 1000
        while taken < self._batch_size and (left := until - loop.time()) > 0:
            more = await consumer.getmany(
                timeout_ms=math.ceil(left * 1000), max_records=self._batch_size - taken
            )
            if more:
                polled = _merged(polled, more)
                taken = sum(len(records) for records in polled.values())
        return polled

    async def _process_with_retry(self, polled: Polled) -> None:
        backoff = 0.1
        batches = {tp.partition: records for tp, records in polled.items()}
        while True:
            try:
                await self.process_many(batches)
                return
            # A conflict: a policy raced a command on a stream; the batch decides again. A
            # deadlock (PostgresError) too: a batch and a rebuild's swap lock existing position
            # rows in one order, but creating rows both lack may still meet the other's insert.
            except (
                TimeoutError,
                OSError,
                asyncpg.PostgresError,
                ConcurrencyConflictError,
            ) as error:
                log.warning("consumer.batch_failed", consumer=self.name, error=repr(error))
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 5.0)

    async def stored_positions(self) -> dict[int, int]:
        """Per partition, where the consumer stands: the lowest of its handlers' positions (a
        partition some handler has no row for is left out: that handler starts at 0)."""
        async with self._pool.acquire() as conn:
            rows = await conn.fetch(
                "SELECT partition, min(next_offset) AS next_offset FROM consumer_positions"
                " WHERE consumer = ANY($1::text[]) AND topic = $2"
                " GROUP BY partition HAVING count(*) = $3",
                self._names,
                self._topic,
                len(self._names),
            )
        return {row["partition"]: row["next_offset"] for row in rows}

    async def process(
        self, partition: int, records: Sequence[ConsumerRecord[bytes, bytes]]
    ) -> None:
        """Apply one partition's batch; public so tests can drive it without a poll loop."""
        await self.process_many({partition: records})

    async def process_many(
        self, batches: Mapping[int, Sequence[ConsumerRecord[bytes, bytes]]]
    ) -> None:
        """Apply the batches of several partitions (what one poll returned) in one
        transaction; per partition, its records in offset order."""
        await self.process_read_many(
            {p: read_records(records, self._trust) for p, records in batches.items() if records}
        )

    async def process_read(self, partition: int, records: Sequence[ReadRecord]) -> None:
        """:meth:`process` for records already decoded by :func:`read_records`."""
        await self.process_read_many({partition: records})

    async def process_read_many(self, batches: Mapping[int, Sequence[ReadRecord]]) -> None:
        """:meth:`process_many` for records already decoded by :func:`read_records`."""
        # In partition order: the order the position rows are locked and handlers see them.
        batch = {p: list(batches[p]) for p in sorted(batches) if batches[p]}
        if not batch:
            return
        try:
            await self._process(batch, careful=False)
        except (PoisonEventError, asyncpg.DataError):
            # Some record in the batch is poison (the handler says so, or PostgreSQL refuses
            # its data, which it will do every time). One partition's batch is redone one
            # savepoint per record, so only that record goes to the dead-letter topic; several
            # partitions' are redone one partition at a time, each the same way if need be.
            if len(batch) == 1:
                await self._process(batch, careful=True)
                return
            for partition, records in batch.items():
                await self.process_read_many({partition: records})

    async def _process(self, batch: dict[int, list[ReadRecord]], *, careful: bool) -> None:
        """Apply ``batch`` (partition -> its records, in offset order) in one transaction."""
        dead: list[DeadLetter] = []
        applied = 0
        batch_trace = UNTRACED
        try:
            async with self._connection() as conn, conn.transaction():
                # Per handler, the records it wants (the others are neither applied nor
                # remembered); their streams' versions come with the positions, in one statement.
                wanting = self._wanted(batch)
                streams = {
                    read.envelope.stream  # type: ignore[union-attr]
                    for _, _, wanted in wanting
                    for records in wanted.values()
                    for read in records
                }
                positions, versions = await self._lock_positions(conn, list(batch), streams)
                fresh = _fresh(batch, positions, self._names)
                if not fresh:
                    return
                if self.running:  # live records only: a rebuild's traces ended long ago
                    batch_trace = BatchTrace(
                        self.name, self._topic, [r for records in fresh.values() for r in records]
                    )
                dead.extend(
                    DeadLetter(r.record, r.reason)
                    for records in fresh.values()
                    for r in records
                    if r.envelope is None
                )
                seen: dict[tuple[str, str], int] = {}  # (handler, stream) -> version applied
                for handler, takes_all, wanted in wanting:
                    applied += await self._apply_to(
                        conn,
                        handler,
                        takes_all,
                        [  # each from its own position in each partition, partition by partition
                            read
                            for partition, records in wanted.items()
                            for read in records
                            if read.record.offset >= positions[(handler.name, partition)]
                        ],
                        versions,
                        seen,
                        dead,
                        batch_trace,
                        careful=careful,
                    )
                next_offsets = {p: records[-1].record.offset + 1 for p, records in fresh.items()}
                await self._save(conn, next_offsets, seen)
                # Dead letters are sent before the commit: if we crash in between, the record is
                # read again and dead-lettered twice, which is harmless; never zero times.
                for letter in dead:
                    await self._dead_letter(letter)
        except BaseException as error:
            batch_trace.end(error)
            raise
        batch_trace.end()
        self.applied_total += applied
        self.dead_lettered_total += len(dead)
        if self._consumer is not None:
            # Kafka's own committed offset is informational (lag tools); PostgreSQL is the
            # truth. So it is not awaited on the way of the next batch: one task commits the
            # newest offset of every partition, as often as it can.
            for partition, next_offset in next_offsets.items():
                self._to_commit[TopicPartition(self._topic, partition)] = next_offset
            if self._commit is None or self._commit.done():
                self._commit = asyncio.create_task(self._commit_offsets(self._consumer))

    def _wanted(
        self, batch: dict[int, list[ReadRecord]]
    ) -> list[tuple[EventHandler, bool, dict[int, list[ReadRecord]]]]:
        """Per handler (in the order given): whether it takes every event, and per partition
        the readable records it wants, wherever its position stands."""
        wanting: list[tuple[EventHandler, bool, dict[int, list[ReadRecord]]]] = []
        for handler in self._handlers:
            wants = getattr(handler, "wants", None)
            wanted = {
                partition: [
                    read
                    for read in records
                    if read.envelope is not None and (wants is None or wants(read.envelope))
                ]
                for partition, records in batch.items()
            }
            wanting.append((handler, wants is None, wanted))
        return wanting

    async def _apply_to(
        self,
        conn: Connection,
        handler: EventHandler,
        takes_all: bool,
        wanted: list[ReadRecord],
        versions: dict[tuple[str, str], int],
        seen: dict[tuple[str, str], int],
        dead: list[DeadLetter],
        batch_trace: BatchTrace,
        *,
        careful: bool,
    ) -> int:
        """Apply one handler's share of a batch (less second copies); the new stream versions
        go to ``seen``, the records it refuses (``careful``: one savepoint each) to ``dead``."""
        applied = 0
        events: list[LogEvent] = []
        for read in wanted:
            envelope = read.envelope
            assert envelope is not None
            key = (handler.name, envelope.stream)
            last = versions.get(key, 0)
            if envelope.streamversion <= last:
                continue  # a second copy of an event already applied
            # (A handler that picks its events sees gaps in a stream by design.)
            if takes_all and envelope.streamversion > last + 1:
                log.warning(
                    "consumer.stream_gap",
                    consumer=handler.name,
                    stream=envelope.stream,
                    expected=last + 1,
                    got=envelope.streamversion,
                )
            event = LogEvent(
                envelope,
                LogPosition(read.record.partition, read.record.offset),
                read.record.value or b"",
            )
            if careful:
                try:
                    with batch_trace.apply(handler.name, [read]):
                        async with conn.transaction():
                            await _apply(handler, conn, [event])
                except PoisonEventError as error:
                    dead.append(DeadLetter(read.record, f"handler refused: {error}", handler.name))
                    continue
                except asyncpg.DataError as error:
                    dead.append(
                        DeadLetter(read.record, f"the database refused it: {error}", handler.name)
                    )
                    continue
            else:
                events.append(event)
            versions[key] = envelope.streamversion
            seen[key] = envelope.streamversion
            applied += 1
        if events:
            with batch_trace.apply(handler.name, wanted):
                await _apply(handler, conn, events)
        return applied

    async def _commit_offsets(self, consumer: AIOKafkaConsumer) -> None:
        # At most one commit a second: each is a request the broker serves, and under a steady
        # load that was one per batch, for a figure nobody reads more often than that.
        while self._to_commit:
            offsets, self._to_commit = self._to_commit, {}
            with contextlib.suppress(Exception):
                await consumer.commit(offsets)
            await asyncio.sleep(KAFKA_COMMIT_INTERVAL_SECONDS)

    @contextlib.asynccontextmanager
    async def _connection(self) -> AsyncIterator[Connection]:
        """While the consumer runs, one connection held for its life (a pool's acquire and
        release cost a reset round trip per batch, and batches are small when the log is
        quiet); dropped back to the pool on any error, so a broken one is never reused.
        Outside ``run`` (tests, a rebuild), a pooled connection per batch."""
        if not self.running:
            async with self._pool.acquire() as conn:
                yield conn
            return
        if self._held is None:
            self._held = await self._pool.acquire()
        try:
            yield self._held
        except BaseException:
            await self._release_held()
            raise

    async def _release_held(self) -> None:
        held, self._held = self._held, None
        if held is not None:
            with contextlib.suppress(Exception):
                await self._pool.release(held)

    async def _lock_positions(
        self, conn: Connection, partitions: list[int], streams: set[str]
    ) -> tuple[dict[tuple[str, int], int], dict[tuple[str, str], int]]:
        """(handler name, partition) -> its next offset, for each handler and each of
        ``partitions``, its row locked (the no-op update) for the batch and created if new, in
        (name, partition) order; and (handler name, stream) -> the last version that handler
        applied, for ``streams``. One round trip, unless another transaction wrote one of those
        position rows meanwhile (see _LOCK_POSITIONS_READ_VERSIONS)."""
        held = [(name, partition) for name in self._names for partition in sorted(partitions)]
        keys = (
            [name for name, _ in held],
            self._topic,
            [partition for _, partition in held],
            list(streams),
        )
        rows = await conn.fetch(_LOCK_POSITIONS_READ_VERSIONS, *keys)
        positions, versions = _positions_and_versions(rows)
        if len(positions) < len(held):
            # A row was written after the statement's snapshot was taken (another replica's
            # batch, a rebuild's swap): the versions it read may be older than the row we now
            # hold. Read them all again, every partition's: a new statement's snapshot sees
            # whoever held the lock.
            rows = await conn.fetch(_READ_POSITIONS_AND_VERSIONS, *keys)
            positions, versions = _positions_and_versions(rows)
        return positions, versions

    async def _save(
        self, conn: Connection, next_offsets: dict[int, int], seen: dict[tuple[str, str], int]
    ) -> None:
        """Every handler's position in each partition of ``next_offsets``, and the stream
        versions ``seen``: one round trip for all (a data-modifying CTE always runs, even with
        no versions). Each partition whose streams' versions are written has its position rows
        written too, which the xmin guard of _LOCK_POSITIONS_READ_VERSIONS relies on."""
        await conn.execute(
            "WITH position AS (UPDATE consumer_positions AS held SET next_offset = saved.next"
            " FROM unnest($3::int[], $4::bigint[]) AS saved(partition, next)"
            " WHERE held.consumer = ANY($1::text[]) AND held.topic = $2"
            " AND held.partition = saved.partition)"
            " INSERT INTO consumer_streams (consumer, stream, version)"
            " SELECT * FROM unnest($5::text[], $6::text[], $7::int[])"
            " ON CONFLICT (consumer, stream) DO UPDATE SET version = EXCLUDED.version"
            " WHERE consumer_streams.version < EXCLUDED.version",
            self._names,
            self._topic,
            list(next_offsets),
            list(next_offsets.values()),
            [name for name, _ in seen],
            [stream for _, stream in seen],
            list(seen.values()),
        )

    async def _dead_letter(self, letter: DeadLetter) -> None:
        record = letter.record
        headers = [
            ("noncoop.dlq.reason", letter.reason.encode("utf-8")[:2000]),
            ("noncoop.dlq.consumer", (letter.consumer or self.name).encode("utf-8")),
            ("noncoop.dlq.topic", record.topic.encode("utf-8")),
            ("noncoop.dlq.partition", str(record.partition).encode("ascii")),
            ("noncoop.dlq.offset", str(record.offset).encode("ascii")),
            # The record's trace goes on with it: whoever looks at the dead letter finds it.
            *((key, value) for key, value in record.headers or () if key == TRACEPARENT),
        ]
        await self._dlq.send_and_wait(
            self._dlq_topic, value=record.value, key=record.key, headers=headers
        )
        log.error(
            "consumer.dead_lettered",
            consumer=letter.consumer or self.name,
            partition=record.partition,
            offset=record.offset,
            reason=letter.reason,
        )

    async def partition_lags(self) -> dict[int, tuple[int, int]]:
        """Per assigned partition: (next offset to apply, records on the broker not applied)."""
        consumer = self._consumer
        if consumer is None:
            return {}
        stored = await self.stored_positions()
        lags: dict[int, tuple[int, int]] = {}
        for tp in consumer.assignment():
            position = stored.get(tp.partition, 0)
            highwater = consumer.highwater(tp)
            lags[tp.partition] = (position, max(0, (highwater or position) - position))
        return lags


# Locking the position rows and reading the stream versions in one statement. In READ COMMITTED
# a statement reads with the snapshot taken when it began, before any wait for a row lock (the
# sub-statements of a WITH share it), while ON CONFLICT DO UPDATE locks the newest version of the
# row whatever that snapshot sees. So the versions read could be older than a transaction that
# held the lock and committed meanwhile: another replica's batch over the same records during a
# rebalance, a rebuild's swap. Each transaction that writes a handler's stream versions holds
# and updates its position rows of the partitions those streams sit in (the consumer's save
# writes those of every partition whose records it applied, the swap all of them; a stream's
# records all sit in one partition, keyed by its subject), so the newest version of a row is the
# one the snapshot sees (same xmin) only if no such transaction committed since. The no-op
# update applies only then; a row locked but not updated is not returned, and any (handler,
# partition) missing from the result makes the consumer read every position and version of the
# batch again, in a statement of its own whose snapshot comes after all the locks (tested:
# test_consumer.py). $1 and $3 are the (handler name, partition) pairs, locked in that order.
_LOCK_POSITIONS_READ_VERSIONS = """
WITH locked AS (
    INSERT INTO consumer_positions AS held (consumer, topic, partition, next_offset)
    SELECT name, $2, partition, 0
    FROM unnest($1::text[], $3::int[]) WITH ORDINALITY AS h(name, partition, n) ORDER BY n
    ON CONFLICT (consumer, topic, partition) DO UPDATE SET next_offset = held.next_offset
    WHERE held.xmin = (
        SELECT visible.xmin FROM consumer_positions AS visible
        WHERE visible.consumer = held.consumer AND visible.topic = held.topic
          AND visible.partition = held.partition
    )
    RETURNING consumer, partition, next_offset
)
SELECT consumer, partition, NULL::text AS stream, next_offset AS number FROM locked
UNION ALL
SELECT consumer, NULL, stream, version FROM consumer_streams
WHERE consumer = ANY($1::text[]) AND stream = ANY($4::text[])
"""

# The same answer once the rows are locked (by this transaction): a statement of its own, so
# its snapshot is taken after the locks were granted. The pairs of $1 and $3 are every name with
# every partition, so the rows of those names and partitions are exactly the locked ones.
_READ_POSITIONS_AND_VERSIONS = """
SELECT consumer, partition, NULL::text AS stream, next_offset AS number FROM consumer_positions
WHERE consumer = ANY($1::text[]) AND topic = $2 AND partition = ANY($3::int[])
UNION ALL
SELECT consumer, NULL, stream, version FROM consumer_streams
WHERE consumer = ANY($1::text[]) AND stream = ANY($4::text[])
"""


def _positions_and_versions(
    rows: Sequence[asyncpg.Record],
) -> tuple[dict[tuple[str, int], int], dict[tuple[str, str], int]]:
    """The rows of either statement above: a position row has no stream."""
    positions: dict[tuple[str, int], int] = {}
    versions: dict[tuple[str, str], int] = {}
    for row in rows:
        if row["stream"] is None:
            positions[(row["consumer"], row["partition"])] = int(row["number"])
        else:
            versions[(row["consumer"], row["stream"])] = int(row["number"])
    return positions, versions


def _fresh(
    batch: dict[int, list[ReadRecord]], positions: dict[tuple[str, int], int], names: list[str]
) -> dict[int, list[ReadRecord]]:
    """Per partition, its records from the lowest of the handlers' positions there on (the
    partitions with none left out)."""
    fresh: dict[int, list[ReadRecord]] = {}
    for partition, records in batch.items():
        start = min(positions[(name, partition)] for name in names)
        kept = [read for read in records if read.record.offset >= start]
        if kept:
            fresh[partition] = kept
    return fresh


def _merged(polled: Polled, more: Polled) -> Polled:
    """Two polls' records, per partition in offset order (a rebalance between them may have
    sought back: a record both returned is kept once)."""
    merged = dict(polled)
    for tp, records in more.items():
        earlier = merged.get(tp)
        if not earlier:
            merged[tp] = records
            continue
        by_offset = {record.offset: record for record in (*earlier, *records)}
        merged[tp] = [by_offset[offset] for offset in sorted(by_offset)]
    return merged


async def _apply(handler: EventHandler, conn: Connection, events: Sequence[LogEvent]) -> None:
    apply_batch = getattr(handler, "apply_batch", None)
    if apply_batch is not None:
        await apply_batch(conn, events)
        return
    for event in events:
        await handler.apply(conn, event.envelope)


def _read(record: ConsumerRecord[bytes, bytes], trust: TrustStore) -> tuple[Envelope | None, str]:
    """Decode and check one record; ``(None, reason)`` when it is unreadable, tampered, or not
    signed by a trusted key of the service that owns its type."""
    if record.value is None:
        return None, "empty record value"
    try:
        envelope = Envelope.model_validate_json(record.value)
    except ValidationError as error:
        if error.errors()[0]["type"] == "json_invalid":
            return None, f"not JSON: {error.errors()[0]['msg']}"
        return None, f"not a valid envelope: {_first_error(error)}"
    except (ValueError, UnicodeDecodeError) as error:
        return None, f"not JSON: {error}"
    if not envelope.hash_is_valid_for(record.value):
        return None, f"hash mismatch for event {envelope.id}: altered after it was sealed"
    untrusted = trust.problem_with(envelope)
    if untrusted is not None:
        return None, f"untrusted signer: {untrusted}"
    if b"\\u0000" in record.value:  # rare: only then is the whole record walked
        # Text only: a projection stores a large integer (numeric, jsonb) but never a NUL.
        found = unrecordable(json.loads(record.value), ("record",), integers=False)
        if found is not None:
            return None, f"{found[0]} {found[1]}: no projection can store it"
    if record.key is not None and record.key.decode("utf-8", "replace") != envelope.subject:
        return None, f"record key does not match the event subject {envelope.subject}"
    return envelope, ""


def _first_error(error: ValidationError) -> str:
    first: dict[str, Any] = dict(error.errors()[0])
    location = ".".join(str(part) for part in first.get("loc", ()))
    return f"{location or 'value'}: {first.get('msg')}" + (
        f" ({len(error.errors())} errors)" if len(error.errors()) > 1 else ""
    )


class _SeekToStoredPositions(ConsumerRebalanceListener):  # type: ignore[misc]
    """On assignment, start each partition where PostgreSQL says this consumer stands."""

    def __init__(self, owner: LogConsumer) -> None:
        self._owner = owner

    async def on_partitions_revoked(self, revoked: Any) -> None:
        return None

    async def on_partitions_assigned(self, assigned: Any) -> None:
        consumer = self._owner._consumer
        if consumer is None:
            return
        stored = await self._owner.stored_positions()
        for tp in assigned:
            # Never Kafka's committed offset: PostgreSQL alone says where this consumer stands.
            # Offset 0 for a partition it never read: should the log ever start later, the
            # consumer's auto_offset_reset="earliest" moves to its first record. (Not
            # seek_to_beginning: it waits for the broker, and would hold up the rebalance.)
            consumer.seek(tp, stored.get(tp.partition, 0))


__all__ = [
    "BatchEventHandler",
    "EventHandler",
    "LogConsumer",
    "LogEvent",
    "LogPosition",
    "PoisonEventError",
    "ReadRecord",
    "read_records",
]
