"""The consumer framework on real PostgreSQL and Kafka: positions, dedupe, dead letters."""

from __future__ import annotations

import asyncio
from collections.abc import Generator, Sequence
from typing import Any

import asyncpg
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord
from asyncpg.pool import PoolConnectionProxy

from noncoop_shared.consumer import LogConsumer, LogEvent, PoisonEventError
from noncoop_shared.db import Connection
from noncoop_shared.envelope import Envelope
from noncoop_shared.kafka import KafkaAccess, log_producer
from noncoop_shared.relay import OutboxRelay
from noncoop_shared.signing import TrustStore
from noncoop_shared.store import PostgresEventStore
from noncoop_shared.testing import plain_event, read_topic

pytestmark = pytest.mark.integration

# As the services the tests start (conftest.py): a consumer's stop waits for the fetch the
# broker holds, up to this long.
TEST_FETCH_MAX_WAIT_MS = 100


class NotesProjection:
    """A tiny projection: one row per event it saw, refusing notes that say 'poison'."""

    name = "test-notes"

    async def apply(self, conn: Connection, envelope: Envelope) -> None:
        if envelope.data.get("note") == "poison":
            raise PoisonEventError("this note can never be projected")
        if envelope.data.get("note") == "not a number":
            await conn.execute("SELECT $1::text::int", envelope.data["note"])  # a data error
        await conn.execute(
            "INSERT INTO notes (stream, version, note) VALUES ($1, $2, $3)",
            envelope.stream,
            envelope.streamversion,
            envelope.data["note"],
        )


@pytest.fixture
async def notes(pool: asyncpg.Pool) -> NotesProjection:
    await pool.execute(
        "CREATE TABLE notes (stream TEXT, version INT, note TEXT, PRIMARY KEY (stream, version))"
    )
    return NotesProjection()


@pytest.fixture
async def producer(kafka_access: KafkaAccess) -> AIOKafkaProducer:
    producer = log_producer(kafka_access, client_id="test-consumer")
    await producer.start()
    yield producer
    await producer.stop()


async def publish_notes(
    store: PostgresEventStore,
    pool: asyncpg.Pool,
    producer: AIOKafkaProducer,
    topic: str,
    case_id: str,
    notes: list[str],
) -> None:
    for version, note in enumerate(notes):
        async with store.transaction() as tx:
            await tx.append(
                stream=f"case:{case_id}",
                subject=case_id,
                expected_version=version,
                events=[plain_event(case_id, note)],
            )
    await OutboxRelay(pool, producer, topic=topic).publish_pending()


def consumer_for(
    pool: asyncpg.Pool,
    handler: NotesProjection,
    kafka: KafkaAccess,
    topic: str,
    dlq: AIOKafkaProducer,
) -> LogConsumer:
    return LogConsumer(
        pool,
        handler,
        kafka=kafka,
        topic=topic,
        dead_letter_topic=f"{topic}.dlq",
        dead_letter_producer=dlq,
        trust=TrustStore.development(),
        fetch_max_wait_ms=TEST_FETCH_MAX_WAIT_MS,
    )


async def one_partition(
    kafka: KafkaAccess, topic: str, expect: int
) -> list[ConsumerRecord[bytes, bytes]]:
    records = await read_topic(kafka, topic, expect=expect)
    assert len(records) == expect
    assert len({r.partition for r in records}) == 1  # one case id: one partition
    return sorted(records, key=lambda r: r.offset)


async def test_redelivered_batch_changes_nothing(
    store: PostgresEventStore,
    pool: asyncpg.Pool,
    notes: NotesProjection,
    producer: AIOKafkaProducer,
    kafka_access: KafkaAccess,
    fresh_topic: str,
) -> None:
    await publish_notes(store, pool, producer, fresh_topic, "c1", ["a", "b", "c"])
    records = await one_partition(kafka_access, fresh_topic, 3)
    consumer = consumer_for(pool, notes, kafka_access, fresh_topic, producer)
    await consumer.process(records[0].partition, records)
    await consumer.process(records[0].partition, records)  # redelivery
    await consumer.process(records[0].partition, records[1:])  # partial redelivery
    rows = await pool.fetch("SELECT version, note FROM notes ORDER BY version")
    assert [(r["version"], r["note"]) for r in rows] == [(1, "a"), (2, "b"), (3, "c")]
    positions = await consumer.stored_positions()
    assert positions == {records[0].partition: records[-1].offset + 1}


