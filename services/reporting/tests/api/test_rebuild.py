"""Blue/green rebuild of the projections from offset 0: two rebuilds of one log are byte-identical,
the live tables serve throughout, and the live consumers go on from the swapped-in tables."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import asyncpg
import httpx
import pytest
from aiokafka import AIOKafkaConsumer, TopicPartition

from noncoop_shared.auth.tokens import mint_token
from noncoop_shared.testing import court_decision_body, urgent_incident_body
from referrals.main import build_app as build_referrals
from referrals.settings import ReferralsSettings
from reporting.main import build_app as build_reporting
from reporting.projections.audit_trail import CONSUMER_NAME as AUDIT_TRAIL
from reporting.projections.public_register import CONSUMER_NAME as PUBLIC_REGISTER
from reporting.rebuild import main, projection_digest, rebuild
from reporting.settings import ReportingSettings

pytestmark = pytest.mark.integration

SECRET = "reporting-rebuild-tests-secret-" + "b" * 32
BOTH = ["audit_trail", "public_register"]
# The audit trail's rows without log_sequence: the order of arrival across partitions, which
# live consumption interleaves; within a case, the order is the log's either way.
AUDIT_ROWS = (
    "SELECT event_id, subject, stream, stream_version, type, classification, hash,"
    " rank() OVER (PARTITION BY subject ORDER BY log_sequence) AS place"
    " FROM {table} ORDER BY event_id"
)


def headers(role: str, **claims: str) -> dict[str, str]:
    token = mint_token(SECRET, role=role, sub=f"{role}-1", ttl=timedelta(minutes=10), **claims)
    return {"Authorization": f"Bearer {token}"}


@dataclass
class Stack:
    referrals: httpx.AsyncClient
    reporting: httpx.AsyncClient
    reporting_dsn: str
    bootstrap_servers: str
    topic: str


@pytest.fixture
async def stack(
    database_factory: Any, fresh_topic: str, kafka_bootstrap_servers: str
) -> AsyncIterator[Stack]:
    common = {
        "kafka_bootstrap_servers": kafka_bootstrap_servers,
        "events_topic": fresh_topic,
        "dead_letter_topic": f"{fresh_topic}.dlq",
        "NONCOOP_JWT_SECRET": SECRET,
    }
    reporting_dsn = await database_factory.create()
    referrals = build_referrals(
        ReferralsSettings(database_url=await database_factory.create(), **common)
    )
    reporting = build_reporting(ReportingSettings(database_url=reporting_dsn, **common))
    async with AsyncExitStack() as exits:
        clients = []
        for app, name in ((referrals, "referrals"), (reporting, "reporting")):
            await exits.enter_async_context(app.router.lifespan_context(app))
            clients.append(
                await exits.enter_async_context(
                    httpx.AsyncClient(
                        transport=httpx.ASGITransport(app=app), base_url=f"http://{name}"
                    )
                )
            )
        yield Stack(*clients, reporting_dsn, kafka_bootstrap_servers, fresh_topic)


async def caught_up(stack: Stack, records: int, consumer: str = PUBLIC_REGISTER) -> None:
    """Wait until ``records`` are on the log and ``consumer`` has applied all of them."""
    # Subscribing (no group) fetches the topic's metadata on start.
    reader = AIOKafkaConsumer(stack.topic, bootstrap_servers=stack.bootstrap_servers, group_id=None)
    await reader.start()
    try:
        partitions = [
            TopicPartition(stack.topic, p) for p in reader.partitions_for_topic(stack.topic) or ()
        ]
        assert partitions
        for _ in range(200):
            ends = {tp.partition: n for tp, n in (await reader.end_offsets(partitions)).items()}
            if sum(ends.values()) >= records:
                break
            await asyncio.sleep(0.1)
    finally:
        await reader.stop()
    assert sum(ends.values()) >= records, ends
    conn = await asyncpg.connect(stack.reporting_dsn)
    try:
        for _ in range(200):
            rows = await conn.fetch(
                "SELECT partition, next_offset FROM consumer_positions WHERE consumer = $1",
                consumer,
            )
            stored = {row["partition"]: row["next_offset"] for row in rows}
            if all(stored.get(p, 0) >= end for p, end in ends.items()):
                return
            await asyncio.sleep(0.1)
    finally:
        await conn.close()
    raise AssertionError(f"{consumer} did not catch up: {stored} < {ends}")


async def write_cases(stack: Stack, count: int) -> int:
    """``count`` 7(a) cases, each forwarded, and one 7(b) case; returns the number of events."""
    for _ in range(count):
        opened = await stack.referrals.post(
            "/v1/court-referrals", json=court_decision_body(), headers=headers("court")
        )
        assert opened.status_code == 201, opened.text
        forwarded = await stack.referrals.post(
            f"/v1/cases/{opened.json()['case_id']}/forwarding",
            json={"communication_reference": "SP/1"},
            headers=headers("secretariat"),
        )
        assert forwarded.status_code == 200, forwarded.text
    urgent = await stack.referrals.post(
        "/v1/urgent-incidents", json=urgent_incident_body(), headers=headers("president")
    )
    assert urgent.status_code == 201, urgent.text
    return 2 * count + 1


async def both_caught_up(stack: Stack, records: int) -> None:
    await caught_up(stack, records, PUBLIC_REGISTER)
    await caught_up(stack, records, AUDIT_TRAIL)


async def test_two_rebuilds_give_byte_identical_tables_while_the_live_ones_serve(
    stack: Stack,
) -> None:
    records = await write_cases(stack, 6)
    await both_caught_up(stack, records)
    pool = await asyncpg.create_pool(stack.reporting_dsn, min_size=1, max_size=2)
    try:
        live_register = await projection_digest(pool, "public_register")
        live_audit = await pool.fetch(AUDIT_ROWS.format(table="audit_trail"))
        assert len(live_audit) == records

        stop = asyncio.Event()
        reads: list[tuple[int, int]] = []

        async def read_while_rebuilding() -> None:
            while not stop.is_set():
                response = await stack.reporting.get("/v1/public/cases")
                reads.append((response.status_code, len(response.json().get("cases", []))))
                await asyncio.sleep(0)

        reader = asyncio.create_task(read_while_rebuilding())
        try:
            first = await rebuild(stack.reporting_dsn, stack.bootstrap_servers, stack.topic, BOTH)
            after_first = {t: await projection_digest(pool, t) for t in first.digests}
            second = await rebuild(stack.reporting_dsn, stack.bootstrap_servers, stack.topic, BOTH)
            after_second = {t: await projection_digest(pool, t) for t in second.digests}
        finally:
            stop.set()
            await reader
    finally:
        await pool.close()

    assert first.digests == second.digests == after_first == after_second
    # Per-case order makes the register independent of how partitions interleave.
    assert first.digests["public_register"] == live_register
    assert first.schema != second.schema
    assert first.applied == {"audit_trail": records, "public_register": records}
    assert len(reads) > 10
    assert set(reads) == {(200, 6)}


async def test_after_the_swap_the_live_consumers_go_on_and_the_rows_equal_a_fresh_rebuild(
    stack: Stack,
) -> None:
    records = await write_cases(stack, 3)
    await both_caught_up(stack, records)
    await rebuild(stack.reporting_dsn, stack.bootstrap_servers, stack.topic, BOTH)
    # Written after the swap: the live consumers put it into the swapped-in tables, once.
    records += await write_cases(stack, 1)
    await both_caught_up(stack, records)
    listed = (await stack.reporting.get("/v1/public/cases")).json()["cases"]
    assert len(listed) == 4
    newest = await stack.reporting.get(f"/v1/public/cases/{listed[-1]['case_id']}")
    assert len(newest.json()["entries"]) == 1  # the forwarding is not public; no duplicate
    pool = await asyncpg.create_pool(stack.reporting_dsn, min_size=1, max_size=2)
    try:
        live_register = await projection_digest(pool, "public_register")
        live_audit = await pool.fetch(AUDIT_ROWS.format(table="audit_trail"))
        fresh = await rebuild(stack.reporting_dsn, stack.bootstrap_servers, stack.topic, BOTH)
        rebuilt_audit = await pool.fetch(AUDIT_ROWS.format(table="audit_trail"))
        retired_audit = await pool.fetch(
            AUDIT_ROWS.format(table=f"{fresh.retired_schema}.audit_trail")
        )
    finally:
        await pool.close()
    assert fresh.digests["public_register"] == live_register
    assert len(live_audit) == records
    assert [tuple(r) for r in rebuilt_audit] == [tuple(r) for r in live_audit]
    assert [tuple(r) for r in retired_audit] == [tuple(r) for r in live_audit]


async def test_the_cli_rebuilds_with_the_reporting_settings(
    stack: Stack, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    records = await write_cases(stack, 2)
    await both_caught_up(stack, records)
    monkeypatch.setenv("REPORTING_DATABASE_URL", stack.reporting_dsn)
    monkeypatch.setenv("REPORTING_KAFKA_BOOTSTRAP_SERVERS", stack.bootstrap_servers)
    monkeypatch.setenv("REPORTING_EVENTS_TOPIC", stack.topic)
    monkeypatch.setenv("NONCOOP_JWT_SECRET", SECRET)
    # In a thread: the CLI runs its own event loop, the services keep running on this one.
    assert await asyncio.to_thread(main, ["--projection", "public_register"]) == 0
    out = capsys.readouterr().out
    assert "public_register\tsha256:" in out
    assert "audit_trail" not in out
    assert await asyncio.to_thread(main, ["--projection", "all"]) == 0
    assert (await stack.reporting.get("/v1/public/cases")).json()["cases"]
    with pytest.raises(SystemExit):
        main(["--projection", "nonsense"])


async def test_events_written_during_a_rebuild_reach_the_swapped_in_tables_exactly_once(
    stack: Stack,
) -> None:
    records = await write_cases(stack, 3)
    await both_caught_up(stack, records)
    writer = asyncio.create_task(write_cases(stack, 4))
    await rebuild(stack.reporting_dsn, stack.bootstrap_servers, stack.topic, BOTH)
    records += await writer
    await both_caught_up(stack, records)
    pool = await asyncpg.create_pool(stack.reporting_dsn, min_size=1, max_size=2)
    try:
        live_register = await projection_digest(pool, "public_register")
        live_audit = await pool.fetch(AUDIT_ROWS.format(table="audit_trail"))
        consumers = {
            r["consumer"] for r in await pool.fetch("SELECT consumer FROM consumer_positions")
        }
        fresh = await rebuild(stack.reporting_dsn, stack.bootstrap_servers, stack.topic, BOTH)
    finally:
        await pool.close()
    assert len(live_audit) == records
    assert fresh.digests["public_register"] == live_register
    # The swap moved the live consumers' own positions (no rows under other names).
    assert {AUDIT_TRAIL, PUBLIC_REGISTER} <= consumers
    assert not consumers & set(BOTH)


async def test_two_rebuilds_of_the_procedural_state_are_identical(stack: Stack) -> None:
    records = await write_cases(stack, 3)
    await both_caught_up(stack, records)
    first = await rebuild(
        stack.reporting_dsn, stack.bootstrap_servers, stack.topic, ["procedural_state"]
    )
    second = await rebuild(
        stack.reporting_dsn, stack.bootstrap_servers, stack.topic, ["procedural_state"]
    )
    assert "procedural_state" in first.digests
    assert first.digests["procedural_state"] == second.digests["procedural_state"]
