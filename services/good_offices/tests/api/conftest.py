"""Referrals and good offices, both in process with their real lifespans, sharing one fresh
topic of the real Kafka (each with its own database): cases reach good offices only through
the log, as in production."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from good_offices.main import build_app as build_good_offices
from good_offices.settings import GoodOfficesSettings
from noncoop_shared.testing import (
    bearer_headers,
    court_decision_body,
    eventually,
    serve_in_process,
    urgent_incident_body,
)
from referrals.main import build_app as build_referrals
from referrals.settings import ReferralsSettings

SECRET = "good-offices-api-tests-secret-" + "g" * 32

pytestmark = pytest.mark.integration

Auth = Callable[..., dict[str, str]]


def headers_for(role: str, sub: str | None = None, **claims: str) -> dict[str, str]:
    return bearer_headers(SECRET, role, sub, **claims)


@pytest.fixture
def auth() -> Auth:
    """``auth("president", region="african")`` -> headers with a bearer token for that role."""
    return headers_for


@dataclass
class System:
    referrals: httpx.AsyncClient
    good_offices: httpx.AsyncClient
    good_offices_app: FastAPI
    good_offices_settings: GoodOfficesSettings
    stack: AsyncExitStack
    _good_offices_stack: AsyncExitStack = field(default_factory=AsyncExitStack)

    async def stop_good_offices(self) -> None:
        """Shut the good offices service down (its lifespan ends, as on SIGTERM)."""
        await self._good_offices_stack.aclose()

    async def start_good_offices(self) -> None:
        """A new instance on the same database and log, as after a restart."""
        self._good_offices_stack = AsyncExitStack()
        app = build_good_offices(self.good_offices_settings)
        self.good_offices = await serve_in_process(self._good_offices_stack, app, "good-offices")
        self.good_offices_app = app

    async def registered(self, body: dict[str, Any] | None = None, *, urgent: bool = False) -> str:
        """A case registered by referrals and already known to good offices (via the log)."""
        if urgent:
            response = await self.referrals.post(
                "/v1/urgent-incidents",
                json=body or urgent_incident_body(),
                headers=headers_for("president"),
            )
        else:
            response = await self.referrals.post(
                "/v1/court-referrals",
                json=body or court_decision_body(),
                headers=headers_for("court"),
            )
        assert response.status_code == 201, response.text
        return str(response.json()["case_id"])

    async def good_offices_view(
        self, case_id: str, role: str = "president", **claims: str
    ) -> dict[str, Any]:
        response = await self.good_offices.get(
            f"/v1/cases/{case_id}/good-offices", headers=headers_for(role, **claims)
        )
        assert response.status_code == 200, response.text
        return dict(response.json())

    async def eventually(
        self, case_id: str, check: Callable[[dict[str, Any]], bool]
    ) -> dict[str, Any]:
        """The good offices view once ``check`` holds (a policy runs asynchronously)."""
        return await eventually(
            lambda: self.good_offices.get(
                f"/v1/cases/{case_id}/good-offices", headers=headers_for("president")
            ),
            check,
        )


@pytest.fixture
async def system(
    database_factory: Any, fresh_topic: str, kafka_bootstrap_servers: str
) -> AsyncIterator[System]:
    common = {
        "kafka_bootstrap_servers": kafka_bootstrap_servers,
        "events_topic": fresh_topic,
        "dead_letter_topic": f"{fresh_topic}.dlq",
        "deadline_check_seconds": 0.2,
        "late_entry_grace_hours": 0,  # deadlines fire at their due time in these tests
        "NONCOOP_JWT_SECRET": SECRET,
    }
    referrals = build_referrals(
        ReferralsSettings(database_url=await database_factory.create(), **common)
    )
    async with AsyncExitStack() as stack:
        referrals_client = await serve_in_process(stack, referrals, "referrals")
        settings = GoodOfficesSettings(database_url=await database_factory.create(), **common)
        # The good offices client and app are placeholders until start_good_offices() sets them.
        system = System(referrals_client, referrals_client, referrals, settings, stack)
        await system.start_good_offices()
        try:
            yield system
        finally:
            await system.stop_good_offices()