async def test_a_second_copy_of_an_event_at_a_later_offset_is_skipped(
    store: PostgresEventStore,
    pool: asyncpg.Pool,
    notes: NotesProjection,
    producer: AIOKafkaProducer,
    kafka_access: KafkaAccess,
    fresh_topic: str,
) -> None:
    await publish_notes(store, pool, producer, fresh_topic, "c2", ["a", "b"])
    # The relay crashed after sending and before marking: it publishes the same rows again.
    await pool.execute("UPDATE outbox SET published_at = NULL")
    await OutboxRelay(pool, producer, topic=fresh_topic).publish_pending()
    records = await one_partition(kafka_access, fresh_topic, 4)
    consumer = consumer_for(pool, notes, kafka_access, fresh_topic, producer)
    await consumer.process(records[0].partition, records)
    assert await pool.fetchval("SELECT count(*) FROM notes") == 2
    assert consumer.applied_total == 2


async def test_malformed_and_poison_records_go_to_the_dead_letter_topic_and_the_rest_is_applied(
    store: PostgresEventStore,
    pool: asyncpg.Pool,
    notes: NotesProjection,
    producer: AIOKafkaProducer,
    kafka_access: KafkaAccess,
    fresh_topic: str,
) -> None:
    await producer.send_and_wait(fresh_topic, value=b"{not json", key=b"c3")
    tampered = b'{"specversion":"1.0"}'
    await producer.send_and_wait(fresh_topic, value=tampered, key=b"c3")
    await publish_notes(store, pool, producer, fresh_topic, "c3", ["ok", "poison", "after"])
    records = await one_partition(kafka_access, fresh_topic, 5)
    consumer = consumer_for(pool, notes, kafka_access, fresh_topic, producer)
    await consumer.process(records[0].partition, records)

    rows = await pool.fetch("SELECT note FROM notes ORDER BY version")
    assert [r["note"] for r in rows] == ["ok", "after"]
    dead = await read_topic(kafka_access, f"{fresh_topic}.dlq", expect=3)
    reasons = sorted(dict(r.headers)["noncoop.dlq.reason"].decode() for r in dead)
    assert len(dead) == 3
    assert consumer.dead_lettered_total == 3  # the dead-letter counter's tally (observe.py)
    assert reasons[0] == "handler refused: this note can never be projected"
    assert reasons[1].startswith("not JSON")
    assert reasons[2].startswith("not a valid envelope")
    assert {dict(r.headers)["noncoop.dlq.offset"].decode() for r in dead} == {
        str(records[0].offset),
        str(records[1].offset),
        str(records[3].offset),
    }


async def test_a_record_whose_hash_does_not_match_is_dead_lettered(
    store: PostgresEventStore,
    pool: asyncpg.Pool,
    notes: NotesProjection,
    producer: AIOKafkaProducer,
    kafka_access: KafkaAccess,
    fresh_topic: str,
) -> None:
    async with store.transaction() as tx:
        (sealed,) = await tx.append(
            stream="case:c4", subject="c4", expected_version=0, events=[plain_event("c4", "honest")]
        )
    forged = sealed.model_copy(update={"data": {**sealed.data, "note": "forged"}})
    await producer.send_and_wait(fresh_topic, value=forged.to_bytes(), key=b"c4")
    records = await one_partition(kafka_access, fresh_topic, 1)
    consumer = consumer_for(pool, notes, kafka_access, fresh_topic, producer)
    await consumer.process(records[0].partition, records)
    assert await pool.fetchval("SELECT count(*) FROM notes") == 0
    dead = await read_topic(kafka_access, f"{fresh_topic}.dlq", expect=1)
    assert "hash mismatch" in dict(dead[0].headers)["noncoop.dlq.reason"].decode()


