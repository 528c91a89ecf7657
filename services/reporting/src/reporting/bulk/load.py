"""A rebuild's bulk load: partitions of the log read in windows, folded in memory, written by
``COPY`` (ADR 0025). One process runs :func:`load` for its share of the partitions.

Per window (about :data:`WINDOW` records of the process's partitions, each in log order):

1. ``bulk_read.read_window``: every record decoded and checked once, signatures verified where
   they decide something; the verdicts are the live consumer's;
2. per consumer, the live consumer's own bookkeeping: unreadable records are dead letters,
   records the projection does not want are skipped, a second copy of a stream version is
   skipped, an event the projection declares poison is a dead letter and leaves no trace;
   the others go to the projection's fold (``reporting.bulk.folds``). Projections without a
   fold get the window through the live ``LogConsumer.process_read``, on the new schema;
3. the window's rows are written by ``COPY`` while the next window is folded.

At the end: the folds' last rows, then each consumer's position (the target offsets) and
stream versions, as the live consumer would have stored them.
"""

from __future__ import annotations

import asyncio
import gc
import time
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, field
from typing import Any, cast

import asyncpg
import structlog
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition

from noncoop_shared.bulk_read import BulkRecord, as_envelope, read_window
from noncoop_shared.consumer import (
    EventHandler,
    LogConsumer,
    LogPosition,
    PoisonEventError,
    ReadRecord,
)
from noncoop_shared.kafka import KafkaAccess
from noncoop_shared.signing import TrustStore
from reporting.bulk.folds import (
    BULK_FOLDS,
    BulkEvent,
    Fold,
    ProceduralStateFold,
    PublicRegisterFold,
    Row,
)
from reporting.projections.registry import PROJECTIONS
from reporting.replay import log_reader

log = structlog.get_logger("reporting.bulk")

WINDOW = 8_000
"""Records per window: the longer, the fewer signatures to verify (one per stream and window)
and the larger each ``COPY``; bounded for memory (a record read and decoded holds about 10 kB
of Python objects until its window is copied)."""
STALL_SECONDS = 60.0
COLLECT_EVERY = 10
"""Windows between two runs of the cyclic garbage collector (:func:`load`)."""


class BulkLoadError(RuntimeError):
    pass


class DataRefusedError(BulkLoadError):
    """PostgreSQL refused a row (a data exception, class 22): the live consumer dead-letters
    that record for that projection alone, which a COPY cannot; the rebuild starts over on the
    live consumer's path (``reporting.rebuild``). Plain text, so that it crosses processes."""


@dataclass(frozen=True)
class BulkJob:
    """What one process loads: these projections, from these partitions, up to ``targets``."""

    dsn: str
    schema: str
    kafka: KafkaAccess
    topic: str
    projections: tuple[str, ...]
    partitions: tuple[int, ...]
    targets: dict[int, int]
    trust: TrustStore
    window: int = WINDOW


@dataclass
class BulkOutcome:
    applied: dict[str, int] = field(default_factory=dict)
    """per projection: the events it applied"""
    dead_letters_seen: int = 0
    late_register_rows: list[Row] = field(default_factory=list)
    """public register rows to upsert once the table has its key (``PublicRegisterFold``)"""
    late_procedural_facts: dict[tuple[str, str], bytes] = field(default_factory=dict)
    """per (audience, case): facts to save once the tables have their keys
    (``ProceduralStateFold.late_facts``)"""
    seconds: dict[str, float] = field(default_factory=dict)
    """where the time went: reading, checking, folding, waiting for COPY"""


class _DeadLetters:
    """Stands in for the live consumers' dead-letter producer: counted, not sent again."""

    def __init__(self) -> None:
        self.count = 0

    async def send_and_wait(self, topic: str, **_: Any) -> None:
        self.count += 1


class _Consumer:
    """One bulk-loaded projection's consumer: its fold and the live bookkeeping."""

    def __init__(self, projection: str, fold: Fold) -> None:
        self.projection = projection
        self.fold = fold
        self.versions: dict[str, int] = {}
        self.applied = 0
        self.dead = 0

    def take(self, window: list[BulkRecord], events: list[BulkEvent | None]) -> None:
        """The live ``LogConsumer._process`` decisions, record by record (module docstring);
        ``events``: the window's records as events (``None`` for a dead letter), made once for
        every consumer so that each payload is decoded once."""
        versions, fold, wants = self.versions, self.fold, self.fold.wants
        for event in events:
            if event is None:
                self.dead += 1
                continue
            envelope = event.envelope
            if not wants(envelope):
                continue
            if envelope.streamversion <= versions.get(envelope.stream, 0):
                continue  # a second copy of an event already applied
            try:
                fold.take(event)
            except PoisonEventError:
                self.dead += 1
                continue
            versions[envelope.stream] = envelope.streamversion
            self.applied += 1


