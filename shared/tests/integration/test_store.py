"""The PostgreSQL event store on a real database (docs/architecture.md §4, §7)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import asyncpg
import pytest

from noncoop_shared.clock import FixedClock
from noncoop_shared.decisions import DeadlineSet, DeadlineSettled
from noncoop_shared.envelope import GENESIS_HASH, Envelope
from noncoop_shared.errors import ConcurrencyConflictError
from noncoop_shared.store import PostgresEventStore
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


async def test_appended_events_load_back_in_order_with_versions(store: PostgresEventStore) -> None:
    await append(store, "case:a", 0, 2)
    await append(store, "case:a", 2, 1)
    loaded = await store.load("case:a")
    assert [e.streamversion for e in loaded] == [1, 2, 3]
    assert [e.data["note"] for e in loaded] == ["0", "1", "0"]
    assert loaded[0].prevhash == GENESIS_HASH
    assert loaded[0].source == "noncoop/testing"


async def test_concurrent_appends_to_one_stream_exactly_one_wins(store: PostgresEventStore) -> None:
    await append(store, "case:race", 0)
    outcomes = await asyncio.gather(
        *(append(store, "case:race", 1) for _ in range(8)), return_exceptions=True
    )
    winners = [o for o in outcomes if isinstance(o, list)]
    conflicts = [o for o in outcomes if isinstance(o, ConcurrencyConflictError)]
    assert len(winners) == 1
    assert len(conflicts) == 7
    assert conflicts[0].expected == 1 and conflicts[0].actual == 2
    assert [e.streamversion for e in await store.load("case:race")] == [1, 2]


async def test_stale_expected_version_is_a_conflict_naming_both_versions(
    store: PostgresEventStore,
) -> None:
    await append(store, "case:b", 0, 3)
    with pytest.raises(ConcurrencyConflictError) as refused:
        await append(store, "case:b", 1)
    assert (refused.value.expected, refused.value.actual) == (1, 3)


async def test_hash_chain_of_a_stored_stream_verifies(store: PostgresEventStore) -> None:
    await append(store, "case:c", 0, 3)
    await append(store, "case:c", 3, 2)
    assert verify_stream(await store.load("case:c")) is None


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


async def test_deadlines_are_set_settled_and_claimed_once(
    store: PostgresEventStore, clock: FixedClock
) -> None:
    due = clock.now() + timedelta(days=1)
    async with store.transaction() as tx:
        await tx.append(
            stream="case:g",
            subject="g",
            expected_version=0,
            events=[plain_event("g")],
            deadlines=[
                DeadlineSet("forwarding", due, "P13-forward"),
                DeadlineSet("press_release", due, "P13-press"),
            ],
        )
    async with store.transaction() as tx:
        await tx.append(
            stream="case:g",
            subject="g",
            expected_version=1,
            events=[plain_event("g")],
            deadlines=[DeadlineSettled("press_release")],
        )
    async with store.transaction() as tx:
        assert await tx.claim_due_deadlines(clock.now(), 10) == []
        claimed = await tx.claim_due_deadlines(due, 10)
        assert [(d.stream, d.kind, d.rule) for d in claimed] == [
            ("case:g", "forwarding", "P13-forward")
        ]
