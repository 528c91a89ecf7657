"""Blue/green rebuild of the projections from offset 0: two rebuilds of one log are byte-identical,
the live tables serve throughout, and the live consumers go on from the swapped-in tables."""

from __future__ import annotations

import asyncio
from typing import Any

import asyncpg
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from noncoop_shared.envelope import Envelope, chain_hash
from noncoop_shared.signing import EventSigner
from noncoop_shared.testing import court_decision_body, urgent_incident_body
from reporting.bulk import load as bulk_load
from reporting.projections.audit_trail import CONSUMER_NAME as AUDIT_TRAIL
from reporting.projections.public_register import CONSUMER_NAME as PUBLIC_REGISTER
from reporting.rebuild import PROJECTIONS, main, projection_digest, rebuild

pytestmark = pytest.mark.integration

SECRET = "reporting-rebuild-tests-secret-" + "b" * 32
BOTH = ["audit_trail", "public_register"]
ALL = list(PROJECTIONS)
# The audit trail's rows without log_sequence: the order of arrival across partitions, which
# live consumption interleaves; within a case, the order is the log's either way.
AUDIT_ROWS = (
    "SELECT event_id, subject, stream, stream_version, type, classification, hash,"
    " rank() OVER (PARTITION BY subject ORDER BY log_sequence) AS place"
    " FROM {table} ORDER BY event_id"
)


@pytest.fixture
def stack(system: Any) -> Any:
    """The two apps on one topic (the ``system`` of conftest.py), as these tests name it."""
    return system


async def caught_up(stack: Any, records: int, consumer: str = PUBLIC_REGISTER) -> None:
    await stack.caught_up(records, consumer)


async def write_cases(stack: Any, count: int) -> int:
    """``count`` 7(a) cases, each forwarded, and one 7(b) case; returns the number of events."""
    for _ in range(count):
        opened = await stack.referrals.post(
            "/v1/court-referrals", json=court_decision_body(), headers=stack.headers("court")
        )
        assert opened.status_code == 201, opened.text
        forwarded = await stack.referrals.post(
            f"/v1/cases/{opened.json()['case_id']}/forwarding",
            json={"communication_reference": "SP/1"},
            headers=stack.headers("secretariat"),
        )
        assert forwarded.status_code == 200, forwarded.text
    urgent = await stack.referrals.post(
        "/v1/urgent-incidents", json=urgent_incident_body(), headers=stack.headers("president")
    )
    assert urgent.status_code == 201, urgent.text
    return 2 * count + 1


async def both_caught_up(stack: Any, records: int) -> None:
    await caught_up(stack, records, PUBLIC_REGISTER)
    await caught_up(stack, records, AUDIT_TRAIL)


async def test_two_rebuilds_give_byte_identical_tables_while_the_live_ones_serve(
    stack: Any,
) -> None:
    records = await write_cases(stack, 6)
    for projection in ALL:
        await caught_up(stack, records, PROJECTIONS[projection].handler().name)
    pool = await asyncpg.create_pool(stack.reporting_dsn, min_size=1, max_size=2)
    try:
        live = {
            table: await projection_digest(pool, table)
            for projection in ALL
            for table in PROJECTIONS[projection].tables
        }
        live_register = live["public_register"]
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
            first = await rebuild(stack.reporting_dsn, stack.kafka, stack.topic, ALL)
            after_first = {t: await projection_digest(pool, t) for t in first.digests}
            # The second with the partitions shared out among two processes.
            second = await rebuild(stack.reporting_dsn, stack.kafka, stack.topic, ALL, workers=2)
            after_second = {t: await projection_digest(pool, t) for t in second.digests}
        finally:
            stop.set()
            await reader
    finally:
        await pool.close()

    assert first.digests == second.digests == after_first == after_second
    assert set(first.digests) >= {"audit_trail", "procedural_state", "assembly_sessions"}
    # Nothing depends on how partitions interleave (log_sequence comes from the log position,
    # the register is kept per case): the live tables are the rebuilt ones, byte for byte.
    assert first.digests == live
    assert first.digests["public_register"] == live_register
    assert first.schema != second.schema
    # Every event reaches the audit trail; the calendar wants none of these (no session).
    assert first.applied["audit_trail"] == first.applied["procedural_state"] == records
    assert first.applied["assembly_sessions"] == 0
    assert len(reads) > 10
    assert set(reads) == {(200, 6)}


