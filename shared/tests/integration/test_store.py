"""What only the PostgreSQL event store has: rows an operator can alter, the outbox, the
schema. What every store promises is in ``shared/tests/contract/`` (run on this one too)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from uuid import uuid4

import asyncpg
import pytest

from noncoop_shared.envelope import Envelope
from noncoop_shared.errors import ConcurrencyConflictError
from noncoop_shared.store import PostgresEventStore, migrate
from noncoop_shared.store.postgres import OUTBOX_CHANNEL
from noncoop_shared.store.schema import MIGRATIONS
from noncoop_shared.testing import plain_event
from noncoop_shared.verify import verify_stream

pytestmark = pytest.mark.integration


async def append(
    store: PostgresEventStore, stream: str, expected: int, n: int = 1
) -> list[Envelope]:
    case_id = stream.split(":", 1)[1]
    async with store.transaction() as tx:
        return await tx.append(
            stream=stream,
            subject=case_id,
            expected_version=expected,
            events=[plain_event(case_id, note=str(i)) for i in range(n)],
        )


async def test_altering_a_stored_event_breaks_the_chain_at_that_event(
    store: PostgresEventStore, pool: asyncpg.Pool
) -> None:
    await append(store, "case:d", 0, 3)
    await pool.execute(
        'UPDATE events SET envelope = replace(envelope, \'"note":"1"\', \'"note":"X"\')'
        " WHERE stream = 'case:d' AND version = 2"
    )
    broken = verify_stream(await store.load("case:d"))
    assert broken is not None
    assert broken.position == 1
    assert "altered" in broken.problem


async def test_every_event_gets_one_outbox_row_in_the_same_transaction(
    store: PostgresEventStore, pool: asyncpg.Pool
) -> None:
    await append(store, "case:e", 0, 2)
    rows = await pool.fetch("SELECT position, published_at FROM outbox ORDER BY position")
    assert len(rows) == 2
    assert all(row["published_at"] is None for row in rows)


async def test_a_stale_append_whose_later_versions_are_free_leaves_no_row_of_its_own(
    store: PostgresEventStore, pool: asyncpg.Pool
) -> None:
    # The append skips the versions it collides on (so it can read the actual version), while
    # the same statement writes the versions after them: the conflict must undo those too.
    await append(store, "case:partial", 0, 2)
    with pytest.raises(ConcurrencyConflictError) as refused:
        await append(store, "case:partial", 1, 3)  # versions 2 (taken), 3 and 4 (free)
    assert (refused.value.expected, refused.value.actual) == (1, 2)
    assert [e.streamversion for e in await store.load("case:partial")] == [1, 2]
    assert await pool.fetchval("SELECT count(*) FROM outbox") == 2


async def test_an_append_wakes_the_relay_once_at_commit_and_not_when_rolled_back(
    store: PostgresEventStore, pool: asyncpg.Pool
) -> None:
    woken: list[str] = []

    def wake(*args: object) -> None:
        woken.append(str(args[2]))

    listener = await pool.acquire()
    try:
        await listener.add_listener(OUTBOX_CHANNEL, wake)
        await append(store, "case:wake", 0, 3)
        with pytest.raises(ConcurrencyConflictError):
            await append(store, "case:wake", 1, 2)
        await listener.execute("SELECT 1")  # a round trip, so pending notifications arrive
        await asyncio.sleep(0.1)
        await listener.remove_listener(OUTBOX_CHANNEL, wake)
    finally:
        await pool.release(listener)
    assert woken == [OUTBOX_CHANNEL]


async def test_a_transaction_that_fails_after_append_leaves_neither_event_nor_outbox_row(
    store: PostgresEventStore, pool: asyncpg.Pool
) -> None:
    with pytest.raises(RuntimeError):
        async with store.transaction() as tx:
            await tx.append(
                stream="case:f", subject="f", expected_version=0, events=[plain_event("f")]
            )
            raise RuntimeError("crash before commit")
    assert await pool.fetchval("SELECT count(*) FROM events") == 0
    assert await pool.fetchval("SELECT count(*) FROM outbox") == 0


async def test_migration_2_dates_existing_deadlines_by_the_event_that_set_them(
    fresh_database: str,
) -> None:
    """A store migrated before the late-entry grace (ADR 0015) keeps its pending deadlines:
    each takes the record time of the event that set it, so nothing fires earlier or later."""
    conn = await asyncpg.connect(fresh_database)
    try:
        await conn.execute(
            "CREATE TABLE schema_migrations ("
            " step INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
        )
        await conn.execute(MIGRATIONS[0][1])
        await conn.execute("INSERT INTO schema_migrations (step) VALUES (1)")
        set_by = uuid4()
        recorded_at = datetime(2026, 3, 31, 22, 0, tzinfo=UTC)
        await conn.execute(
            "INSERT INTO events (id, stream, version, subject, type, recorded_at, hash, envelope)"
            " VALUES ($1, 'case:m', 1, 'm', 't', $2, $3, '{}')",
            set_by,
            recorded_at,
            "0" * 64,
        )
        await conn.execute(
            "INSERT INTO deadlines (stream, kind, subject, rule, due_at, set_by, state)"
            " VALUES ('case:m', 'forwarding', 'm', 'P13-forward', $1, $2, 'pending')",
            datetime(2015, 3, 3, tzinfo=UTC),
            set_by,
        )
    finally:
        await conn.close()
    pool = await asyncpg.create_pool(fresh_database, min_size=1, max_size=2)
    try:
        await migrate(pool)
        assert await pool.fetchval("SELECT set_recorded_at FROM deadlines") == recorded_at
    finally:
        await pool.close()
