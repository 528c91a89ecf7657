"""The outbox relay on real PostgreSQL and a real Kafka broker."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from typing import Any

import asyncpg
import pytest
from aiokafka.errors import KafkaTimeoutError, RecordTooLargeError

from noncoop_shared.envelope import Envelope
from noncoop_shared.kafka import KafkaAccess, log_producer
from noncoop_shared.relay import OutboxRelay
from noncoop_shared.store import PostgresEventStore
from noncoop_shared.store.postgres import lane_of
from noncoop_shared.testing import plain_event, read_topic

pytestmark = pytest.mark.integration


async def record(store: PostgresEventStore, case_id: str, count: int) -> None:
    for version in range(count):
        async with store.transaction() as tx:
            await tx.append(
                stream=f"case:{case_id}",
                subject=case_id,
                expected_version=version,
                events=[plain_event(case_id, note=str(version))],
            )


async def test_events_committed_while_no_relay_ran_are_all_published_later_keyed_by_case(
    store: PostgresEventStore, pool: asyncpg.Pool, kafka_access: KafkaAccess, fresh_topic: str
) -> None:
    # The service "crashed" between append and publish: the events are only in the outbox.
    await record(store, "case-1", 3)
    await record(store, "case-2", 2)
    producer = log_producer(kafka_access, client_id="test-relay")
    await producer.start()
    try:
        relay = OutboxRelay(pool, producer, topic=fresh_topic)
        assert await relay.publish_pending() == 5
        assert await relay.publish_pending() == 0
        assert await relay.backlog() == 0
    finally:
        await producer.stop()
    records = await read_topic(kafka_access, fresh_topic, expect=5)
    assert len(records) == 5
    by_key: dict[str, list[int]] = defaultdict(list)
    for rec in records:
        envelope = Envelope.from_bytes(rec.value)
        assert rec.key == envelope.subject.encode()
        assert envelope.hash_is_valid()
        by_key[envelope.subject].append(envelope.streamversion)
    assert by_key == {"case-1": [1, 2, 3], "case-2": [1, 2]}


async def test_two_relay_replicas_publish_each_event_once_and_in_order_per_case(
    store: PostgresEventStore, pool: asyncpg.Pool, kafka_access: KafkaAccess, fresh_topic: str
) -> None:
    cases = [f"case-{n}" for n in range(12)]
    await asyncio.gather(*(record(store, case, 5) for case in cases))
    producers = [log_producer(kafka_access, client_id=f"r{n}") for n in range(2)]
    for producer in producers:
        await producer.start()
    try:
        relays = [OutboxRelay(pool, p, topic=fresh_topic, batch_size=7) for p in producers]

        async def drain(relay: OutboxRelay) -> None:
            while await relay.backlog() > 0:
                await relay.publish_pending()

        await asyncio.gather(*(drain(relay) for relay in relays))
    finally:
        for producer in producers:
            await producer.stop()
    records = await read_topic(kafka_access, fresh_topic, expect=60)
    by_key: dict[str, list[int]] = defaultdict(list)
    for rec in records:
        envelope = Envelope.from_bytes(rec.value)
        by_key[envelope.subject].append(envelope.streamversion)
    assert len(records) == 60
    assert all(versions == [1, 2, 3, 4, 5] for versions in by_key.values())
    assert sorted(by_key) == sorted(cases)


async def test_running_relay_publishes_a_new_event_promptly(
    store: PostgresEventStore, pool: asyncpg.Pool, kafka_access: KafkaAccess, fresh_topic: str
) -> None:
    producer = log_producer(kafka_access, client_id="test-relay-run")
    await producer.start()
    relay = OutboxRelay(pool, producer, topic=fresh_topic, idle_poll_seconds=30)
    task = asyncio.create_task(relay.run())
    try:
        await asyncio.sleep(0.3)
        await record(store, "case-live", 1)
        # The idle poll is 30 s: only the NOTIFY can wake it this fast.
        records = await read_topic(kafka_access, fresh_topic, expect=1, timeout_s=10)
        assert len(records) == 1
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await producer.stop()


class RefusingProducer:
    """The real producer, except that the broker refuses the records of one key: with a
    record-level error (never sendable) or a retriable one (the broker is unavailable)."""

    def __init__(self, producer: Any, refused_key: bytes, error: Exception) -> None:
        self._producer = producer
        self._refused_key = refused_key
        self._error = error

    async def send(
        self,
        topic: str,
        *,
        value: bytes,
        key: bytes,
        headers: list[tuple[str, bytes]] | None = None,
    ) -> asyncio.Future[object]:
        if key == self._refused_key:
            failed: asyncio.Future[object] = asyncio.get_running_loop().create_future()
            failed.set_exception(self._error)
            return failed
        return await self._producer.send(  # type: ignore[no-any-return]
            topic, value=value, key=key, headers=headers
        )


async def test_a_record_the_broker_refuses_is_set_aside_and_its_lane_goes_on(
    store: PostgresEventStore, pool: asyncpg.Pool, kafka_access: KafkaAccess, fresh_topic: str
) -> None:
    await record(store, "poison", 1)
    await record(store, "case-1", 2)
    producer = log_producer(kafka_access, client_id="test-relay-dlq")
    await producer.start()
    try:
        refusing = RefusingProducer(producer, b"poison", RecordTooLargeError())
        relay = OutboxRelay(pool, refusing, topic=fresh_topic)  # type: ignore[arg-type]
        assert await relay.publish_pending() == 3
        assert await relay.backlog() == 0 and relay.set_aside_total == 1
    finally:
        await producer.stop()
    set_aside = await pool.fetch("SELECT lane, error FROM outbox_dead_letters")
    assert [r["error"] for r in set_aside] == ["RecordTooLargeError()"]
    records = await read_topic(kafka_access, fresh_topic, expect=2)
    assert sorted(Envelope.from_bytes(r.value).subject for r in records) == ["case-1", "case-1"]


async def test_a_retriable_failure_keeps_the_record_pending_and_sets_nothing_aside(
    store: PostgresEventStore, pool: asyncpg.Pool, kafka_access: KafkaAccess, fresh_topic: str
) -> None:
    await record(store, "unlucky", 1)
    producer = log_producer(kafka_access, client_id="test-relay-retry")
    await producer.start()
    try:
        refusing = RefusingProducer(producer, b"unlucky", KafkaTimeoutError())
        relay = OutboxRelay(pool, refusing, topic=fresh_topic)  # type: ignore[arg-type]
        with pytest.raises(KafkaTimeoutError):
            await relay.publish_pending()
        assert await relay.backlog() == 1
    finally:
        await producer.stop()
    assert await pool.fetchval("SELECT count(*) FROM outbox_dead_letters") == 0


class StallingProducer:
    """The real producer, except that the broker's acknowledgements of one key are held back
    until ``release()``: that key's partition lost its leader and the cluster has not yet moved
    it (the records of the other keys are acknowledged as usual)."""

    def __init__(self, producer: Any, stalled_key: bytes) -> None:
        self._producer = producer
        self._stalled_key = stalled_key
        self._held: list[tuple[asyncio.Future[object], asyncio.Future[object]]] = []
        self.sent_keys: list[bytes] = []

    async def send(
        self,
        topic: str,
        *,
        value: bytes,
        key: bytes,
        headers: list[tuple[str, bytes]] | None = None,
    ) -> asyncio.Future[object]:
        self.sent_keys.append(key)
        acknowledged: asyncio.Future[object] = await self._producer.send(
            topic, value=value, key=key, headers=headers
        )
        if key != self._stalled_key:
            return acknowledged
        held: asyncio.Future[object] = asyncio.get_running_loop().create_future()
        self._held.append((acknowledged, held))
        return held

    async def release(self) -> None:
        for acknowledged, held in self._held:
            held.set_result(await acknowledged)


async def test_a_lane_the_broker_does_not_acknowledge_holds_up_no_other_lane(
    store: PostgresEventStore, pool: asyncpg.Pool, kafka_access: KafkaAccess, fresh_topic: str
) -> None:
    # Three subjects on three different lanes.
    subjects = ["stalled"]
    for n in range(1000):
        if lane_of(f"case-{n}", store.lanes) not in {lane_of(s, store.lanes) for s in subjects}:
            subjects.append(f"case-{n}")
        if len(subjects) == 3:
            break
    stalled, first, second = subjects
    await record(store, stalled, 1)
    await record(store, first, 1)
    producer = log_producer(kafka_access, client_id="test-relay-stall")
    await producer.start()
    try:
        stalling = StallingProducer(producer, stalled.encode())
        # A wait long enough for a fresh topic's first acknowledgements (its leaders settling).
        relay = OutboxRelay(pool, stalling, topic=fresh_topic, lane_wait_seconds=2.0)  # type: ignore[arg-type]

        # The stalled lane's send stays in flight; the other lane is published and marked
        # (a relay that waited for every lane would never end this pass).
        assert await asyncio.wait_for(relay.publish_pending(), timeout=20) == 1
        assert await relay.backlog() == 1
        # An event committed meanwhile on a third lane does not wait for the stalled one,
        # and the stalled lane is not sent again while its send is in flight.
        await record(store, second, 1)
        assert await relay.publish_pending() == 1
        assert stalling.sent_keys.count(stalled.encode()) == 1
        assert await relay.backlog() == 1

        # The broker answers: the next pass marks the stalled row, without sending it again.
        await stalling.release()
        assert await relay.publish_pending() == 1
        assert await relay.backlog() == 0
        assert stalling.sent_keys.count(stalled.encode()) == 1
    finally:
        await producer.stop()
    records = await read_topic(kafka_access, fresh_topic, expect=3)
    assert sorted(Envelope.from_bytes(r.value).subject for r in records) == sorted(subjects)


async def test_a_settled_send_wakes_the_running_relay(
    store: PostgresEventStore, pool: asyncpg.Pool, kafka_access: KafkaAccess, fresh_topic: str
) -> None:
    """The relay waits for a NOTIFY or its idle poll; a lane's late acknowledgement wakes it,
    so the row is marked at once rather than at the next poll (set long here)."""
    await record(store, "late", 1)
    producer = log_producer(kafka_access, client_id="test-relay-wake")
    await producer.start()
    stalling = StallingProducer(producer, b"late")
    relay = OutboxRelay(
        pool,
        stalling,  # type: ignore[arg-type]
        topic=fresh_topic,
        lane_wait_seconds=0.1,
        idle_poll_seconds=60,
    )
    task = asyncio.create_task(relay.run())
    try:
        for _ in range(100):
            if stalling.sent_keys:
                break
            await asyncio.sleep(0.05)
        assert stalling.sent_keys == [b"late"]
        await asyncio.sleep(0.3)  # past the lane's wait: the pass ended, the relay sleeps
        assert await relay.backlog() == 1
        await stalling.release()
        for _ in range(100):
            if await relay.backlog() == 0:
                break
            await asyncio.sleep(0.05)
        assert await relay.backlog() == 0
        assert stalling.sent_keys == [b"late"]
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await producer.stop()