async def test_running_consumer_in_a_group_applies_events_and_resumes_from_its_stored_position(
    store: PostgresEventStore,
    pool: asyncpg.Pool,
    notes: NotesProjection,
    producer: AIOKafkaProducer,
    kafka_access: KafkaAccess,
    fresh_topic: str,
) -> None:
    await publish_notes(store, pool, producer, fresh_topic, "c5", ["1", "2"])

    async def run_until(count: int) -> None:
        consumer = consumer_for(pool, notes, kafka_access, fresh_topic, producer)
        task = asyncio.create_task(consumer.run())
        try:
            for _ in range(200):
                if await pool.fetchval("SELECT count(*) FROM notes") >= count:
                    return
                await asyncio.sleep(0.1)
            raise AssertionError(f"consumer did not reach {count} rows")
        finally:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

    await run_until(2)
    # Forget Kafka's own committed offsets: PostgreSQL alone must say where to resume.
    await publish_notes(store, pool, producer, fresh_topic, "c6", ["3"])
    await run_until(3)
    rows = await pool.fetch("SELECT stream, note FROM notes ORDER BY stream, version")
    assert [(r["stream"], r["note"]) for r in rows] == [
        ("case:c5", "1"),
        ("case:c5", "2"),
        ("case:c6", "3"),
    ]


async def test_records_the_database_can_never_store_are_dead_lettered_and_the_rest_applied(
    store: PostgresEventStore,
    pool: asyncpg.Pool,
    notes: NotesProjection,
    producer: AIOKafkaProducer,
    kafka_access: KafkaAccess,
    fresh_topic: str,
) -> None:
    """A NUL (no PostgreSQL text holds one) or any data PostgreSQL refuses is refused every
    time: retrying the batch would stop the consumer for good."""
    await publish_notes(
        store, pool, producer, fresh_topic, "c5", ["ok", "nul\x00here", "not a number", "after"]
    )
    records = await one_partition(kafka_access, fresh_topic, 4)
    consumer = consumer_for(pool, notes, kafka_access, fresh_topic, producer)
    await consumer.process(records[0].partition, records)

    rows = await pool.fetch("SELECT note FROM notes ORDER BY version")
    assert [r["note"] for r in rows] == ["ok", "after"]
    dead = await read_topic(kafka_access, f"{fresh_topic}.dlq", expect=2)
    reasons = sorted(dict(r.headers)["noncoop.dlq.reason"].decode() for r in dead)
    assert len(reasons) == 2
    assert "NUL" in reasons[0] and reasons[0].startswith("record.data.note")
    assert reasons[1].startswith("the database refused it")


class TaggedNotes(NotesProjection):
    """A second projection into ``notes``, under its own name and tag (ADR 0024)."""

    def __init__(self, name: str, tag: str, refuse: str | None = None) -> None:
        self.name = name
        self._tag = tag
        self._refuse = refuse

    async def apply(self, conn: Connection, envelope: Envelope) -> None:
        if envelope.data.get("note") == self._refuse:
            raise PoisonEventError(f"{self.name} refuses it")
        await conn.execute(
            "INSERT INTO notes (stream, version, note) VALUES ($1, $2, $3)",
            f"{self._tag}:{envelope.stream}",
            envelope.streamversion,
            envelope.data["note"],
        )


def combined(
    pool: asyncpg.Pool,
    handlers: list[TaggedNotes],
    kafka: KafkaAccess,
    topic: str,
    dlq: AIOKafkaProducer,
) -> LogConsumer:
    return LogConsumer(
        pool,
        handlers,
        kafka=kafka,
        topic=topic,
        dead_letter_topic=f"{topic}.dlq",
        dead_letter_producer=dlq,
        trust=TrustStore.development(),
        name="test-combined",
        fetch_max_wait_ms=TEST_FETCH_MAX_WAIT_MS,
    )


async def notes_of(pool: asyncpg.Pool, tag: str) -> list[str]:
    rows = await pool.fetch(
        "SELECT note FROM notes WHERE stream LIKE $1 ORDER BY version", f"{tag}:%"
    )
    return [r["note"] for r in rows]


