"""The four services in process, sharing one fresh topic of the real Kafka, each with its own
fresh PostgreSQL database: the system-wide tests (access, bad input) drive it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from bureau.main import build_app as build_bureau
from bureau.settings import BureauSettings
from good_offices.main import build_app as build_good_offices
from good_offices.settings import GoodOfficesSettings
from noncoop_shared.kafka import KafkaAccess
from noncoop_shared.testing import bearer_headers, serve_side_by_side
from referrals.main import build_app as build_referrals
from referrals.settings import ReferralsSettings
from reporting.main import build_app as build_reporting
from reporting.settings import ReportingSettings

SECRET = "system-tests-secret-" + "s" * 40

#: The services, in the order `make run` starts them.
SERVICE_NAMES = ("referrals", "good_offices", "bureau", "reporting")


def headers_for(role: str, sub: str | None = None, **claims: str) -> dict[str, str]:
    return bearer_headers(SECRET, role, sub, **claims)


@dataclass
class FourServices:
    apps: dict[str, FastAPI]
    clients: dict[str, httpx.AsyncClient]
    dsns: dict[str, str]
    kafka: KafkaAccess
    """The broker as admin, for what a test reads or writes itself (each service connects as
    its own principal)."""
    topic: str
    secret: str = SECRET

    headers = staticmethod(headers_for)

    @property
    def bootstrap_servers(self) -> str:
        return self.kafka.bootstrap_servers


@pytest.fixture
def auth() -> Callable[..., dict[str, str]]:
    return headers_for


@pytest.fixture
async def four_services(
    database_factory: Any, fresh_topic: str, kafka_access: KafkaAccess
) -> AsyncIterator[FourServices]:
    async with AsyncExitStack() as stack:
        yield await start_four_services(stack, database_factory, fresh_topic, kafka_access)


@pytest.fixture(scope="module")
async def module_four_services(
    module_database_factory: Any, module_topic: str, kafka_access: KafkaAccess
) -> AsyncIterator[FourServices]:
    """The four services, started once for a module's tests that change nothing another of them
    reads: refusals, reads of what no test of the module writes. Starting them (four apps, five
    databases, a topic, consumers joining) took 1.3 s a test; a test that writes takes
    :func:`four_services`, its own."""
    async with AsyncExitStack() as stack:
        yield await start_four_services(stack, module_database_factory, module_topic, kafka_access)


async def start_four_services(
    stack: AsyncExitStack,
    database_factory: Any,
    topic: str,
    kafka: KafkaAccess,
    **overrides: Any,
) -> FourServices:
    """The four services in process on ``topic``, each with a fresh database, ready; stopped
    when ``stack`` closes. ``overrides`` are settings every service gets. Each service reaches
    ``kafka``'s broker as its own principal (its ``<SERVICE>_KAFKA_PASSWORD``, ADR 0019)."""
    common = {
        # One keyring for the four, as deployed: any service opens what another sealed (ADR 0011).
        "keyring_url": await database_factory.create(),
        "kafka_bootstrap_servers": kafka.bootstrap_servers,
        "events_topic": topic,
        "dead_letter_topic": f"{topic}.dlq",
        "NONCOOP_JWT_SECRET": SECRET,
        **overrides,
    }
    dsns = {name: await database_factory.create() for name in SERVICE_NAMES}
    apps: dict[str, FastAPI] = {
        "referrals": build_referrals(
            ReferralsSettings(database_url=dsns["referrals"], deadline_check_seconds=0.2, **common)
        ),
        "good_offices": build_good_offices(
            GoodOfficesSettings(
                database_url=dsns["good_offices"], deadline_check_seconds=0.2, **common
            )
        ),
        "bureau": build_bureau(
            BureauSettings(database_url=dsns["bureau"], deadline_check_seconds=0.2, **common)
        ),
        "reporting": build_reporting(ReportingSettings(database_url=dsns["reporting"], **common)),
    }
    clients = await serve_side_by_side(stack, apps)
    await _all_ready(clients)
    return FourServices(apps, clients, dsns, kafka, topic)


async def _all_ready(clients: dict[str, httpx.AsyncClient], timeout_s: float = 30.0) -> None:
    """Wait until every service says ready and not degraded: Kafka answers and its consumers
    have joined their groups (a bare 200 is only "can take commands", ADR 0030)."""
    deadline = asyncio.get_running_loop().time() + timeout_s
    waiting = dict(clients)
    while waiting:
        for name, client in list(waiting.items()):
            ready = await client.get("/health/ready")
            if ready.status_code == 200 and ready.json()["state"] == "ok":
                del waiting[name]
        if waiting and asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"not ready after {timeout_s} s: {', '.join(waiting)}")
        await asyncio.sleep(0.1)