async def test_after_the_swap_the_live_consumers_go_on_and_the_rows_equal_a_fresh_rebuild(
    stack: Any,
) -> None:
    records = await write_cases(stack, 3)
    await both_caught_up(stack, records)
    await rebuild(stack.reporting_dsn, stack.kafka, stack.topic, BOTH)
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
        fresh = await rebuild(stack.reporting_dsn, stack.kafka, stack.topic, BOTH)
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
    stack: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
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
    stack: Any,
) -> None:
    records = await write_cases(stack, 3)
    await both_caught_up(stack, records)
    writer = asyncio.create_task(write_cases(stack, 4))
    await rebuild(stack.reporting_dsn, stack.kafka, stack.topic, BOTH)
    records += await writer
    await both_caught_up(stack, records)
    pool = await asyncpg.create_pool(stack.reporting_dsn, min_size=1, max_size=2)
    try:
        live_register = await projection_digest(pool, "public_register")
        live_audit = await pool.fetch(AUDIT_ROWS.format(table="audit_trail"))
        consumers = {
            r["consumer"] for r in await pool.fetch("SELECT consumer FROM consumer_positions")
        }
        fresh = await rebuild(stack.reporting_dsn, stack.kafka, stack.topic, BOTH)
    finally:
        await pool.close()
    assert len(live_audit) == records
    assert fresh.digests["public_register"] == live_register
    # The swap moved the live consumers' own positions (no rows under other names).
    assert {AUDIT_TRAIL, PUBLIC_REGISTER} <= consumers
    assert not consumers & set(BOTH)


async def test_two_rebuilds_of_the_procedural_state_are_identical(stack: Any) -> None:
    records = await write_cases(stack, 3)
    await both_caught_up(stack, records)
    first = await rebuild(stack.reporting_dsn, stack.kafka, stack.topic, ["procedural_state"])
    second = await rebuild(stack.reporting_dsn, stack.kafka, stack.topic, ["procedural_state"])
    assert "procedural_state" in first.digests
    assert first.digests["procedural_state"] == second.digests["procedural_state"]


async def test_a_bulk_load_in_tiny_windows_gives_the_live_tables(stack: Any) -> None:
    """Windows of one record: every case goes quiet (its facts put away as JSON, its register
    row written) and comes back (taken out again; its later public entries appended by the
    live upsert), and audiences split as restricted and States Parties events arrive. The
    tables are still the live ones, and the live consumer's own feed gives them too."""
    records = await write_cases(stack, 4)
    # The register lists the cases once it has read them (a listing read earlier was empty).
    await caught_up(stack, records, PUBLIC_REGISTER)
    listed = (await stack.reporting.get("/v1/public/cases")).json()["cases"]
    assert len(listed) == 4, listed
    for case in listed:
        released = await stack.referrals.post(
            f"/v1/cases/{case['case_id']}/press-release",
            json={"reference": "PR/1", "title": "The President informs"},
            headers=stack.headers("president"),
        )
        assert released.status_code == 200, released.text
    records += len(listed)
    for projection in ALL:
        await caught_up(stack, records, PROJECTIONS[projection].handler().name)
    pool = await asyncpg.create_pool(stack.reporting_dsn, min_size=1, max_size=2)
    try:
        live = {
            table: await projection_digest(pool, table)
            for projection in ALL
            for table in PROJECTIONS[projection].tables
        }
        register = await stack.reporting.get(f"/v1/public/cases/{listed[0]['case_id']}")
        assert len(register.json()["entries"]) == 2  # the decision and the press release
    finally:
        await pool.close()
    tiny = await rebuild(stack.reporting_dsn, stack.kafka, stack.topic, ALL, window=1)
    fed = await rebuild(stack.reporting_dsn, stack.kafka, stack.topic, ALL, bulk=False)
    two = await rebuild(stack.reporting_dsn, stack.kafka, stack.topic, ALL, workers=2, window=3)
    assert tiny.digests == live == fed.digests == two.digests
    assert tiny.applied == fed.applied