async def test_one_consumer_feeds_several_handlers_in_one_transaction_each_from_its_own_position(
    store: PostgresEventStore,
    pool: asyncpg.Pool,
    notes: NotesProjection,
    producer: AIOKafkaProducer,
    kafka_access: KafkaAccess,
    fresh_topic: str,
) -> None:
    await publish_notes(store, pool, producer, fresh_topic, "c9", ["a", "b", "c", "d"])
    records = await one_partition(kafka_access, fresh_topic, 4)
    partition = records[0].partition
    first, second = TaggedNotes("test-first", "1"), TaggedNotes("test-second", "2")
    # Before: each had a consumer of its own, the first one further on than the second.
    await consumer_for(pool, first, kafka_access, fresh_topic, producer).process(
        partition, records[:3]
    )
    await consumer_for(pool, second, kafka_access, fresh_topic, producer).process(
        partition, records[:1]
    )
    both = combined(pool, [second, first], kafka_access, fresh_topic, producer)
    assert both.handler_names == ["test-first", "test-second"]
    assert await both.stored_positions() == {partition: records[1].offset}  # the lowest
    commits = await pool.fetchval(
        "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()"
    )
    await both.process(partition, records[1:])
    await both.process(partition, records)  # redelivery changes nothing
    assert await notes_of(pool, "1") == ["a", "b", "c", "d"]
    assert await notes_of(pool, "2") == ["a", "b", "c", "d"]
    stored = await pool.fetch(
        "SELECT consumer, next_offset FROM consumer_positions WHERE partition = $1"
        " ORDER BY consumer",
        partition,
    )
    assert [(r["consumer"], r["next_offset"]) for r in stored] == [
        ("test-first", records[-1].offset + 1),
        ("test-second", records[-1].offset + 1),
    ]
    versions = await pool.fetch(
        "SELECT consumer, version FROM consumer_streams WHERE stream = 'case:c9' ORDER BY consumer"
    )
    assert [(r["consumer"], r["version"]) for r in versions] == [
        ("test-first", 4),
        ("test-second", 4),
    ]
    assert both.applied_total == 4  # d for the first; b, c, d for the second
    # The pool's statistics lag a little; a batch is one transaction (plus the reset).
    await asyncio.sleep(0.6)
    after = await pool.fetchval(
        "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()"
    )
    assert after - commits <= 10


async def test_a_handler_of_a_combined_consumer_refusing_a_record_dead_letters_it_alone(
    store: PostgresEventStore,
    pool: asyncpg.Pool,
    notes: NotesProjection,
    producer: AIOKafkaProducer,
    kafka_access: KafkaAccess,
    fresh_topic: str,
) -> None:
    await publish_notes(store, pool, producer, fresh_topic, "c10", ["a", "bad", "c"])
    records = await one_partition(kafka_access, fresh_topic, 3)
    picky = TaggedNotes("test-picky", "p", refuse="bad")
    easy = TaggedNotes("test-easy", "e")
    both = combined(pool, [picky, easy], kafka_access, fresh_topic, producer)
    await both.process(records[0].partition, records)
    assert await notes_of(pool, "p") == ["a", "c"]
    assert await notes_of(pool, "e") == ["a", "bad", "c"]  # the other one keeps it
    letters = await read_topic(kafka_access, f"{fresh_topic}.dlq", expect=1)
    assert len(letters) == 1
    headers = {k: v.decode() for k, v in letters[0].headers}
    assert headers["noncoop.dlq.consumer"] == "test-picky"


def test_a_combined_consumer_needs_a_name_and_distinct_handler_names(pool: asyncpg.Pool) -> None:
    kwargs = {
        "kafka": KafkaAccess(bootstrap_servers="localhost:9092"),
        "topic": "t",
        "dead_letter_topic": "t.dlq",
        "dead_letter_producer": None,
        "trust": TrustStore.development(),
    }
    with pytest.raises(ValueError, match="name of its own"):
        LogConsumer(pool, [TaggedNotes("a", "a"), TaggedNotes("b", "b")], **kwargs)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="distinct"):
        LogConsumer(pool, [TaggedNotes("a", "a"), TaggedNotes("a", "b")], name="x", **kwargs)  # type: ignore[arg-type]


