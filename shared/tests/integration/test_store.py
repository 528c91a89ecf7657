"""What only the PostgreSQL event store has: rows an operator can alter, the outbox, the
schema. What every store promises is in ``shared/tests/contract/`` (run on this one too)."""

from __future__ import annotations

import asyncpg
import pytest

from noncoop_shared.envelope import Envelope
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
