"""The audit trail of a case, through the log: every event, who, when, under which rule, its
hash; filtered by clearance; as of any record time."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest

from noncoop_shared.envelope import GENESIS_HASH
from noncoop_shared.testing import court_decision_body, eventually, urgent_incident_body

pytestmark = pytest.mark.integration

Auth = Callable[..., dict[str, str]]


async def trail(
    system: Any, auth: Auth, case_id: str, count: int, role: str = "secretariat", **params: str
) -> dict[str, Any]:
    """The audit trail (as ``role`` sees it) once it holds ``count`` entries for the
    Secretariat: the log reaches reporting a moment after the command."""
    await eventually(
        lambda: system.reporting.get(
            f"/v1/cases/{case_id}/audit-trail", headers=auth("secretariat")
        ),
        lambda view: len(view["entries"]) >= count,
    )
    response = await system.reporting.get(
        f"/v1/cases/{case_id}/audit-trail", headers=auth(role), params=params
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


async def test_every_event_of_a_case_is_in_its_trail_with_actor_rule_times_and_chained_hashes(
    system: Any, auth: Auth
) -> None:
    opened = await system.referrals.post(
        "/v1/court-referrals", json=court_decision_body(), headers=auth("court", sub="icc-registry")
    )
    case_id = opened.json()["case_id"]
    forwarded = await system.referrals.post(
        f"/v1/cases/{case_id}/forwarding",
        json={"communication_reference": "SP/1"},
        headers=auth("secretariat", sub="sec-7"),
    )
    assert forwarded.status_code == 200
    entries = (await trail(system, auth, case_id, 2))["entries"]
    assert [
        (e["type"].split(".")[2], e["rule"], e["actor_role"], e["actor_id"]) for e in entries
    ] == [
        ("court_decision_received", "P13", "court", "icc-registry"),
        ("decision_forwarded_to_states_parties", "P13-forward", "secretariat", "sec-7"),
    ]
    assert entries[0]["prev_hash"] == GENESIS_HASH
    assert entries[1]["prev_hash"] == entries[0]["hash"]


async def test_readers_see_only_what_their_clearance_allows_and_a_restricted_case_is_404(
    system: Any, auth: Auth
) -> None:
    opened = await system.referrals.post(
        "/v1/court-referrals", json=court_decision_body(), headers=auth("court")
    )
    case_id = opened.json()["case_id"]
    await system.referrals.post(
        f"/v1/cases/{case_id}/forwarding",
        json={"communication_reference": "SP/1"},
        headers=auth("secretariat"),
    )
    urgent = await system.referrals.post(
        "/v1/urgent-incidents", json=urgent_incident_body(), headers=auth("president")
    )
    urgent_id = urgent.json()["case_id"]
    await trail(system, auth, case_id, 2)
    await trail(system, auth, urgent_id, 1)
    public_classes = {
        e["classification"]
        for e in (await trail(system, auth, case_id, 2, "bureau_member"))["entries"]
    }
    assert public_classes == {"public", "states_parties"}
    hidden = await system.reporting.get(
        f"/v1/cases/{urgent_id}/audit-trail", headers=auth("state_party", state="FRA")
    )
    assert hidden.status_code == 404
    assert (await system.reporting.get(f"/v1/cases/{urgent_id}/audit-trail")).status_code == 401


async def test_as_of_shows_the_trail_as_it_stood_at_a_record_time(system: Any, auth: Auth) -> None:
    opened = await system.referrals.post(
        "/v1/court-referrals", json=court_decision_body(), headers=auth("court")
    )
    case_id = opened.json()["case_id"]
    first = (await trail(system, auth, case_id, 1))["entries"][0]
    await asyncio.sleep(0.05)
    await system.referrals.post(
        f"/v1/cases/{case_id}/forwarding",
        json={"communication_reference": "SP/1"},
        headers=auth("secretariat"),
    )
    now = (await trail(system, auth, case_id, 2))["entries"]
    assert len(now) == 2
    then = await trail(system, auth, case_id, 2, as_of=first["recorded_at"])
    assert [e["event_id"] for e in then["entries"]] == [first["event_id"]]
    assert datetime.fromisoformat(then["as_of"]) == datetime.fromisoformat(first["recorded_at"])


@pytest.mark.parametrize("path", ["audit-trail", "procedural-state"])
async def test_an_as_of_with_no_utc_form_is_a_422_on_the_parameter(
    system: Any, auth: Auth, path: str
) -> None:
    """9999-12-31T23:59:59-14:00 is after the year 9999 in UTC (found by fuzzing: was a 500)."""
    response = await system.reporting.get(
        f"/v1/cases/0196a1b2-0000-7000-8000-000000000001/{path}",
        params={"as_of": "9999-12-31T23:59:59-14:00"},
        headers=auth("secretariat"),
    )
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert "as_of" in response.text