class StatementLog:
    """A pool's stand-in that logs every statement its connections send (pg_stat_statements is
    not enabled in CI). Once asyncpg has a statement prepared, each is one round trip. Its
    ``acquire`` is used as asyncpg's is: ``async with`` it, or await it and ``release``."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool
        self.statements: list[str] = []

    def acquire(self) -> _LoggedAcquire:
        return _LoggedAcquire(self)

    async def logged(self) -> PoolConnectionProxy[Any]:
        conn = await self._pool.acquire()
        conn.add_query_logger(self._log)
        return conn

    async def release(self, conn: PoolConnectionProxy[Any]) -> None:
        conn.remove_query_logger(self._log)
        await self._pool.release(conn)

    def _log(self, query: asyncpg.connection.LoggedQuery) -> None:
        self.statements.append(" ".join(query.query.split()))

    async def taken(self) -> list[str]:
        """The statements logged so far (asyncpg calls loggers soon after, not at once)."""
        await asyncio.sleep(0)
        taken, self.statements = self.statements, []
        return taken


class _LoggedAcquire:
    def __init__(self, log: StatementLog) -> None:
        self._log = log
        self._conn: PoolConnectionProxy[Any] | None = None

    def __await__(self) -> Generator[Any, None, PoolConnectionProxy[Any]]:
        return self._log.logged().__await__()

    async def __aenter__(self) -> PoolConnectionProxy[Any]:
        self._conn = await self._log.logged()
        return self._conn

    async def __aexit__(self, *exc: object) -> None:
        assert self._conn is not None
        await self._log.release(self._conn)


class Silent:
    """A projection that writes nothing: what a batch costs is the consumer's own statements."""

    def __init__(self, name: str) -> None:
        self.name = name

    async def apply_batch(self, conn: Connection, events: Sequence[LogEvent]) -> None:
        return None

    async def apply(self, conn: Connection, envelope: Envelope) -> None:
        return None


async def test_a_batch_costs_begin_one_statement_to_lock_and_read_its_bookkeeping_save_commit(
    store: PostgresEventStore,
    pool: asyncpg.Pool,
    producer: AIOKafkaProducer,
    kafka_access: KafkaAccess,
    fresh_topic: str,
) -> None:
    """Each statement is a round trip, paid by the service and by PostgreSQL, batch after batch:
    the position rows are locked and the stream versions read in one (issue 12)."""
    await publish_notes(store, pool, producer, fresh_topic, "c11", ["a", "b", "c"])
    records = await one_partition(kafka_access, fresh_topic, 3)
    log = StatementLog(pool)
    consumer = LogConsumer(
        log,  # type: ignore[arg-type]
        [Silent("test-silent"), Silent("test-mute")],
        kafka=kafka_access,
        topic=fresh_topic,
        dead_letter_topic=f"{fresh_topic}.dlq",
        dead_letter_producer=producer,
        trust=TrustStore.development(),
        name="test-counted",
    )
    # New position rows; rows there; records all below them (nothing to apply, nor to save).
    for batch, expected in ((records[:1], 4), (records[1:], 4), (records, 3)):
        await consumer.process(records[0].partition, batch)
        statements = await log.taken()
        assert statements[0] == "BEGIN;" and statements[-1] == "COMMIT;", statements
        assert len(statements) == expected, statements
    assert consumer.applied_total == 6


class Recorder:
    """Remembers the (stream, version) of what it applies; when it has a gate, holds the batch's
    transaction (and its position lock) open until the gate opens."""

    name = "test-recorder"

    def __init__(self, gate: asyncio.Event | None = None) -> None:
        self.applied: list[tuple[str, int]] = []
        self.entered = asyncio.Event()
        self._gate = gate

    async def apply(self, conn: Connection, envelope: Envelope) -> None:
        self.entered.set()
        if self._gate is not None:
            await self._gate.wait()
        self.applied.append((envelope.stream, envelope.streamversion))


async def waiting_for_a_lock(pool: asyncpg.Pool) -> None:
    for _ in range(200):
        if await pool.fetchval(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND wait_event_type = 'Lock'"
        ):
            return
        await asyncio.sleep(0.05)
    raise AssertionError("no batch is waiting for a lock")


