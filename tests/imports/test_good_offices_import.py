"""A 7(b) case's good offices imported (ADR 0017): the President's own-initiative start and a
contact, the Bureau never notified within the service level (P18-notify): the import records
that overdue at its due instant, as the scheduler would have on the day."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from good_offices.main import build_app as build_good_offices
from good_offices.settings import GoodOfficesSettings
from noncoop_shared.catalogue.good_offices import good_offices_stream
from noncoop_shared.store import PostgresEventStore
from noncoop_shared.testing import serve_in_process, urgent_incident_body
from referrals.main import build_app as build_referrals
from referrals.settings import ReferralsSettings

from .conftest import SECRET, Auth

pytestmark = pytest.mark.integration

GO = "/v1/cases/{case_id}/good-offices"
PRESIDENT = {"role": "president", "id": "president-1"}


@pytest.fixture
async def services(
    database_factory: Any, fresh_topic: str, kafka_bootstrap_servers: str
) -> AsyncIterator[tuple[httpx.AsyncClient, httpx.AsyncClient, FastAPI]]:
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
    good_offices = build_good_offices(
        GoodOfficesSettings(database_url=await database_factory.create(), **common)
    )
    async with AsyncExitStack() as exits:
        referrals_client = await serve_in_process(exits, referrals, "referrals")
        good_offices_client = await serve_in_process(exits, good_offices, "good-offices")
        yield referrals_client, good_offices_client, good_offices


async def test_a_good_offices_import_records_the_missed_notification_overdue_at_its_due_instant(
    services: tuple[httpx.AsyncClient, httpx.AsyncClient, FastAPI], auth: Auth
) -> None:
    referrals, good_offices, good_offices_app = services
    opened = await referrals.post(
        "/v1/urgent-incidents",
        json=urgent_incident_body() | {"occurred_at": "2015-05-01T08:00:00+00:00"},
        headers=auth("president", "president-1"),
    )
    case_id = opened.json()["case_id"]
    activation = {"court_consulted_on": "2015-05-01", "occurred_at": "2015-05-01T12:00:00+00:00"}
    contact = {
        "counterpart_kind": "requested_state_official",
        "counterpart": "Minister of Justice",
        "summary": "Raised the Court's request.",
        "occurred_at": "2015-05-04T10:00:00+00:00",
    }

    response = await good_offices.post(
        "/v1/history-imports",
        json={
            "case_id": case_id,
            "entries": [
                {
                    "command": {"path": f"{GO}/own-initiative-activation", "body": activation},
                    "actor": PRESIDENT,
                },
                {"command": {"path": f"{GO}/contacts", "body": contact}, "actor": PRESIDENT},
            ],
        },
        headers=auth("secretariat", "sec-1"),
    )

    assert response.status_code == 200, response.text
    settled = response.json()["settled_deadlines"]
    assert [(d["rule"], d["due_at"]) for d in settled] == [
        ("P18-notify", "2015-05-02T12:00:00+00:00")
    ]
    store = good_offices_app.state.runtime.core.store
    assert isinstance(store, PostgresEventStore)
    events = await store.load(good_offices_stream(case_id))
    assert [e.actorrole for e in events[:2]] == ["president", "president"]
    overdue = events[-1]
    assert str(overdue.id) == settled[0]["event_id"]
    assert overdue.occurredat == datetime(2015, 5, 2, 12, tzinfo=UTC)