async def test_a_signed_event_with_a_version_no_table_holds_is_refused_on_reading(
    stack: Any,
) -> None:
    """A signed event whose stream version does not fit PostgreSQL's integer: every consumer
    refuses it as it reads it (before, the live consumers' bookkeeping failed on it and
    retried for ever), and a rebuild refuses it alike."""
    records = await write_cases(stack, 2)
    await both_caught_up(stack, records)
    # From the earliest offset: a seek_to_beginning() made before the partitions are assigned
    # seeks nothing, and the default ("latest") then reads none of the records already there.
    reader = AIOKafkaConsumer(
        stack.topic, **stack.kafka.client_kwargs(), group_id=None, auto_offset_reset="earliest"
    )
    await reader.start()
    try:
        # The first fetches may come back empty while the partitions are being assigned.
        first: list[Any] = []
        for _ in range(30):
            first = [r for batch in (await reader.getmany(timeout_ms=1000)).values() for r in batch]
            if first:
                break
        assert first, "no record of the cases read back from the topic"
        genuine = Envelope.from_bytes(first[0].value)
    finally:
        await reader.stop()
    huge = genuine.model_construct(
        **(dict(genuine) | {"streamversion": 2**31, "prevhash": genuine.hash})
    )
    huge = huge.model_copy(update={"hash": chain_hash(huge.prevhash, huge.without_hash())})
    huge = EventSigner.development("referrals").signed(huge)
    producer = AIOKafkaProducer(**stack.kafka.client_kwargs())
    await producer.start()
    try:
        await producer.send_and_wait(
            stack.topic, value=huge.to_bytes(), key=huge.subject.encode("utf-8")
        )
    finally:
        await producer.stop()
    records += 1
    for projection in ALL:
        await caught_up(stack, records, PROJECTIONS[projection].handler().name)
    pool = await asyncpg.create_pool(stack.reporting_dsn, min_size=1, max_size=2)
    try:
        live = {
            table: await projection_digest(pool, table)
            for projection in ALL
            for table in PROJECTIONS[projection].tables
        }
        assert await pool.fetchval("SELECT count(*) FROM audit_trail") == records - 1
    finally:
        await pool.close()
    rebuilt = await rebuild(stack.reporting_dsn, stack.kafka, stack.topic, ALL)
    assert rebuilt.digests == live
    assert rebuilt.applied["audit_trail"] == records - 1
    assert rebuilt.dead_letters_seen == len(ALL)  # once per projection the rebuild feeds


async def test_a_row_the_database_refuses_sends_the_rebuild_to_the_live_path(
    stack: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What PostgreSQL refuses in a COPY, only the live consumer's record-by-record redo can
    settle (it dead-letters that record for that projection alone): the rebuild starts over
    on that path, and the tables are still the live ones."""
    records = await write_cases(stack, 2)
    for projection in ALL:
        await caught_up(stack, records, PROJECTIONS[projection].handler().name)
    refused: list[str] = []

    async def refusing_copy(*args: Any) -> None:
        refused.append("copy")
        raise asyncpg.DataError("value out of range (as PostgreSQL would say)")

    monkeypatch.setattr(bulk_load, "_copy", refusing_copy)
    pool = await asyncpg.create_pool(stack.reporting_dsn, min_size=1, max_size=2)
    try:
        live = {
            table: await projection_digest(pool, table)
            for projection in ALL
            for table in PROJECTIONS[projection].tables
        }
    finally:
        await pool.close()
    rebuilt = await rebuild(stack.reporting_dsn, stack.kafka, stack.topic, ALL)
    assert refused
    assert rebuilt.digests == live
    assert rebuilt.applied["audit_trail"] == records
