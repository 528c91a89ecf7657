"""Figure 2b: raw outbox-relay throughput, from a pre-filled outbox to an empty backlog.

The outbox is filled through the shared store (``PostgresEventStore.append``, so the rows, lanes
and envelopes are exactly what a service writes), several streams per transaction so that setup
stays quick. Then ``OutboxRelay.publish_pending()`` runs in a loop, as the relay's ``run()`` does
when there is a backlog, until nothing is left; the topic's end offsets must add up to N.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import asyncpg
from aiokafka import AIOKafkaConsumer, TopicPartition
from infra import PARTITIONS, Stack, scratch

from noncoop_shared.clock import SystemClock
from noncoop_shared.kafka import KafkaAccess, log_producer
from noncoop_shared.relay import OutboxRelay
from noncoop_shared.store import PostgresEventStore, migrate
from noncoop_shared.testing import plain_event

STREAMS_PER_TRANSACTION = 500


@dataclass(frozen=True)
class RelayConfig:
    events: int
    streams: int


def events_per_stream(events: int, streams: int) -> Iterator[int]:
    """Split ``events`` over ``streams`` as evenly as possible (no stream left empty)."""
    streams = min(streams, events)
    base, extra = divmod(events, streams)
    for index in range(streams):
        yield base + (1 if index < extra else 0)


async def seed_outbox(store: PostgresEventStore, config: RelayConfig) -> None:
    """Append ``config.events`` events over ``config.streams`` new streams."""
    sizes = list(events_per_stream(config.events, config.streams))
    for start in range(0, len(sizes), STREAMS_PER_TRANSACTION):
        async with store.transaction() as tx:
            for size in sizes[start : start + STREAMS_PER_TRANSACTION]:
                case_id = str(uuid.uuid4())
                await tx.append(
                    stream=f"case:{case_id}",
                    subject=case_id,
                    expected_version=0,
                    events=[plain_event(case_id, note=str(n)) for n in range(size)],
                )


async def drain(relay: OutboxRelay) -> list[tuple[int, float]]:
    """Run ``publish_pending`` until a pass sends nothing; returns (events, seconds) per pass."""
    passes: list[tuple[int, float]] = []
    while True:
        started = time.perf_counter()
        sent = await relay.publish_pending()
        if sent == 0:
            return passes
        passes.append((sent, time.perf_counter() - started))


async def records_on(kafka: KafkaAccess, topic: str) -> int:
    """How many records ``topic`` holds: the sum of its partitions' end offsets."""
    # Subscribed (no group) so that the client fetches the topic's metadata; nothing is read.
    consumer = AIOKafkaConsumer(topic, **kafka.client_kwargs(), group_id=None)
    await consumer.start()
    try:
        partitions = [TopicPartition(topic, p) for p in range(PARTITIONS)]
        return sum((await consumer.end_offsets(partitions)).values())
    finally:
        await consumer.stop()


async def relay_round(stack: Stack, config: RelayConfig) -> dict[str, Any]:
    """Seed a fresh database's outbox, drain it to a fresh topic, and report the rate."""
    async with scratch(stack) as where:
        pool = await asyncpg.create_pool(where.database_url, min_size=2, max_size=4)
        try:
            await migrate(pool)
            store = PostgresEventStore(pool, service="bench", clock=SystemClock())
            seeding = time.perf_counter()
            await seed_outbox(store, config)
            seed_s = time.perf_counter() - seeding
            producer = log_producer(stack.kafka, client_id="bench-relay")
            await producer.start()
            try:
                # A running relay's producer already knows the topic: fetch its metadata before
                # the clock starts, or the first send pays for it (about 0.4 s here).
                await producer.partitions_for(where.topic)
                relay = OutboxRelay(pool, producer, topic=where.topic)
                started = time.perf_counter()
                passes = await drain(relay)
                elapsed = time.perf_counter() - started
                backlog = await relay.backlog()
            finally:
                await producer.stop()
        finally:
            await pool.close()
        on_topic = await records_on(stack.kafka, where.topic)
    return _figures(config, relay.published_total, elapsed, backlog, on_topic, passes, seed_s)


def _figures(
    config: RelayConfig,
    published: int,
    elapsed: float,
    backlog: int,
    on_topic: int,
    passes: list[tuple[int, float]],
    seed_s: float,
) -> dict[str, Any]:
    first, second = halves(passes)
    return {
        "events": config.events,
        "streams": config.streams,
        "seed_s": round(seed_s, 2),
        "published": published,
        "drain_s": round(elapsed, 3),
        "events_per_s": round(published / elapsed, 1) if elapsed else 0.0,
        "backlog_after": backlog,
        "records_on_topic": on_topic,
        "passes": len(passes),
        # Whether the rate holds as the outbox fills up with published rows.
        "first_half_events_per_s": round(first, 1),
        "second_half_events_per_s": round(second, 1),
        "pass_events_per_s": [round(sent / seconds) for sent, seconds in passes],
    }


def halves(passes: list[tuple[int, float]]) -> tuple[float, float]:
    """Events/s over the passes that sent the first half of the events, and over the rest."""
    total = sum(sent for sent, _ in passes)
    done, split = 0, len(passes)
    for index, (sent, _) in enumerate(passes):
        done += sent
        if done >= total / 2:
            split = index + 1
            break
    return _rate(passes[:split]), _rate(passes[split:])


def _rate(passes: list[tuple[int, float]]) -> float:
    seconds = sum(elapsed for _, elapsed in passes)
    return sum(sent for sent, _ in passes) / seconds if seconds else 0.0
