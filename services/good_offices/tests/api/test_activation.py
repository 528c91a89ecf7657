"""Activation of the good offices over HTTP (P18-own-7b, P18-own-7a, P19, P18-notify)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from noncoop_shared.testing import urgent_incident_body

pytestmark = pytest.mark.integration

Auth = Callable[..., dict[str, str]]


def url(case_id: str, step: str) -> str:
    return f"/v1/cases/{case_id}/good-offices/{step}"


def refused(response: Any, rule: str) -> None:
    assert response.status_code == 409, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["rule"] == rule


async def test_p18_own_7b_the_president_acts_on_an_urgent_case_only_with_the_court_consulted(
    system: Any, auth: Auth
) -> None:
    case_id = await system.registered(urgent=True)
    refused(
        await system.good_offices.post(
            url(case_id, "own-initiative-activation"), json={}, headers=auth("president")
        ),
        "P18-own-7b",
    )
    done = await system.good_offices.post(
        url(case_id, "own-initiative-activation"),
        json={"court_consulted_on": "2026-03-31"},
        headers=auth("president"),
    )
    assert done.status_code == 200, done.text
    view = await system.good_offices_view(case_id)
    assert (view["active"], view["basis"], view["activation_rule"]) == (
        True,
        "own_initiative_7b",
        "P18-own-7b",
    )
    assert view["bureau_notification"]["rule"] == "P18-notify"


async def test_p18_own_7a_needs_the_assessment_that_the_opportunity_may_pass(
    system: Any, auth: Auth
) -> None:
    case_id = await system.registered()
    without = {"court_consulted_on": "2026-03-31"}
    refused(
        await system.good_offices.post(
            url(case_id, "own-initiative-activation"), json=without, headers=auth("president")
        ),
        "P18-own-7a",
    )
    with_assessment = without | {
        "opportunity_assessment": "The person leaves the State on 2 April; the Bureau cannot meet."
    }
    done = await system.good_offices.post(
        url(case_id, "own-initiative-activation"), json=with_assessment, headers=auth("president")
    )
    assert done.status_code == 200, done.text
    assert (await system.good_offices_view(case_id))["activation_rule"] == "P18-own-7a"


async def test_p19_otherwise_the_president_acts_as_the_bureau_decided(
    system: Any, auth: Auth
) -> None:
    case_id = await system.registered()
    done = await system.good_offices.post(
        url(case_id, "bureau-decision-activation"),
        json={"bureau_decision_reference": "Bureau/26/3"},
        headers=auth("secretariat"),
    )
    assert done.status_code == 200, done.text
    view = await system.good_offices_view(case_id)
    assert (view["activation_rule"], view["bureau_decision_reference"]) == ("P19", "Bureau/26/3")
    assert view["bureau_notification"] is None  # the Bureau decided: no one to notify
    again = await system.good_offices.post(
        url(case_id, "bureau-decision-activation"),
        json={"bureau_decision_reference": "Bureau/26/4"},
        headers=auth("president"),
    )
    assert again.status_code == 409  # already active


async def test_only_the_president_activates_on_own_initiative(system: Any, auth: Auth) -> None:
    case_id = await system.registered(urgent=True)
    response = await system.good_offices.post(
        url(case_id, "own-initiative-activation"),
        json={"court_consulted_on": "2026-03-31"},
        headers=auth("secretariat"),
    )
    assert response.status_code == 403


async def test_a_case_referrals_never_registered_is_404(system: Any, auth: Auth) -> None:
    unknown = "01890000-0000-7000-8000-000000000000"
    response = await system.good_offices.post(
        url(unknown, "bureau-decision-activation"),
        json={"bureau_decision_reference": "B/1"},
        headers=auth("president"),
    )
    assert response.status_code == 404
    assert "registered" in response.json()["detail"]


async def test_a_finding_for_information_only_gets_no_good_offices(system: Any, auth: Auth) -> None:
    from noncoop_shared.testing import court_decision_body

    body = court_decision_body(referred_to_assembly=False, referred_to_security_council=True)
    response = await system.referrals.post("/v1/court-findings", json=body, headers=auth("court"))
    case_id = response.json()["case_id"]
    refused_ = await system.good_offices.post(
        url(case_id, "bureau-decision-activation"),
        json={"bureau_decision_reference": "B/1"},
        headers=auth("president"),
    )
    assert refused_.status_code == 409


async def test_p18_notify_the_bureau_notification_is_recorded_with_its_service_level(
    system: Any, auth: Auth
) -> None:
    case_id = await system.registered(urgent=True)
    await system.good_offices.post(
        url(case_id, "own-initiative-activation"),
        json={"court_consulted_on": "2026-03-31"},
        headers=auth("president"),
    )
    done = await system.good_offices.post(
        url(case_id, "bureau-notification"),
        json={"means": "e-mail to all Bureau members"},
        headers=auth("president"),
    )
    assert done.status_code == 200, done.text
    step = (await system.good_offices_view(case_id))["bureau_notification"]
    assert step["late"] is False and step["done_at"] is not None
    bureau_view = await system.good_offices_view(case_id, "bureau_member")
    assert bureau_view["bureau_notification"]["done_at"] is not None
    assert bureau_view["activated_at"] is None  # the activation itself is restricted


async def test_p18_notify_an_overdue_notification_is_recorded_exactly_once(
    system: Any, auth: Auth
) -> None:
    long_ago = datetime.now(UTC) - timedelta(days=2)
    # The case is reported first (Time: nothing is dated before the fact it follows).
    case_id = await system.registered(
        urgent_incident_body(occurred_at=(long_ago - timedelta(hours=1)).isoformat()),
        urgent=True,
    )
    await system.good_offices.post(
        url(case_id, "own-initiative-activation"),
        json={"court_consulted_on": str(long_ago.date()), "occurred_at": long_ago.isoformat()},
        headers=auth("president"),
    )
    await system.eventually(case_id, lambda v: v["bureau_notification"]["overdue_since"])
    await asyncio.sleep(1.0)  # several more scheduler passes
    view = await system.good_offices_view(case_id)
    overdue = [e for e in view["timeline"] if e["type"].endswith("bureau_notification_overdue.v1")]
    assert len(overdue) == 1
