"""A migrated store on a fresh database of the session's real PostgreSQL, per test."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import asyncpg
import pytest

from noncoop_shared.clock import FixedClock
from noncoop_shared.store import PostgresEventStore, migrate

pytestmark = pytest.mark.integration


@pytest.fixture
async def pool(fresh_database: str) -> AsyncIterator[asyncpg.Pool]:
    pool = await asyncpg.create_pool(fresh_database, min_size=1, max_size=10)
    await migrate(pool)
    yield pool
    await pool.close()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 3, 31, 22, 0, tzinfo=UTC))


@pytest.fixture
def store(pool: asyncpg.Pool, clock: FixedClock) -> PostgresEventStore:
    # referrals: the service that owns the events these tests append (plain_event), so that
    # consumers believe its (development) signatures (ADR 0020).
    return PostgresEventStore(pool, service="referrals", clock=clock, lanes=4)
