"""Referrals and the Bureau service in process with their real lifespans, sharing one fresh
topic of the real Kafka (each with its own database): a Court decision reaches the Bureau only
through the log. The Bureau can be stopped and started again on the same database and log, as
after a restart."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from bureau.main import build_app as build_bureau
from bureau.settings import BureauSettings
from noncoop_shared.testing import (
    bearer_headers,
    court_decision_body,
    eventually,
    serve_in_process,
)
from referrals.main import build_app as build_referrals
from referrals.settings import ReferralsSettings

SECRET = "bureau-api-tests-secret-" + "b" * 32

pytestmark = pytest.mark.integration

Auth = Callable[..., dict[str, str]]


def headers_for(role: str, sub: str | None = None, **claims: str) -> dict[str, str]:
    return bearer_headers(SECRET, role, sub, **claims)


@pytest.fixture
def auth() -> Auth:
    return headers_for


@dataclass
class System:
    referrals: httpx.AsyncClient
    bureau: httpx.AsyncClient
    bureau_app: FastAPI
    bureau_settings: BureauSettings
    _bureau_stack: AsyncExitStack = field(default_factory=AsyncExitStack)

    async def stop_bureau(self) -> None:
        """Shut the Bureau service down (its lifespan ends, as on SIGTERM)."""
        await self._bureau_stack.aclose()

    async def start_bureau(self) -> None:
        """A new Bureau instance on the same database and log, as after a restart."""
        self._bureau_stack = AsyncExitStack()
        app = build_bureau(self.bureau_settings)
        self.bureau = await serve_in_process(self._bureau_stack, app, "bureau")
        self.bureau_app = app

    async def referred(self, occurred_at: str | None = None, **decision: Any) -> str:
        """A 7(a) case registered by referrals whose formal response the log has opened;
        received at ``occurred_at`` (business time; default now)."""
        body = court_decision_body(**decision)
        if occurred_at is not None:
            body["occurred_at"] = occurred_at
        response = await self.referrals.post(
            "/v1/court-referrals",
            json=body,
            headers=headers_for("court"),
        )
        assert response.status_code == 201, response.text
        case_id = str(response.json()["case_id"])
        await self.formal_response(case_id, lambda view: view["opened"])
        return case_id

    async def formal_response(
        self, case_id: str, check: Callable[[dict[str, Any]], Any] = lambda _: True
    ) -> dict[str, Any]:
        """The formal response (as the Secretariat sees it) once ``check`` holds."""
        return await eventually(
            lambda: self.bureau.get(
                f"/v1/cases/{case_id}/formal-response", headers=headers_for("secretariat")
            ),
            check,
        )

    async def post(
        self, path: str, body: dict[str, Any], role: str = "secretariat", **claims: str
    ) -> httpx.Response:
        return await self.bureau.post(path, json=body, headers=headers_for(role, **claims))


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
        settings = BureauSettings(database_url=await database_factory.create(), **common)
        # The Bureau client and app are placeholders until start_bureau() sets them.
        system = System(referrals_client, referrals_client, referrals, settings)
        await system.start_bureau()
        try:
            yield system
        finally:
            await system.stop_bureau()
