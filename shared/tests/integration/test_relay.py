"""The outbox relay on real PostgreSQL and a real Kafka broker."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from typing import Any

import asyncpg
import pytest
from aiokafka.errors import KafkaTimeoutError, RecordTooLargeError

from noncoop_shared.db import keep_session
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


def on_distinct_lanes(store: PostgresEventStore, count: int, *first: str) -> list[str]:
    """``count`` subjects (``first`` then ``case-<n>``), each on a lane of its own."""
    subjects = list(first)
    for n in range(1000):
        if len(subjects) >= count:
            break
        if lane_of(f"case-{n}", store.lanes) not in {lane_of(s, store.lanes) for s in subjects}:
            subjects.append(f"case-{n}")
    assert len(subjects) == count
    return subjects


def by_subject(records: list[Any]) -> dict[str, list[int]]:
    """The stream versions read from the log, per subject, in the log's order."""
    versions: dict[str, list[int]] = defaultdict(list)
    for rec in records:
        envelope = Envelope.from_bytes(rec.value)
        versions[envelope.subject].append(envelope.streamversion)
    return dict(versions)


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
    record-level error (never sendable) or a retriable one (the broker is unavailable). With
    ``at_once``, ``send()`` itself raises (the producer refuses before the record leaves)."""

    def __init__(
        self, producer: Any, refused_key: bytes, error: Exception, *, at_once: bool = False
    ) -> None:
        self._producer = producer
        self._refused_key = refused_key
        self._error = error
        self._at_once = at_once

    async def send(
        self,
        topic: str,
        *,
        value: bytes,
        key: bytes,
        headers: list[tuple[str, bytes]] | None = None,
    ) -> asyncio.Future[object]:
        if key == self._refused_key:
            if self._at_once:
                raise self._error
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
        self._stalled_key: bytes | None = stalled_key
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
        """The partition has a leader again: what was held is acknowledged, and what is sent
        from now on is acknowledged as usual."""
        self._stalled_key = None
        for acknowledged, held in self._held:
            held.set_result(await acknowledged)


async def test_a_lane_the_broker_does_not_acknowledge_holds_up_no_other_lane(
    store: PostgresEventStore, pool: asyncpg.Pool, kafka_access: KafkaAccess, fresh_topic: str
) -> None:
    subjects = on_distinct_lanes(store, 3, "stalled")
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


async def test_a_settled_lane_sends_its_later_rows_in_the_pass_that_marks_it(
    store: PostgresEventStore, pool: asyncpg.Pool, kafka_access: KafkaAccess, fresh_topic: str
) -> None:
    await record(store, "late", 1)
    producer = log_producer(kafka_access, client_id="test-relay-settled")
    await producer.start()
    try:
        stalling = StallingProducer(producer, b"late")
        relay = OutboxRelay(pool, stalling, topic=fresh_topic, lane_wait_seconds=0.5)  # type: ignore[arg-type]
        assert await relay.publish_pending() == 0  # in flight
        async with store.transaction() as tx:  # the key's next event, behind the one in flight
            await tx.append(
                stream="case:late",
                subject="late",
                expected_version=1,
                events=[plain_event("late", note="1")],
            )
        assert await relay.publish_pending() == 0  # still in flight: not locked, not sent
        assert stalling.sent_keys == [b"late"]
        await stalling.release()
        # One pass marks the settled row, then takes the lane again for the later one.
        assert await relay.publish_pending() == 2
        assert await relay.backlog() == 0
    finally:
        await producer.stop()
    assert by_subject(await read_topic(kafka_access, fresh_topic, expect=2)) == {"late": [1, 2]}


@pytest.mark.parametrize("at_once", [False, True], ids=["acknowledgement", "send"])
async def test_a_lane_the_broker_refuses_stops_alone_and_keeps_its_order(
    store: PostgresEventStore,
    pool: asyncpg.Pool,
    kafka_access: KafkaAccess,
    fresh_topic: str,
    at_once: bool,
) -> None:
    unlucky, lucky = on_distinct_lanes(store, 2, "unlucky")
    await record(store, unlucky, 2)
    await record(store, lucky, 2)
    producer = log_producer(kafka_access, client_id="test-relay-stop")
    await producer.start()
    try:
        refusing = RefusingProducer(
            producer, unlucky.encode(), KafkaTimeoutError(), at_once=at_once
        )
        relay = OutboxRelay(pool, refusing, topic=fresh_topic)  # type: ignore[arg-type]
        with pytest.raises(KafkaTimeoutError):
            await relay.publish_pending()
        # The other lane went out and was marked; the refused lane's rows all wait.
        pending = await pool.fetch(
            "SELECT e.subject, e.version FROM outbox o JOIN events e USING (position)"
            " WHERE o.published_at IS NULL ORDER BY o.position"
        )
        assert [(r["subject"], r["version"]) for r in pending] == [(unlucky, 1), (unlucky, 2)]
        # The broker is back: the stopped lane goes on, in order.
        assert await OutboxRelay(pool, producer, topic=fresh_topic).publish_pending() == 2
    finally:
        await producer.stop()
    records = await read_topic(kafka_access, fresh_topic, expect=4)
    assert by_subject(records) == {lucky: [1, 2], unlucky: [1, 2]}


class PausedProducer:
    """The real producer, except that sending a record of one key waits for ``resume``: a relay
    replica stopped in the middle of its pass, its lanes' locks held."""

    def __init__(self, producer: Any, paused_key: bytes) -> None:
        self._producer = producer
        self._paused_key = paused_key
        self.paused = asyncio.Event()
        self.resume = asyncio.Event()
        self.sent_keys: list[bytes] = []

    async def send(
        self,
        topic: str,
        *,
        value: bytes,
        key: bytes,
        headers: list[tuple[str, bytes]] | None = None,
    ) -> asyncio.Future[object]:
        if key == self._paused_key:
            self.paused.set()
            await self.resume.wait()
        self.sent_keys.append(key)
        return await self._producer.send(  # type: ignore[no-any-return]
            topic, value=value, key=key, headers=headers
        )


