"""The test infrastructure itself: the fixtures of the root conftest.py give a broker and a
database that really work, and each test's topic and database are its own."""

from __future__ import annotations

import uuid
from typing import Any

import asyncpg
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType
from conftest import DatabaseFactory, DatabaseShelf

from noncoop_shared.kafka import KafkaAccess, admin_client

pytestmark = pytest.mark.integration

LOG_TOPIC = "noncoop.events.v1"


async def test_a_record_produced_on_a_fresh_topic_is_consumed_back(
    kafka_access: KafkaAccess, fresh_topic: str
) -> None:
    producer = AIOKafkaProducer(**kafka_access.client_kwargs(), acks="all", enable_idempotence=True)
    await producer.start()
    try:
        sent = await producer.send_and_wait(fresh_topic, key=b"case-1", value=b'{"n": 1}')
    finally:
        await producer.stop()

    consumer = AIOKafkaConsumer(
        fresh_topic,
        **kafka_access.client_kwargs(),
        group_id=f"test-{uuid.uuid4().hex}",
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    try:
        received = await consumer.getone()
    finally:
        await consumer.stop()

    assert (received.key, received.value) == (b"case-1", b'{"n": 1}')
    assert (received.partition, received.offset) == (sent.partition, sent.offset)


async def test_a_fresh_topic_has_twelve_partitions_and_a_dead_letter_topic(
    kafka_access: KafkaAccess, fresh_topic: str
) -> None:
    admin = admin_client(kafka_access)
    await admin.start()
    try:
        described = await admin.describe_topics([fresh_topic, f"{fresh_topic}.dlq"])
    finally:
        await admin.close()

    assert [(t["topic"], t["error_code"], len(t["partitions"])) for t in described] == [
        (fresh_topic, 0, 12),
        (f"{fresh_topic}.dlq", 0, 12),
    ]


async def test_the_shared_log_topic_exists_and_keeps_records_forever(
    kafka_access: KafkaAccess,
) -> None:
    admin = admin_client(kafka_access)
    await admin.start()
    try:
        (described,) = await admin.describe_topics([LOG_TOPIC])
        (configs,) = await admin.describe_configs(
            [ConfigResource(ConfigResourceType.TOPIC, LOG_TOPIC, {"retention.ms": None})]
        )
    finally:
        await admin.close()

    assert (described["error_code"], len(described["partitions"])) == (0, 12)
    retention = {entry[0]: entry[1] for entry in configs.resources[0][4]}
    assert retention["retention.ms"] == "-1"


async def test_a_fresh_database_is_empty_and_answers_queries(fresh_database: str) -> None:
    connection = await asyncpg.connect(fresh_database)
    try:
        database = await connection.fetchval("SELECT current_database()")
        tables = await connection.fetchval(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        )
        await connection.execute("CREATE TABLE events (id int PRIMARY KEY, body text NOT NULL)")
        await connection.execute("INSERT INTO events VALUES (1, 'first')")
        body = await connection.fetchval("SELECT body FROM events WHERE id = 1")
    finally:
        await connection.close()

    assert database.startswith("test_")
    assert tables == 0
    assert body == "first"


async def test_databases_from_the_factory_are_separate(database_factory: Any) -> None:
    first, second = await database_factory.create(), await database_factory.create()
    writer = await asyncpg.connect(first)
    try:
        await writer.execute("CREATE TABLE only_in_first (id int)")
    finally:
        await writer.close()

    reader = await asyncpg.connect(second)
    try:
        seen = await reader.fetchval("SELECT to_regclass('only_in_first') IS NOT NULL")
    finally:
        await reader.close()

    assert first != second
    assert seen is False


async def test_the_factory_takes_its_databases_back_empty_even_with_connections_open(
    postgres_dsn: str, database_shelf: Any
) -> None:
    factory = DatabaseFactory(database_shelf)
    dsn = await factory.create()
    left_open = await asyncpg.connect(dsn)
    await left_open.execute(
        "CREATE TABLE events (id int); CREATE SCHEMA rebuild_1; CREATE TABLE rebuild_1.t (id int)"
    )
    new_dsn = await factory.create()  # a database made now: what "empty" must look like
    empty = await _shape(new_dsn)

    await factory.release_all()

    assert left_open.is_closed() or not await _answers(left_open)
    again = DatabaseFactory(database_shelf)
    taken = {await again.create(), await again.create()}
    try:
        assert dsn in taken  # the same database, handed out again...
        assert await _shape(dsn) == empty  # ...as empty as a new one
    finally:
        await again.release_all()


async def test_the_shelf_drops_its_spare_databases(postgres_dsn: str) -> None:
    shelf = DatabaseShelf(postgres_dsn)
    name = await shelf.take()
    await shelf.put_back(name)
    assert shelf.spare == [name]

    await shelf.drop_spares()

    server = await asyncpg.connect(postgres_dsn)
    try:
        exists = await server.fetchval("SELECT count(*) FROM pg_database WHERE datname = $1", name)
    finally:
        await server.close()
    assert (exists, shelf.spare) == (0, [])


async def _shape(dsn: str) -> tuple[object, ...]:
    """A database's schemas (owner, rights, comment) and the relations outside the system's."""
    connection = await asyncpg.connect(dsn)
    try:
        schemas = await connection.fetch(
            "SELECT nspname, pg_get_userbyid(nspowner), nspacl::text,"
            " obj_description(oid, 'pg_namespace') FROM pg_namespace ORDER BY nspname"
        )
        relations = await connection.fetchval(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'"
        )
    finally:
        await connection.close()
    return tuple(tuple(row) for row in schemas), relations


async def _answers(connection: asyncpg.Connection) -> bool:
    try:
        await connection.fetchval("SELECT 1")
    except (asyncpg.PostgresError, asyncpg.InterfaceError, ConnectionError):
        return False
    finally:
        await connection.close()
    return True


async def test_the_server_dsn_can_create_databases(postgres_dsn: str) -> None:
    connection = await asyncpg.connect(postgres_dsn)
    try:
        may_create = await connection.fetchval(
            "SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user"
        )
    finally:
        await connection.close()

    assert may_create is True
