"""The one contract suite of the event store (ADR 0016), run against every adapter.

Each test here gets ``store`` twice: the in-memory store (pure, part of ``make unit``) and the
PostgreSQL store on a fresh, migrated database of the session's real server (marked
``integration``). What the application layer may rely on is exactly what passes on both.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import asyncpg
import pytest
import pytest_asyncio

from noncoop_shared.clock import FixedClock
from noncoop_shared.store import EventStore, InMemoryEventStore, PostgresEventStore, migrate


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 3, 31, 22, 0, tzinfo=UTC))


@pytest_asyncio.fixture
async def postgres_store(fresh_database: str, clock: FixedClock) -> AsyncIterator[EventStore]:
    pool = await asyncpg.create_pool(fresh_database, min_size=1, max_size=10)
    await migrate(pool)
    yield PostgresEventStore(pool, service="testing", clock=clock, lanes=4)
    await pool.close()


@pytest.fixture(
    params=[
        pytest.param("memory"),
        pytest.param("postgres", marks=pytest.mark.integration),
    ]
)
def store(request: pytest.FixtureRequest, clock: FixedClock) -> EventStore:
    if request.param == "memory":
        return InMemoryEventStore(service="testing", clock=clock)
    # Asked for only here, so the in-memory half needs no database at all.
    store: EventStore = request.getfixturevalue("postgres_store")
    return store
