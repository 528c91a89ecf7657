"""The verify command on a real store and a real log: each way of tampering is found, and the
first bad event is named."""

from __future__ import annotations

import asyncio
import io
import json
import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any

import asyncpg
import pytest
from aiokafka.admin import NewTopic

from noncoop_shared.audit.__main__ import main
from noncoop_shared.audit.verify_log import (
    Finding,
    LogRecord,
    compare_store_with_log,
    read_log,
    read_store,
    verify_events,
    verify_store,
)
from noncoop_shared.canonical import canonical_json
from noncoop_shared.envelope import Envelope, chain_hash
from noncoop_shared.ids import uuid7
from noncoop_shared.kafka import KafkaAccess, admin_client, log_producer
from noncoop_shared.relay import OutboxRelay
from noncoop_shared.store import PostgresEventStore
from noncoop_shared.testing import plain_event

pytestmark = pytest.mark.integration

CASES = {"case-1": 4, "case-2": 3, "case-3": 2}
TARGET = "case:case-1"


async def record(store: PostgresEventStore, case_id: str, count: int) -> None:
    for version in range(count):
        async with store.transaction() as tx:
            await tx.append(
                stream=f"case:{case_id}",
                subject=case_id,
                expected_version=version,
                events=[plain_event(case_id, note=str(version))],
            )


@pytest.fixture
async def published(
    store: PostgresEventStore, pool: asyncpg.Pool, kafka_access: KafkaAccess, fresh_topic: str
) -> list[Envelope]:
    """Events on a few streams, appended by the real store and published by the relay; returns
    the target stream's events."""
    for case_id, count in CASES.items():
        await record(store, case_id, count)
    producer = log_producer(kafka_access, client_id="test-verify")
    await producer.start()
    try:
        relay = OutboxRelay(pool, producer, topic=fresh_topic)
        assert await relay.publish_pending() == sum(CASES.values())
    finally:
        await producer.stop()
    return await store.load(TARGET)


@pytest.fixture
async def copy_topic(kafka_access: KafkaAccess) -> AsyncIterator[str]:
    """A second fresh topic (12 partitions), for a doctored copy of the log."""
    name = f"noncoop.events.test-doctored-{uuid.uuid4().hex}"
    admin = admin_client(kafka_access)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(name, 12, 1)])
        async with asyncio.timeout(30):
            while True:
                [described] = await admin.describe_topics([name])
                if (
                    described["error_code"] == 0
                    and len(described["partitions"]) == 12
                    and all(p["leader"] >= 0 for p in described["partitions"])
                ):
                    break
                await asyncio.sleep(0.1)
        yield name
        await admin.delete_topics([name])
    finally:
        await admin.close()


def forged_after(previous: Envelope, like: Envelope) -> Envelope:
    """A new event with a valid hash of its own, linked to ``previous``."""
    draft = like.model_copy(
        update={"id": uuid7(), "data": {**like.data, "note": "forged"}, "prevhash": previous.hash}
    )
    return draft.model_copy(update={"hash": chain_hash(previous.hash, draft.without_hash())})


def doctored_bytes(envelope: Envelope) -> bytes:
    """The envelope with its data changed and its hash left alone."""
    body: dict[str, Any] = json.loads(envelope.to_bytes())
    body["data"]["note"] = "doctored"
    return canonical_json(body)


def only(findings: list[Finding]) -> Finding:
    assert len(findings) == 1, findings
    return findings[0]


# --- (a) clean -------------------------------------------------------------------------------


async def test_a_clean_store_and_log_verify(
    published: list[Envelope], fresh_database: str, kafka_access: KafkaAccess, fresh_topic: str
) -> None:
    records = await read_log(kafka_access, fresh_topic)
    assert len(records) == sum(CASES.values())
    # In partition/offset order.
    coordinates = [(r.coordinates.partition, r.coordinates.offset) for r in records]
    assert coordinates == sorted(coordinates)
    rows = await read_store(fresh_database)
    assert [r.position for r in rows] == sorted(r.position for r in rows)
    assert {r.outbox for r in rows} == {"published"}
    assert verify_events(records) == []
    assert verify_store(rows) == []
    assert compare_store_with_log(rows, records) == []


async def test_reading_an_empty_log_terminates(kafka_access: KafkaAccess, copy_topic: str) -> None:
    assert await read_log(kafka_access, copy_topic) == []


# --- (b) tampering with the store ------------------------------------------------------------