def _events(window: list[BulkRecord]) -> list[BulkEvent | None]:
    return [
        None
        if item.envelope is None
        else BulkEvent(
            item.envelope,
            LogPosition(item.record.partition, item.record.offset),
            item.record.value or b"",
        )
        for item in window
    ]


async def load(job: BulkJob) -> BulkOutcome:
    """Load ``job``'s partitions into ``job.schema`` (tables there, keys and indexes dropped for
    the bulk-loaded ones: ``reporting.rebuild`` prepares them)."""
    # The cyclic garbage collector, left on, walked the window's and the folds' live objects
    # again and again (a third of the time); they hold no cycles, so it runs once per
    # ``COLLECT_EVERY`` windows instead, which still bounds any cyclic garbage. What survives a
    # run is frozen (``gc.freeze``): the next run walks only what came since, not every case's
    # facts again (a full run each time grew with the log, 4 % of a worker's time at 1M events).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return await _load(job)
    except asyncpg.DataError as error:
        raise DataRefusedError(f"{type(error).__name__}: {error}") from None
    finally:
        gc.unfreeze()
        if collecting:
            gc.enable()


async def _load(job: BulkJob) -> BulkOutcome:
    pool = await asyncpg.create_pool(
        job.dsn,
        min_size=1,
        max_size=3,
        server_settings={"search_path": job.schema, "synchronous_commit": "off"},
    )
    # A window's worth ahead, not more: what is fetched waits in memory.
    reader = log_reader(job.kafka, partition_fetch_bytes=2 << 20, fetch_bytes=16 << 20)
    dead = _DeadLetters()
    outcome = BulkOutcome()
    clock = _Clock()
    try:
        bulk = {
            name: _Consumer(name, BULK_FOLDS[name]())
            for name in job.projections
            if name in BULK_FOLDS
        }
        live = {
            name: _LiveConsumer(
                pool,
                PROJECTIONS[name].handler(),
                kafka=job.kafka,
                topic=job.topic,
                dead_letter_topic=f"{job.topic}.dlq",
                dead_letter_producer=cast(AIOKafkaProducer, dead),
                trust=job.trust,
            )
            for name in job.projections
            if name not in BULK_FOLDS
        }
        await reader.start()
        writing: asyncio.Task[None] | None = None
        windows = 0
        async for records in _windows(reader, job, clock):
            windows += 1
            if windows % COLLECT_EVERY == 0:
                with clock("gc"):
                    gc.collect()
                    gc.freeze()
            with clock("check"):
                window = read_window(records, job.trust)
            with clock("fold"):
                events = _events(window)
                for consumer in bulk.values():
                    consumer.take(window, events)
                rows = _drained(consumer.fold.drain() for consumer in bulk.values())
            with clock("live"):
                await _feed_live(live, window)
            with clock("copy_wait"):
                if writing is not None:
                    await writing
            writing = asyncio.create_task(_copy(pool, rows, bulk))
        if writing is not None:
            await writing
        with clock("finish"):
            for consumer in bulk.values():
                for rows in consumer.fold.finish():
                    # Copied while the next chunk is derived.
                    if writing is not None:
                        await writing
                    writing = asyncio.create_task(_copy(pool, rows, bulk))
            if writing is not None:
                await writing
            await _store_bookkeeping(pool, job, bulk.values())
            if live:
                await _store_live_positions(pool, job, live)
        for name, consumer in bulk.items():
            outcome.applied[name] = consumer.applied
            outcome.dead_letters_seen += consumer.dead
            if isinstance(consumer.fold, PublicRegisterFold):
                outcome.late_register_rows = consumer.fold.late_rows()
            if isinstance(consumer.fold, ProceduralStateFold):
                outcome.late_procedural_facts = consumer.fold.late_facts()
        for name, live_consumer in live.items():
            outcome.applied[name] = live_consumer.applied_total
        outcome.dead_letters_seen += dead.count
        outcome.seconds = clock.seconds
        return outcome
    finally:
        await reader.stop()
        await pool.close()


async def _windows(
    reader: AIOKafkaConsumer, job: BulkJob, clock: _Clock
) -> AsyncIterator[list[ConsumerRecord[bytes, bytes]]]:
    """Windows of the job's partitions, each partition from offset 0 up to its target."""
    partitions = [TopicPartition(job.topic, p) for p in job.partitions]
    reader.assign(partitions)
    for tp in partitions:
        reader.seek(tp, 0)
    remaining = {tp for tp in partitions if job.targets[tp.partition] > 0}
    for tp in set(partitions) - remaining:
        reader.pause(tp)
    loop = asyncio.get_running_loop()
    stalled_at = loop.time() + STALL_SECONDS
    window: list[ConsumerRecord[bytes, bytes]] = []
    while remaining:
        with clock("read"):
            batches = await reader.getmany(*remaining, timeout_ms=200, max_records=job.window)
        if not batches:
            if loop.time() > stalled_at:
                raise BulkLoadError(
                    f"partitions {sorted(tp.partition for tp in remaining)} stalled"
                )
            continue
        stalled_at = loop.time() + STALL_SECONDS
        for tp, records in batches.items():
            target = job.targets[tp.partition]
            window.extend(r for r in records if r.offset < target)
            if records[-1].offset + 1 >= target or await reader.position(tp) >= target:
                remaining.discard(tp)
                reader.pause(tp)
        if len(window) >= job.window or not remaining:
            yield window
            window = []
    if window:
        yield window


