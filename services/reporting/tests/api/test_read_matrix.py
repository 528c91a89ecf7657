"""Read filtering of the reporting service as one matrix: every read endpoint x every role x
every classification (docs/procedures.md, Confidentiality)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from noncoop_shared.testing import court_decision_body, urgent_incident_body

pytestmark = pytest.mark.integration

Auth = Callable[..., dict[str, str]]

ROLES: dict[str, dict[str, str]] = {
    "court": {},
    "state_party": {"state": "FRA"},
    "focal_point": {"region": "african"},
    "bureau_member": {},
    "president": {},
    "secretariat": {},
}
CLEARED_FOR = {
    "court": {"public", "states_parties"},
    "state_party": {"public", "states_parties"},
    "focal_point": {"public", "states_parties"},
    "bureau_member": {"public", "states_parties", "bureau"},
    "president": {"public", "states_parties", "bureau", "restricted"},
    "secretariat": {"public", "states_parties", "bureau", "restricted"},
}


async def cases(system: Any, auth: Auth) -> tuple[str, str]:
    """A 7(a) case with records of three classes, and a restricted 7(b) case."""
    long_ago = (datetime.now(UTC) - timedelta(days=3)).isoformat()
    referred = await system.referrals.post(
        "/v1/court-referrals",
        json=court_decision_body() | {"occurred_at": long_ago},
        headers=auth("court"),
    )
    case_id = referred.json()["case_id"]
    await system.referrals.post(
        f"/v1/cases/{case_id}/forwarding",
        json={"communication_reference": "SP/9"},
        headers=auth("secretariat"),
    )
    urgent = await system.referrals.post(
        "/v1/urgent-incidents", json=urgent_incident_body(), headers=auth("president")
    )
    urgent_id = urgent.json()["case_id"]
    for _ in range(150):  # until the overdue press release (bureau) and the 7(b) report arrive
        trail = await system.reporting.get(
            f"/v1/cases/{case_id}/audit-trail", headers=auth("secretariat")
        )
        urgent_trail = await system.reporting.get(
            f"/v1/cases/{urgent_id}/audit-trail", headers=auth("secretariat")
        )
        urgent_state = await system.reporting.get(
            f"/v1/cases/{urgent_id}/procedural-state", headers=auth("secretariat")
        )
        classes = {e["classification"] for e in trail.json().get("entries", [])}
        arrived = urgent_trail.status_code == urgent_state.status_code == 200
        if classes == {"public", "states_parties", "bureau"} and arrived:
            return case_id, urgent_id
        await asyncio.sleep(0.1)
    raise AssertionError("the records never reached reporting")


async def test_every_read_shows_each_role_exactly_what_it_is_cleared_for(
    system: Any, auth: Auth
) -> None:
    case_id, urgent_id = await cases(system, auth)
    seen: dict[str, Any] = {}
    for role, claims in ROLES.items():
        headers = auth(role, **claims)
        trail = await system.reporting.get(f"/v1/cases/{case_id}/audit-trail", headers=headers)
        urgent_trail = await system.reporting.get(
            f"/v1/cases/{urgent_id}/audit-trail", headers=headers
        )
        urgent_state = await system.reporting.get(
            f"/v1/cases/{urgent_id}/procedural-state", headers=headers
        )
        seen[role] = (
            {e["classification"] for e in trail.json()["entries"]},
            urgent_trail.status_code,
            urgent_state.status_code,
        )
    expected = {
        role: (
            CLEARED_FOR[role] - {"restricted"},
            200 if "restricted" in CLEARED_FOR[role] else 404,
            200 if "restricted" in CLEARED_FOR[role] else 404,
        )
        for role in ROLES
    }
    assert seen == expected
    public = await system.reporting.get(f"/v1/public/cases/{urgent_id}")
    assert public.status_code == 404
    anonymous = [
        await system.reporting.get(path)
        for path in (
            f"/v1/cases/{case_id}/audit-trail",
            f"/v1/cases/{case_id}/procedural-state",
            "/v1/checkpoints/public-key",
        )
    ]
    assert [r.status_code for r in anonymous] == [401, 401, 401]
    print(f"read matrix: {len(ROLES)} roles x 3 reads + public and anonymous checks")