async def test_store_altered_event_is_named(
    published: list[Envelope], pool: asyncpg.Pool, fresh_database: str
) -> None:
    victim = published[1]
    async with pool.acquire() as conn:
        await conn.execute(
            "UPDATE events SET envelope = $2 WHERE id = $1",
            victim.id,
            doctored_bytes(victim).decode(),
        )
    finding = only(verify_store(await read_store(fresh_database)))
    assert (finding.stream, finding.event_id) == (TARGET, str(victim.id))
    assert "altered" in finding.problem


async def test_store_removed_event_names_the_next_one(
    published: list[Envelope], pool: asyncpg.Pool, fresh_database: str
) -> None:
    async with pool.acquire() as conn, conn.transaction():
        position = await conn.fetchval("SELECT position FROM events WHERE id = $1", published[1].id)
        await conn.execute("DELETE FROM outbox WHERE position = $1", position)
        await conn.execute("DELETE FROM events WHERE position = $1", position)
    finding = only(verify_store(await read_store(fresh_database)))
    assert (finding.stream, finding.event_id) == (TARGET, str(published[2].id))
    assert "version 3 where 2 was expected" in finding.problem


async def test_store_inserted_forged_event_is_named(
    published: list[Envelope],
    pool: asyncpg.Pool,
    fresh_database: str,
    kafka_access: KafkaAccess,
    fresh_topic: str,
) -> None:
    # The forger makes room for version 2 and slips in an event linked to version 1.
    forged = forged_after(published[0], published[1])
    assert forged.hash_is_valid()
    async with pool.acquire() as conn, conn.transaction():
        for shift in (1000, -999):
            await conn.execute(
                "UPDATE events SET version = version + $2 WHERE stream = $1 AND version >= 2",
                TARGET,
                shift,
            )
        await conn.execute(
            "INSERT INTO events (id, stream, version, subject, type, recorded_at, hash, envelope)"
            " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            forged.id,
            forged.stream,
            forged.streamversion,
            forged.subject,
            forged.type,
            forged.time,
            forged.hash,
            forged.to_bytes().decode(),
        )
    rows = await read_store(fresh_database)
    finding = only(verify_store(rows))
    assert (finding.stream, finding.event_id) == (TARGET, str(forged.id))
    assert "inserted" in finding.problem
    # Against the log: the forged event was never published, and never went through the outbox.
    records = await read_log(kafka_access, fresh_topic)
    compared = only(compare_store_with_log(rows, records))
    assert compared.event_id == str(forged.id)
    assert "inserted into the store" in compared.problem


async def test_store_swapped_versions_name_the_event_out_of_place(
    published: list[Envelope], pool: asyncpg.Pool, fresh_database: str
) -> None:
    second, third = published[1], published[2]
    async with pool.acquire() as conn, conn.transaction():
        await conn.execute("UPDATE events SET version = 1000 WHERE id = $1", second.id)
        await conn.execute("UPDATE events SET version = 2 WHERE id = $1", third.id)
        await conn.execute("UPDATE events SET version = 3 WHERE id = $1", second.id)
    finding = only(verify_store(await read_store(fresh_database)))
    assert (finding.stream, finding.event_id) == (TARGET, str(third.id))


# --- (c) tampering with the log --------------------------------------------------------------

Doctor = Callable[[list[tuple[int, bytes, bytes]]], list[tuple[int, bytes, bytes]]]


async def copy_log(kafka: KafkaAccess, source: str, target: str, doctor: Doctor) -> list[LogRecord]:
    """Copy ``source`` into ``target`` through ``doctor`` (each record to its own partition)
    and read the copy back."""
    originals = [
        (r.coordinates.partition, r.content.subject.encode(), r.content.to_bytes())
        for r in await read_log(kafka, source)
        if isinstance(r.content, Envelope)
    ]
    producer = log_producer(kafka, client_id="test-doctor")
    await producer.start()
    try:
        for partition, key, value in doctor(originals):
            await producer.send_and_wait(target, value=value, key=key, partition=partition)
    finally:
        await producer.stop()
    return await read_log(kafka, target)


def index_of(records: list[tuple[int, bytes, bytes]], envelope: Envelope) -> int:
    raw = envelope.to_bytes()
    return next(i for i, (_, _, value) in enumerate(records) if value == raw)


async def test_log_copied_unchanged_and_with_duplicates_verifies(
    published: list[Envelope], kafka_access: KafkaAccess, fresh_topic: str, copy_topic: str
) -> None:
    copied = await copy_log(kafka_access, fresh_topic, copy_topic, lambda rs: rs + rs)
    assert len(copied) == 2 * sum(CASES.values())
    assert verify_events(copied) == []