async def test_a_replica_never_sends_a_lane_another_replica_is_publishing(
    store: PostgresEventStore, pool: asyncpg.Pool, kafka_access: KafkaAccess, fresh_topic: str
) -> None:
    held, also_held, free = on_distinct_lanes(store, 3, "held")
    await record(store, held, 2)
    await record(store, also_held, 1)
    producer = log_producer(kafka_access, client_id="test-relay-exclusive")
    await producer.start()
    try:
        first = PausedProducer(producer, held.encode())
        first_relay = OutboxRelay(pool, first, topic=fresh_topic)  # type: ignore[arg-type]
        first_pass = asyncio.create_task(first_relay.publish_pending())
        await asyncio.wait_for(first.paused.wait(), timeout=10)
        # The first replica holds both lanes it found; the second takes only the new one.
        await record(store, free, 1)
        second = PausedProducer(producer, b"")
        second_relay = OutboxRelay(pool, second, topic=fresh_topic)  # type: ignore[arg-type]
        assert await second_relay.publish_pending() == 1
        assert second.sent_keys == [free.encode()]
        first.resume.set()
        assert await asyncio.wait_for(first_pass, timeout=20) == 3
        assert await second_relay.publish_pending() == 0
        assert await first_relay.backlog() == 0
    finally:
        await producer.stop()
    records = await read_topic(kafka_access, fresh_topic, expect=4)
    assert by_subject(records) == {held: [1, 2], also_held: [1], free: [1]}


class StatementLog:
    """Every statement the relay's connections run (asyncpg's query logger): a round trip
    each, BEGIN and COMMIT included."""

    def __init__(self) -> None:
        self.statements: list[str] = []

    def __call__(self, logged: Any) -> None:
        self.statements.append(logged.query)


async def test_a_pass_costs_the_same_few_statements_whatever_the_number_of_lanes(
    store: PostgresEventStore, fresh_database: str, kafka_access: KafkaAccess, fresh_topic: str
) -> None:
    statements = StatementLog()

    async def log_statements(conn: asyncpg.Connection) -> None:
        conn.add_query_logger(statements)

    # Reset as the services' pools are (nothing sent on release: ADR 0026).
    counted = await asyncpg.create_pool(
        fresh_database, min_size=1, max_size=4, init=log_statements, reset=keep_session
    )
    subjects = on_distinct_lanes(store, store.lanes)
    producer = log_producer(kafka_access, client_id="test-relay-statements")
    await producer.start()
    try:
        relay = OutboxRelay(counted, producer, topic=fresh_topic, lane_wait_seconds=5)
        for subject in subjects:  # a first pass, so the statements are prepared already
            await record(store, f"{subject}-warm", 1)
        await relay.publish_pending()
        for subject in subjects:
            await record(store, subject, 1)
        statements.statements.clear()
        assert await relay.publish_pending() == len(subjects)
        busy = len(statements.statements)
        statements.statements.clear()
        assert await relay.publish_pending() == 0
        idle = len(statements.statements)
    finally:
        await producer.stop()
        await counted.close()
    print(f"statements per pass: {busy} with {len(subjects)} lanes pending, {idle} idle")
    # BEGIN, the lanes and their locks, the rows, the marks, COMMIT; idle: no rows nor marks.
    assert (busy, idle) == (5, 3)