@pytest.mark.parametrize("row_there", [False, True], ids=["new position row", "position row"])
async def test_a_batch_that_waited_for_another_replicas_lock_sees_the_versions_it_stored(
    store: PostgresEventStore,
    pool: asyncpg.Pool,
    producer: AIOKafkaProducer,
    kafka_access: KafkaAccess,
    fresh_topic: str,
    row_there: bool,
) -> None:
    """During a rebalance two replicas may take the same records. The one that waited for the
    other's position lock must see the stream versions that other stored, although its
    statement began (and took its snapshot) before they were committed: else it applies again
    the relay's second copies after the position the other one left."""
    await publish_notes(store, pool, producer, fresh_topic, "c12", ["a", "b", "c"])
    await pool.execute("UPDATE outbox SET published_at = NULL")  # the relay publishes again
    await OutboxRelay(pool, producer, topic=fresh_topic).publish_pending()
    records = await one_partition(kafka_access, fresh_topic, 6)  # v1, v2, v3, then again
    partition = records[0].partition
    if row_there:
        await consumer_for(
            pool, Recorder(), kafka_access, fresh_topic, producer
        ).process(  # type: ignore[arg-type]
            partition, records[:1]
        )
    gate = asyncio.Event()
    slow, fast = Recorder(gate), Recorder()
    first = consumer_for(pool, slow, kafka_access, fresh_topic, producer)  # type: ignore[arg-type]
    second = consumer_for(pool, fast, kafka_access, fresh_topic, producer)  # type: ignore[arg-type]
    holding = asyncio.create_task(first.process(partition, records[:3]))
    await slow.entered.wait()  # the first replica holds the position lock
    waiting = asyncio.create_task(second.process(partition, records))
    try:
        await waiting_for_a_lock(pool)
    finally:
        gate.set()
    await asyncio.gather(holding, waiting)
    done = [] if row_there else [("case:c12", 1)]
    assert slow.applied == [*done, ("case:c12", 2), ("case:c12", 3)]
    assert fast.applied == []  # every record is below its position or a second copy
    assert await second.stored_positions() == {partition: records[-1].offset + 1}


async def by_partition(
    store: PostgresEventStore,
    pool: asyncpg.Pool,
    producer: AIOKafkaProducer,
    kafka: KafkaAccess,
    topic: str,
    notes: dict[str, list[str]],
    partitions: int = 3,
) -> dict[int, list[ConsumerRecord[bytes, bytes]]]:
    """``notes`` (case -> its notes) on the log; the records of ``partitions`` partitions (the
    first case's among them), each in offset order. The keys are fixed, so are the partitions."""
    for case_id, case_notes in notes.items():
        await publish_notes(store, pool, producer, topic, case_id, case_notes)
    records = await read_topic(kafka, topic, expect=sum(len(n) for n in notes.values()))
    found: dict[int, list[ConsumerRecord[bytes, bytes]]] = {}
    for record in sorted(records, key=lambda r: (r.partition, r.offset)):
        found.setdefault(record.partition, []).append(record)
    first = next(r.partition for r in records if r.key == next(iter(notes)).encode())
    chosen = [first, *sorted(p for p in found if p != first)][:partitions]
    assert len(chosen) == partitions, found.keys()
    return {p: found[p] for p in sorted(chosen)}


