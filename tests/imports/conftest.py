"""Referrals and the Bureau in process with their real lifespans, on fresh databases and one
fresh topic of the real PostgreSQL and Kafka: the history import runs as in production.

The deadline scheduler runs once at start-up, then sleeps for an hour: a live command dated in
the past would otherwise see its deadlines fired between two commands, and the tests compare
what single commands record with what an import records.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from bureau.main import build_app as build_bureau
from bureau.settings import BureauSettings
from noncoop_shared.envelope import Envelope
from noncoop_shared.store import PostgresEventStore
from noncoop_shared.testing import bearer_headers, serve_in_process
from referrals.main import build_app as build_referrals
from referrals.settings import ReferralsSettings

SECRET = "history-import-tests-secret-" + "h" * 32

pytestmark = pytest.mark.integration

Auth = Callable[..., dict[str, str]]

COUNTS = {
    table: f"SELECT count(*) FROM {table}"  # noqa: S608 (a fixed list of table names)
    for table in ("events", "idempotency", "deadlines")
}


def headers_for(role: str, sub: str | None = None, **claims: str) -> dict[str, str]:
    return bearer_headers(SECRET, role, sub, **claims)


@pytest.fixture
def auth() -> Auth:
    return headers_for


@dataclass
class Stack:
    referrals: httpx.AsyncClient
    bureau: httpx.AsyncClient
    referrals_app: FastAPI
    bureau_app: FastAPI

    @staticmethod
    def store_of(app: FastAPI) -> PostgresEventStore:
        store = app.state.runtime.core.store
        assert isinstance(store, PostgresEventStore)
        return store

    async def events(self, app: FastAPI, stream: str) -> list[Envelope]:
        return await self.store_of(app).load(stream)

    async def count(self, app: FastAPI, table: str) -> int:
        value = await self.store_of(app).pool.fetchval(COUNTS[table])
        return int(value)


@pytest.fixture
async def stack(
    database_factory: Any, fresh_topic: str, kafka_bootstrap_servers: str
) -> AsyncIterator[Stack]:
    common: dict[str, Any] = {
        "kafka_bootstrap_servers": kafka_bootstrap_servers,
        "events_topic": fresh_topic,
        "dead_letter_topic": f"{fresh_topic}.dlq",
        "deadline_check_seconds": 3600,
        "NONCOOP_JWT_SECRET": SECRET,
    }
    referrals = build_referrals(
        ReferralsSettings(database_url=await database_factory.create(), **common)
    )
    bureau = build_bureau(BureauSettings(database_url=await database_factory.create(), **common))
    async with AsyncExitStack() as exits:
        referrals_client = await serve_in_process(exits, referrals, "referrals")
        bureau_client = await serve_in_process(exits, bureau, "bureau")
        yield Stack(referrals_client, bureau_client, referrals, bureau)
