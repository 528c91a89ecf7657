"""Projections against a fresh rebuild from the log, and snapshots of a service's tables (to
show that a redelivery changed nothing)."""

from __future__ import annotations

import hashlib
from typing import Any, cast

import asyncpg
from aiokafka import AIOKafkaProducer
from tests.faults.checks import RawLog
from tests.faults.services import TOPIC, Fleet

from noncoop_shared.consumer import LogConsumer
from noncoop_shared.signing import TrustStore
from referrals.projections.register import MIGRATIONS as REGISTER_MIGRATIONS
from referrals.projections.register import CaseRegisterProjection
from reporting.rebuild import PROJECTIONS, rebuild

#: Live consumption interleaves partitions, a rebuild takes them in order: the audit trail's
#: log_sequence may differ, nothing else (reporting/rebuild.py).
ORDER_ONLY_COLUMNS = frozenset({"log_sequence"})


async def differing_rows(
    conn: asyncpg.Connection[Any], left: str, right: str, exclude: frozenset[str] = frozenset()
) -> int:
    """Rows in one of ``schema.table`` ``left``/``right`` and not in the other (as multisets),
    over the columns of ``right`` less ``exclude``."""
    schema, table = right.split(".")
    columns = [
        r["column_name"]
        for r in await conn.fetch(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position",
            schema,
            table,
        )
        if r["column_name"] not in exclude
    ]
    assert columns, f"no table {right}"
    row = "ROW(" + ", ".join(f'"{c}"' for c in columns) + ")::text"
    return int(
        await conn.fetchval(
            f"SELECT count(*) FROM ((SELECT {row} FROM {left} EXCEPT ALL SELECT {row} FROM {right})"  # noqa: S608
            f" UNION ALL (SELECT {row} FROM {right} EXCEPT ALL SELECT {row} FROM {left})) AS d"
        )
    )


async def reporting_against_rebuild(fleet: Fleet) -> dict[str, int]:
    """Rebuild every reporting projection (reporting's own blue/green rebuild), then compare
    the tables it retired (built live, through the faults) with the rebuilt ones."""
    dsn = fleet.services["reporting"].dsn
    result = await rebuild(dsn, fleet.stack.kafka_access(), TOPIC, list(PROJECTIONS))
    conn = await asyncpg.connect(dsn)
    try:
        return {
            f"reporting.{table}": await differing_rows(
                conn, f"{result.retired_schema}.{table}", f"public.{table}", ORDER_ONLY_COLUMNS
            )
            for name in result.projections
            for table in PROJECTIONS[name].tables
        }
    finally:
        await conn.close()


class _NoDeadLetters:
    """The live consumer dead-lettered what it had to; a check sends nothing."""

    async def send_and_wait(self, topic: str, **_: Any) -> None:
        return None


async def referrals_register_against_rebuild(fleet: Fleet, log: RawLog) -> dict[str, int]:
    """Feed the whole log, partition by partition, through referrals' register projection into
    a fresh schema (the live consumer's own code path), and compare with the live table."""
    dsn = fleet.services["referrals"].dsn
    schema = "faults_rebuild"
    admin = await asyncpg.connect(dsn)
    try:
        await admin.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        await admin.execute(f"CREATE SCHEMA {schema}")
        async with admin.transaction():
            await admin.execute(f"SET LOCAL search_path = {schema}")
            for table in ("consumer_positions", "consumer_streams"):
                await admin.execute(f"CREATE TABLE {table} (LIKE public.{table} INCLUDING ALL)")
            for _, sql in REGISTER_MIGRATIONS:
                await admin.execute(sql)
        pool = await asyncpg.create_pool(
            dsn, min_size=1, max_size=2, server_settings={"search_path": schema}
        )
        try:
            consumer = LogConsumer(
                pool,
                CaseRegisterProjection(),
                kafka=fleet.stack.kafka_access(),
                topic=TOPIC,
                dead_letter_topic=f"{TOPIC}.dlq",
                dead_letter_producer=cast(AIOKafkaProducer, _NoDeadLetters()),
                trust=TrustStore.development(),
            )
            for partition in sorted(log):
                await consumer.process(partition, log[partition])
        finally:
            await pool.close()
        return {
            "referrals.case_register": await differing_rows(
                admin, f"{schema}.case_register", "public.case_register"
            )
        }
    finally:
        await admin.close()


async def table_digests(dsn: str, skip: frozenset[str]) -> dict[str, str]:
    """Per table of ``public``: a digest of its rows (in a stable order)."""
    conn = await asyncpg.connect(dsn)
    try:
        tables = [
            r["tablename"]
            for r in await conn.fetch(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
            if r["tablename"] not in skip
        ]
        digests: dict[str, str] = {}
        for table in tables:
            rows = await conn.fetch(f'SELECT t::text AS row FROM public."{table}" AS t')  # noqa: S608
            digest = hashlib.sha256()
            for line in sorted(r["row"] for r in rows):
                digest.update(line.encode() + b"\n")
            digests[table] = digest.hexdigest()
        return digests
    finally:
        await conn.close()