async def test_the_records_of_several_partitions_one_poll_returned_are_applied_in_one_transaction(
    store: PostgresEventStore,
    pool: asyncpg.Pool,
    notes: NotesProjection,
    producer: AIOKafkaProducer,
    kafka_access: KafkaAccess,
    fresh_topic: str,
) -> None:
    """Under a trickle nearly every partition's batch holds one record: a transaction per poll,
    not per partition, divides the consumer's transactions per record (issue 12)."""
    cases = {f"m{n}": ["a", "b"] for n in range(8)}
    polled = await by_partition(store, pool, producer, kafka_access, fresh_topic, cases)
    first_p, *_ = polled
    first, second = TaggedNotes("test-first", "1"), TaggedNotes("test-second", "2")
    # The first handler is ahead in one partition: each goes on from its own position there.
    await consumer_for(pool, first, kafka_access, fresh_topic, producer).process(
        first_p, polled[first_p][:1]
    )
    log = StatementLog(pool)
    both = combined(log, [first, second], kafka_access, fresh_topic, producer)  # type: ignore[arg-type]
    await both.process_many(polled)

    statements = await log.taken()
    assert statements.count("BEGIN;") == 1 and statements.count("COMMIT;") == 1, statements
    assert statements[0] == "BEGIN;" and statements[-1] == "COMMIT;", statements
    bookkeeping = [s for s in statements if "consumer_positions" in s]
    assert len(bookkeeping) == 2, bookkeeping  # the lock of every row; the save of every row
    records = [r for rs in polled.values() for r in rs]
    assert both.applied_total == 2 * len(records) - 1
    for tag in ("1", "2"):
        assert len(await notes_of(pool, tag)) == len(records)
    stored = await pool.fetch(
        "SELECT consumer, partition, next_offset FROM consumer_positions ORDER BY 1, 2"
    )
    assert [(r["consumer"], r["partition"], r["next_offset"]) for r in stored] == [
        (name, p, rs[-1].offset + 1)
        for name in ("test-first", "test-second")
        for p, rs in polled.items()
    ]
    await both.process_many(polled)  # redelivery changes nothing
    assert both.applied_total == 2 * len(records) - 1


async def test_a_poison_record_in_a_poll_of_several_partitions_is_dead_lettered_alone(
    store: PostgresEventStore,
    pool: asyncpg.Pool,
    notes: NotesProjection,
    producer: AIOKafkaProducer,
    kafka_access: KafkaAccess,
    fresh_topic: str,
) -> None:
    cases = {"m0": ["a", "poison", "c"], **{f"m{n}": ["a", "b"] for n in range(1, 8)}}
    polled = await by_partition(store, pool, producer, kafka_access, fresh_topic, cases)
    consumer = consumer_for(pool, notes, kafka_access, fresh_topic, producer)
    await consumer.process_many(polled)

    records = [r for rs in polled.values() for r in rs]
    poison = [r for r in records if b'"poison"' in (r.value or b"")]
    assert len(poison) == 1
    assert await pool.fetchval("SELECT count(*) FROM notes") == len(records) - 1
    assert await pool.fetchval("SELECT count(*) FROM notes WHERE note = 'poison'") == 0
    assert consumer.applied_total == len(records) - 1
    assert consumer.dead_lettered_total == 1
    dead = await read_topic(kafka_access, f"{fresh_topic}.dlq", expect=1)
    assert len(dead) == 1
    headers = {k: v.decode() for k, v in dead[0].headers}
    assert (headers["noncoop.dlq.partition"], headers["noncoop.dlq.offset"]) == (
        str(poison[0].partition),
        str(poison[0].offset),
    )
    assert await consumer.stored_positions() == {p: rs[-1].offset + 1 for p, rs in polled.items()}


async def test_a_batch_of_several_partitions_waiting_for_a_lock_sees_every_version_stored(
    store: PostgresEventStore,
    pool: asyncpg.Pool,
    producer: AIOKafkaProducer,
    kafka_access: KafkaAccess,
    fresh_topic: str,
) -> None:
    """The xmin guard over a poll of several partitions: the partition another replica held
    is read again (second copies skipped), the other applied once."""
    for case_id in (f"m{n}" for n in range(8)):
        await publish_notes(store, pool, producer, fresh_topic, case_id, ["a", "b"])
    await pool.execute("UPDATE outbox SET published_at = NULL")  # the relay publishes again
    await OutboxRelay(pool, producer, topic=fresh_topic).publish_pending()
    records = await read_topic(kafka_access, fresh_topic, expect=32)
    found: dict[int, list[ConsumerRecord[bytes, bytes]]] = {}
    for record in sorted(records, key=lambda r: (r.partition, r.offset)):
        found.setdefault(record.partition, []).append(record)
    held, other = sorted(found)[:2]  # each: its cases' events, then their second copies
    gate = asyncio.Event()
    slow, fast = Recorder(gate), Recorder()
    first = consumer_for(pool, slow, kafka_access, fresh_topic, producer)  # type: ignore[arg-type]
    second = consumer_for(pool, fast, kafka_access, fresh_topic, producer)  # type: ignore[arg-type]
    half = len(found[held]) // 2
    holding = asyncio.create_task(first.process(held, found[held][:half]))
    await slow.entered.wait()
    waiting = asyncio.create_task(second.process_many({held: found[held], other: found[other]}))
    try:
        await waiting_for_a_lock(pool)
    finally:
        gate.set()
    await asyncio.gather(holding, waiting)
    events = {p: sorted({_stream_version(r) for r in found[p]}) for p in (held, other)}
    assert sorted(slow.applied) == events[held]
    assert sorted(fast.applied) == events[other]  # and none of the held partition's again
    assert await second.stored_positions() == {p: found[p][-1].offset + 1 for p in (held, other)}