def _drained(parts: Iterable[dict[str, list[Row]]]) -> dict[str, list[Row]]:
    rows: dict[str, list[Row]] = {}
    for part in parts:
        for table, table_rows in part.items():
            rows.setdefault(table, []).extend(table_rows)
    return rows


def _columns(bulk: dict[str, _Consumer]) -> dict[str, tuple[str, ...]]:
    columns: dict[str, tuple[str, ...]] = {}
    for consumer in bulk.values():
        declared = consumer.fold.columns
        if isinstance(declared, dict):
            columns.update(declared)
        else:
            columns[PROJECTIONS[consumer.projection].tables[0]] = declared
    return columns


async def _copy(pool: asyncpg.Pool, rows: dict[str, list[Row]], bulk: dict[str, _Consumer]) -> None:
    columns = _columns(bulk)
    async with pool.acquire() as conn:
        for table, table_rows in rows.items():
            if table_rows:
                await conn.copy_records_to_table(
                    table, records=table_rows, columns=list(columns[table])
                )


class _LiveConsumer(LogConsumer):
    """The live consumer, keeping its handler at hand (to know what it wants)."""

    def __init__(self, pool: asyncpg.Pool, handler: EventHandler, **kwargs: Any) -> None:
        super().__init__(pool, handler, **kwargs)
        self.projection = handler


async def _feed_live(live: dict[str, _LiveConsumer], window: list[BulkRecord]) -> None:
    """The window, partition by partition in log order, to the projections without a fold."""
    if not live:
        return
    by_partition: dict[int, list[BulkRecord]] = {}
    for item in window:
        by_partition.setdefault(item.record.partition, []).append(item)
    for consumer in live.values():
        wants = getattr(consumer.projection, "wants", None)
        for partition, items in by_partition.items():
            # Only the records it applies or dead-letters: the live consumer would skip the
            # others, neither applied nor remembered (its position is set at the end).
            reads = [
                ReadRecord(
                    item.record,
                    None if item.envelope is None else as_envelope(item.envelope),
                    item.reason,
                )
                for item in items
                if item.envelope is None or wants is None or wants(item.envelope)
            ]
            if reads:
                await consumer.process_read(partition, reads)


async def _store_live_positions(
    pool: asyncpg.Pool, job: BulkJob, live: dict[str, _LiveConsumer]
) -> None:
    """The live-fed consumers stand at the targets too (the records after their last one
    were all skipped, as live)."""
    async with pool.acquire() as conn:
        await conn.execute(
            "INSERT INTO consumer_positions (consumer, topic, partition, next_offset)"
            " SELECT c, $2, p, t FROM unnest($1::text[]) c,"
            " unnest($3::int[], $4::bigint[]) AS target(p, t)"
            " ON CONFLICT (consumer, topic, partition)"
            " DO UPDATE SET next_offset = EXCLUDED.next_offset",
            [consumer.projection.name for consumer in live.values()],
            job.topic,
            list(job.targets),
            list(job.targets.values()),
        )


async def _store_bookkeeping(
    pool: asyncpg.Pool, job: BulkJob, consumers: Iterable[_Consumer]
) -> None:
    """Each bulk consumer's position (the targets) and stream versions, as live stores them."""
    positions: list[Row] = []
    streams: list[Row] = []
    for consumer in consumers:
        name = PROJECTIONS[consumer.projection].handler().name
        positions.extend((name, job.topic, p, job.targets[p]) for p in job.partitions)
        streams.extend((name, stream, version) for stream, version in consumer.versions.items())
    async with pool.acquire() as conn:
        await conn.copy_records_to_table(
            "consumer_positions",
            records=positions,
            columns=["consumer", "topic", "partition", "next_offset"],
        )
        await conn.copy_records_to_table(
            "consumer_streams", records=streams, columns=["consumer", "stream", "version"]
        )


class _Clock:
    """Seconds per phase, for the benchmark's profile."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def __call__(self, phase: str) -> _Phase:
        return _Phase(self, phase)


class _Phase:
    def __init__(self, clock: _Clock, phase: str) -> None:
        self._clock, self._phase = clock, phase

    def __enter__(self) -> None:
        self._started = time.perf_counter()

    def __exit__(self, *_: object) -> None:
        elapsed = time.perf_counter() - self._started
        self._clock.seconds[self._phase] = self._clock.seconds.get(self._phase, 0.0) + elapsed


def run(job: BulkJob) -> BulkOutcome:
    """A worker process's whole life: one event loop, its own connections and reader."""
    return asyncio.run(load(job))
