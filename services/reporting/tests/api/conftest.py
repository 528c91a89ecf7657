"""Referrals and reporting in process, sharing one fresh topic of the real Kafka."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import httpx
import pytest

from noncoop_shared.auth.tokens import mint_token
from referrals.main import build_app as build_referrals
from referrals.settings import ReferralsSettings
from reporting.main import build_app as build_reporting
from reporting.settings import ReportingSettings

SECRET = "reporting-api-tests-secret-" + "r" * 32

Auth = Callable[..., dict[str, str]]


def headers_for(role: str, sub: str | None = None, **claims: str) -> dict[str, str]:
    token = mint_token(
        SECRET, role=role, sub=sub or f"{role}-1", ttl=timedelta(minutes=10), **claims
    )
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def auth() -> Auth:
    return headers_for


@dataclass
class System:
    referrals: httpx.AsyncClient
    reporting: httpx.AsyncClient


@pytest.fixture
async def system(
    database_factory: Any, fresh_topic: str, kafka_bootstrap_servers: str
) -> AsyncIterator[System]:
    common = {
        "kafka_bootstrap_servers": kafka_bootstrap_servers,
        "events_topic": fresh_topic,
        "dead_letter_topic": f"{fresh_topic}.dlq",
        "NONCOOP_JWT_SECRET": SECRET,
    }
    referrals = build_referrals(
        ReferralsSettings(
            database_url=await database_factory.create(), deadline_check_seconds=0.2, **common
        )
    )
    reporting = build_reporting(
        ReportingSettings(database_url=await database_factory.create(), **common)
    )
    async with AsyncExitStack() as stack:
        clients = []
        for app, name in ((referrals, "referrals"), (reporting, "reporting")):
            await stack.enter_async_context(app.router.lifespan_context(app))
            clients.append(
                await stack.enter_async_context(
                    httpx.AsyncClient(
                        transport=httpx.ASGITransport(app=app), base_url=f"http://{name}"
                    )
                )
            )
        yield System(*clients)