def _stream_version(record: ConsumerRecord[bytes, bytes]) -> tuple[str, int]:
    envelope = Envelope.model_validate_json(record.value or b"")
    return envelope.stream, envelope.streamversion


async def test_a_running_consumer_lingers_after_a_poll_and_applies_what_came_in_one_transaction(
    store: PostgresEventStore,
    pool: asyncpg.Pool,
    notes: NotesProjection,
    producer: AIOKafkaProducer,
    kafka_access: KafkaAccess,
    fresh_topic: str,
) -> None:
    log = StatementLog(pool)
    consumer = LogConsumer(
        log,  # type: ignore[arg-type]
        notes,
        kafka=kafka_access,
        topic=fresh_topic,
        dead_letter_topic=f"{fresh_topic}.dlq",
        dead_letter_producer=producer,
        trust=TrustStore.development(),
        linger_ms=1000,  # long: this machine may be slow; the second record comes well within
    )
    task = asyncio.create_task(consumer.run())
    try:
        kafka_consumer = await assigned(consumer)
        polls: list[int] = []
        getmany = kafka_consumer.getmany

        async def counted(*args: Any, **kwargs: Any) -> Any:
            polls.append(kwargs.get("timeout_ms", 0))
            return await getmany(*args, **kwargs)

        kafka_consumer.getmany = counted
        await asyncio.sleep(1.2)  # the first polls after the assignment find nothing
        await log.taken()
        # Idle: only the poll loop's own long polls, no linger, no transaction.
        assert polls and set(polls) == {500}, polls
        assert await log.taken() == []

        await publish_notes(store, pool, producer, fresh_topic, "m1", ["first"])
        await asyncio.sleep(0.1)
        await publish_notes(store, pool, producer, fresh_topic, "m2", ["second"])
        for _ in range(100):
            if await pool.fetchval("SELECT count(*) FROM notes") == 2:
                break
            await asyncio.sleep(0.1)
        statements = await log.taken()
        assert statements.count("BEGIN;") == 1, statements
        assert consumer.applied_total == 2
        assert 1000 in polls, polls  # the linger's first poll, with all its time left
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


async def assigned(consumer: LogConsumer) -> AIOKafkaConsumer:
    for _ in range(300):
        running = consumer._consumer
        if consumer.running and running is not None and running.assignment():
            return running
        await asyncio.sleep(0.05)
    raise AssertionError("the consumer got no partitions")


def test_a_consumer_lingers_at_most_a_second(pool: asyncpg.Pool) -> None:
    kwargs: dict[str, Any] = {
        "kafka": KafkaAccess(bootstrap_servers="localhost:9092"),
        "topic": "t",
        "dead_letter_topic": "t.dlq",
        "dead_letter_producer": None,
        "trust": TrustStore.development(),
    }
    LogConsumer(pool, TaggedNotes("a", "a"), linger_ms=0, **kwargs)
    LogConsumer(pool, TaggedNotes("a", "a"), linger_ms=1000, **kwargs)
    for wrong in (-1, 1001):
        with pytest.raises(ValueError, match="linger_ms must be between 0 and 1000"):
            LogConsumer(pool, TaggedNotes("a", "a"), linger_ms=wrong, **kwargs)
