"""What a service is doing right now, read from its database and the broker: its outbox
backlog (the relay has work), its consumers' lag (projections or policies have work). Used to
show what a kill interrupted, and to wait until everything has caught up."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

import asyncpg
from aiokafka import AIOKafkaConsumer, TopicPartition
from tests.faults.services import TOPIC, Fleet

from noncoop_shared.kafka import KafkaAccess, admin_client


@dataclass(frozen=True)
class Activity:
    outbox_backlog: int
    consumer_lag: int


async def partitions_of(kafka: KafkaAccess, topic: str = TOPIC) -> list[int]:
    admin = admin_client(kafka)
    await admin.start()
    try:
        (described,) = await admin.describe_topics([topic])
    finally:
        await admin.close()
    partitions = sorted(p["partition"] for p in described["partitions"])
    if described["error_code"] != 0 or not partitions:
        raise RuntimeError(f"no topic {topic} with partitions: {described}")
    return partitions


async def end_offsets(kafka: KafkaAccess, topic: str = TOPIC) -> dict[int, int]:
    partitions = await partitions_of(kafka, topic)
    consumer = AIOKafkaConsumer(**kafka.client_kwargs(), group_id=None)
    await consumer.start()
    try:
        ends = await consumer.end_offsets([TopicPartition(topic, p) for p in partitions])
        return {tp.partition: offset for tp, offset in ends.items()}
    finally:
        await consumer.stop()


async def log_size(kafka: KafkaAccess, timeout_s: float = 60.0) -> int:
    """Records on the log (summed end offsets), asked again while a dead broker is still in the
    client's metadata (a request sent to it fails at once)."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            return sum((await end_offsets(kafka)).values())
        except Exception:
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.5)


async def activity(dsn: str, ends: dict[int, int]) -> Activity:
    """Rows waiting in the outbox, and records on the log no consumer of this service has
    applied yet (summed over its consumers)."""
    conn = await asyncpg.connect(dsn, timeout=5)
    try:
        backlog = int(await conn.fetchval("SELECT count(*) FROM outbox WHERE published_at IS NULL"))
        rows = await conn.fetch(
            "SELECT consumer, partition, next_offset FROM consumer_positions WHERE topic = $1",
            TOPIC,
        )
    finally:
        await conn.close()
    stored: dict[str, dict[int, int]] = {}
    for row in rows:
        stored.setdefault(row["consumer"], {})[row["partition"]] = row["next_offset"]
    lag = sum(
        max(0, end - positions.get(partition, 0))
        for positions in stored.values()
        for partition, end in ends.items()
    )
    return Activity(backlog, lag)


async def fleet_activity(fleet: Fleet) -> dict[str, Activity]:
    ends = await end_offsets(fleet.stack.kafka_access())
    return {name: await activity(s.dsn, ends) for name, s in fleet.services.items()}


async def wait_caught_up(fleet: Fleet, timeout_s: float = 180.0) -> float:
    """Seconds until every outbox is empty and every consumer stands at the log's end (twice in
    a row, so a relay's last batch that lands meanwhile is waited for too)."""
    started = time.monotonic()
    quiet_rounds = 0
    last_error = ""
    while time.monotonic() - started < timeout_s:
        try:
            busy = {n: a for n, a in (await fleet_activity(fleet)).items() if a != Activity(0, 0)}
        except (OSError, asyncpg.PostgresError, Exception) as error:  # an outage still ending
            busy, last_error = {"?": Activity(-1, -1)}, repr(error)
        quiet_rounds = 0 if busy else quiet_rounds + 1
        if quiet_rounds >= 2:
            return time.monotonic() - started
        await asyncio.sleep(0.5)
    raise AssertionError(f"not caught up after {timeout_s} s: {busy} {last_error}")


async def _outbox_high(dsn: str) -> int:
    conn = await asyncpg.connect(dsn, timeout=5)
    try:
        return int(await conn.fetchval("SELECT coalesce(max(position), 0) FROM outbox"))
    finally:
        await conn.close()


async def _behind(dsn: str, outbox_high: int, ends: dict[int, int]) -> int:
    conn = await asyncpg.connect(dsn, timeout=5)
    try:
        unpublished = int(
            await conn.fetchval(
                "SELECT count(*) FROM outbox WHERE published_at IS NULL AND position <= $1",
                outbox_high,
            )
        )
        rows = await conn.fetch(
            "SELECT consumer, partition, next_offset FROM consumer_positions WHERE topic = $1",
            TOPIC,
        )
    finally:
        await conn.close()
    stored: dict[str, dict[int, int]] = {}
    for row in rows:
        stored.setdefault(row["consumer"], {})[row["partition"]] = row["next_offset"]
    return unpublished + sum(
        max(0, end - positions.get(partition, 0))
        for positions in stored.values()
        for partition, end in ends.items()
    )


async def wait_past_now(fleet: Fleet, timeout_s: float = 180.0) -> float:
    """Seconds until every service has published what its outbox held now and every consumer
    has applied what the log holds now: "caught up" while the load goes on."""
    started = time.monotonic()
    snapshot: tuple[dict[int, int], dict[str, int]] | None = None
    last_error = ""
    while time.monotonic() - started < timeout_s:
        try:
            if snapshot is None:
                highs = {n: await _outbox_high(s.dsn) for n, s in fleet.services.items()}
                snapshot = (await end_offsets(fleet.stack.kafka_access()), highs)
            ends, highs = snapshot
            behind = [await _behind(s.dsn, highs[n], ends) for n, s in fleet.services.items()]
            if not any(behind):
                return time.monotonic() - started
            last_error = f"behind: {behind}"
        except Exception as error:  # the database or broker still coming back
            last_error = repr(error)
        await asyncio.sleep(0.25)
    raise AssertionError(f"not caught up after {timeout_s} s: {last_error}")


async def replication(kafka: KafkaAccess, topic: str = TOPIC) -> dict[int, tuple[int, list[int]]]:
    """Per partition of ``topic``: its leader's node id and its in-sync replicas."""
    admin = admin_client(kafka)
    await admin.start()
    try:
        (described,) = await admin.describe_topics([topic])
    finally:
        await admin.close()
    return {p["partition"]: (p["leader"], sorted(p["isr"])) for p in described["partitions"]}


async def wait_in_sync(kafka: KafkaAccess, node: int, timeout_s: float = 180.0) -> float:
    """Seconds until ``node`` is back in the in-sync replicas of every partition of the log
    (it has copied what it missed while it was down)."""
    started = time.monotonic()
    last = ""
    while time.monotonic() - started < timeout_s:
        try:
            partitions = await replication(kafka)
            missing = sorted(p for p, (_, isr) in partitions.items() if node not in isr)
            if not missing:
                return time.monotonic() - started
            last = f"node {node} not in the ISR of partitions {missing}"
        except Exception as error:  # the cluster still electing, or metadata not yet updated
            last = repr(error)
        await asyncio.sleep(0.25)
    raise AssertionError(f"not in sync after {timeout_s} s: {last}")