async def test_log_altered_event_is_named(
    published: list[Envelope], kafka_access: KafkaAccess, fresh_topic: str, copy_topic: str
) -> None:
    victim = published[1]

    def doctor(records: list[tuple[int, bytes, bytes]]) -> list[tuple[int, bytes, bytes]]:
        i = index_of(records, victim)
        partition, key, _ = records[i]
        return [*records[:i], (partition, key, doctored_bytes(victim)), *records[i + 1 :]]

    copied = await copy_log(kafka_access, fresh_topic, copy_topic, doctor)
    finding = only(verify_events(copied))
    assert (finding.stream, finding.event_id) == (TARGET, str(victim.id))
    assert "altered" in finding.problem
    where = next(
        r.coordinates
        for r in copied
        if isinstance(r.content, Envelope) and r.content.id == victim.id
    )
    assert finding.position_description == where.describe()


async def test_log_removed_event_names_the_next_one(
    published: list[Envelope], kafka_access: KafkaAccess, fresh_topic: str, copy_topic: str
) -> None:
    def doctor(records: list[tuple[int, bytes, bytes]]) -> list[tuple[int, bytes, bytes]]:
        i = index_of(records, published[1])
        return records[:i] + records[i + 1 :]

    copied = await copy_log(kafka_access, fresh_topic, copy_topic, doctor)
    finding = only(verify_events(copied))
    assert (finding.stream, finding.event_id) == (TARGET, str(published[2].id))


async def test_log_inserted_forged_event_is_named(
    published: list[Envelope],
    fresh_database: str,
    kafka_access: KafkaAccess,
    fresh_topic: str,
    copy_topic: str,
) -> None:
    forged = forged_after(published[0], published[1])

    def doctor(records: list[tuple[int, bytes, bytes]]) -> list[tuple[int, bytes, bytes]]:
        i = index_of(records, published[1])
        partition, key, _ = records[i]
        return [*records[:i], (partition, key, forged.to_bytes()), *records[i:]]

    copied = await copy_log(kafka_access, fresh_topic, copy_topic, doctor)
    finding = only(verify_events(copied))
    assert (finding.stream, finding.event_id) == (TARGET, str(forged.id))
    assert "inserted" in finding.problem
    compared = only(compare_store_with_log(await read_store(fresh_database), copied))
    assert compared.event_id == str(forged.id)
    assert "inserted into the log" in compared.problem


async def test_log_reordered_events_name_the_first_out_of_place(
    published: list[Envelope], kafka_access: KafkaAccess, fresh_topic: str, copy_topic: str
) -> None:
    def doctor(records: list[tuple[int, bytes, bytes]]) -> list[tuple[int, bytes, bytes]]:
        i, j = index_of(records, published[1]), index_of(records, published[2])
        swapped = list(records)
        swapped[i], swapped[j] = records[j], records[i]
        return swapped

    copied = await copy_log(kafka_access, fresh_topic, copy_topic, doctor)
    finding = only(verify_events(copied))
    assert (finding.stream, finding.event_id) == (TARGET, str(published[2].id))
    assert "version 3 where 2 was expected" in finding.problem


# --- (d) the command -------------------------------------------------------------------------


async def run_cli(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    # main() runs its own event loop, so it gets a thread of its own.
    code = await asyncio.to_thread(main, list(argv), out=out)
    return code, out.getvalue()


async def test_cli_exits_0_on_a_clean_store_and_1_on_a_tampered_one(
    published: list[Envelope],
    pool: asyncpg.Pool,
    fresh_database: str,
    kafka_access: KafkaAccess,
    fresh_topic: str,
) -> None:
    argv = [
        "verify",
        "--bootstrap-servers",
        kafka_access.bootstrap_servers,
        "--topic",
        fresh_topic,
        "--database-url",
        fresh_database,
    ]
    code, report = await run_cli(*argv)
    assert code == 0, report
    assert f"{sum(CASES.values())} records" in report
    assert "OK" in report

    victim = published[2]
    async with pool.acquire() as conn:
        await conn.execute(
            "UPDATE events SET envelope = $2 WHERE id = $1",
            victim.id,
            doctored_bytes(victim).decode(),
        )
    code, report = await run_cli(*argv)
    assert code == 1, report
    assert "FAILED" in report
    assert str(victim.id) in report
    assert "altered in the store" in report


async def test_cli_exits_2_when_the_topic_does_not_exist(kafka_access: KafkaAccess) -> None:
    code, _ = await run_cli(
        "verify", "--bootstrap-servers", kafka_access.bootstrap_servers, "--topic", "no.such.topic"
    )
    assert code == 2
