"""Feeding the log, from given offsets, to projections in a schema of their own (a rebuild).

One task reads a partition at a time and decodes each record once (``read_records``); each
projection applies from its own short queue, in log order, with the same
``LogConsumer.process_read`` the live service uses (same dedupe, same dead-letter decisions,
positions stored with the rows). So a fast projection does not wait for a slow one, and
reading overlaps applying.

Partitions are independent (a case's events all sit in one, its key being the case id), so the
partitions can be shared out among worker processes (:func:`build_in_workers`): each runs the
same feed over its own partitions with its own connections. Nothing a projection writes
depends on which process wrote it or when (row keys are case ids, ``log_sequence`` comes from
the log position), so any split gives the same tables.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from typing import Any, TypeVar, cast

import asyncpg
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from noncoop_shared.consumer import LogConsumer, ReadRecord, read_records
from noncoop_shared.kafka import KafkaAccess
from noncoop_shared.signing import TrustStore
from reporting.projections.registry import PROJECTIONS

STALL_SECONDS = 60.0
J = TypeVar("J")
Outcome = TypeVar("Outcome")
_BATCH = 5000
_QUEUED_BATCHES = 4

Targets = dict[str, dict[int, int]]
"""per projection: per partition, the offset to stop before"""


class ReplayError(RuntimeError):
    pass


class DeadLettersSeenAgain:
    """Stands in for the dead-letter producer: the live consumer already sent these records
    there once; a rebuild counts them instead of sending them again."""

    def __init__(self) -> None:
        self.count = 0

    async def send_and_wait(self, topic: str, **_: Any) -> None:
        self.count += 1


def log_reader(
    kafka: KafkaAccess, *, partition_fetch_bytes: int = 4 << 20, fetch_bytes: int = 64 << 20
) -> AIOKafkaConsumer:
    """A reader of the whole log from its start, in no group. Large fetches by default: a
    partition is read from its start to its end; the bulk load asks for smaller ones, since what
    is fetched ahead waits in its memory."""
    return AIOKafkaConsumer(
        **kafka.client_kwargs(),
        group_id=None,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        isolation_level="read_committed",
        max_partition_fetch_bytes=partition_fetch_bytes,
        fetch_max_bytes=fetch_bytes,
        # The log is read up to offsets known to exist: never wait for more to arrive.
        fetch_max_wait_ms=20,
    )


async def schema_pool(dsn: str, schema: str, connections: int) -> asyncpg.Pool:
    """Connections whose tables are those of ``schema``; their commits do not wait for the
    disk: a rebuild cut short starts again from offset 0, and the swap's own (synchronous)
    commit flushes everything written before it."""
    return await asyncpg.create_pool(
        dsn,
        min_size=1,
        max_size=connections,
        server_settings={"search_path": schema, "synchronous_commit": "off"},
    )


def projection_consumers(
    pool: asyncpg.Pool,
    names: Iterable[str],
    kafka: KafkaAccess,
    topic: str,
    dead: DeadLettersSeenAgain,
    trust: TrustStore,
) -> dict[str, LogConsumer]:
    return {
        name: LogConsumer(
            pool,
            PROJECTIONS[name].handler(),
            kafka=kafka,
            topic=topic,
            dead_letter_topic=f"{topic}.dlq",
            dead_letter_producer=cast(AIOKafkaProducer, dead),
            trust=trust,
        )
        for name in names
    }


async def feed(
    reader: AIOKafkaConsumer,
    topic: str,
    partitions: list[int],
    targets: Targets,
    consumers: dict[str, LogConsumer],
) -> None:
    """Feed each partition, in order, to each consumer, from where it stands up to (not
    including) its target. ``reader`` has the partitions assigned; a failure anywhere
    cancels the rest."""
    queues: dict[str, asyncio.Queue[tuple[int, list[ReadRecord]] | None]] = {
        name: asyncio.Queue(maxsize=_QUEUED_BATCHES) for name in consumers
    }

    async def apply(name: str) -> None:
        while (item := await queues[name].get()) is not None:
            await consumers[name].process_read(*item)

    async def read() -> None:
        for partition in partitions:
            await _read_partition(reader, topic, partition, targets, consumers, queues)
        for queue in queues.values():
            await queue.put(None)

    async with asyncio.TaskGroup() as group:
        for name in consumers:
            group.create_task(apply(name))
        group.create_task(read())


async def _read_partition(
    reader: AIOKafkaConsumer,
    topic: str,
    partition: int,
    targets: Targets,
    consumers: dict[str, LogConsumer],
    queues: dict[str, asyncio.Queue[tuple[int, list[ReadRecord]] | None]],
) -> None:
    tp = TopicPartition(topic, partition)
    # Read before this partition's batches are queued: the queues hold only earlier partitions.
    stored = {name: (await c.stored_positions()).get(partition, 0) for name, c in consumers.items()}
    start = min(stored.values())
    end = max(targets[name][partition] for name in consumers)
    if start >= end:
        return
    if await reader.position(tp) != start:
        # Only when needed: a seek drops what was fetched ahead for the partition and waits
        # for the fetch in flight.
        reader.seek(tp, start)
    loop = asyncio.get_running_loop()
    stalled_at = loop.time() + STALL_SECONDS
    while await reader.position(tp) < end:
        batch = (await reader.getmany(tp, timeout_ms=500, max_records=_BATCH)).get(tp, [])
        if not batch:
            if loop.time() > stalled_at:
                raise ReplayError(f"partition {partition} stalled before offset {end}")
            continue
        stalled_at = loop.time() + STALL_SECONDS
        # Decoded and checked once for every projection (they all trust the same keys).
        read = read_records(batch, next(iter(consumers.values())).trust)
        for name in consumers:
            target = targets[name][partition]
            await queues[name].put((partition, [r for r in read if r.record.offset < target]))


# --- Partitions shared out among worker processes -------------------------------------------


@dataclass(frozen=True)
class BuildJob:
    """What one worker process builds: these projections, for these partitions."""

    dsn: str
    schema: str
    kafka: KafkaAccess
    topic: str
    projections: tuple[str, ...]
    partitions: tuple[int, ...]
    targets: dict[int, int]
    trust: TrustStore


@dataclass(frozen=True)
class BuildOutcome:
    applied: dict[str, int]
    dead_letters_seen: int


def share_out(partitions: list[int], workers: int) -> list[tuple[int, ...]]:
    """Partitions dealt round-robin to at most ``workers`` groups (none empty)."""
    groups = [tuple(partitions[i :: max(1, workers)]) for i in range(max(1, workers))]
    return [group for group in groups if group]


async def build_in_workers(jobs: list[BuildJob]) -> list[BuildOutcome]:
    return await in_processes(run_job, jobs)


async def in_processes(work: Callable[[J], Outcome], jobs: list[J]) -> list[Outcome]:
    """Run each job in its own process (spawned: nothing of this process's loop or
    connections is inherited)."""
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor(max_workers=len(jobs), mp_context=get_context("spawn")) as pool:
        return list(await asyncio.gather(*(loop.run_in_executor(pool, work, job) for job in jobs)))


def run_job(job: BuildJob) -> BuildOutcome:
    """A worker process's whole life: one event loop, its own connections and reader."""
    return asyncio.run(build(job))


async def build(job: BuildJob) -> BuildOutcome:
    pool = await schema_pool(job.dsn, job.schema, len(job.projections) + 1)
    dead = DeadLettersSeenAgain()
    reader = log_reader(job.kafka)
    try:
        consumers = projection_consumers(
            pool, job.projections, job.kafka, job.topic, dead, job.trust
        )
        await reader.start()
        partitions = list(job.partitions)
        # Every partition assigned at once: while one is applied, the next ones are fetched.
        reader.assign([TopicPartition(job.topic, p) for p in partitions])
        targets = {name: job.targets for name in consumers}
        await feed(reader, job.topic, partitions, targets, consumers)
        return BuildOutcome(
            applied={name: c.applied_total for name, c in consumers.items()},
            dead_letters_seen=dead.count,
        )
    finally:
        await reader.stop()
        await pool.close()
