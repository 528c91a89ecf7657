"""Who may issue each good offices command (docs/architecture.md §8): every command x every role.

Focal points are placed on a case by the President's request for assistance; the matrix uses an
assigned focal point, so a refusal here is about the role, never about the assignment."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

pytestmark = pytest.mark.integration

Auth = Callable[..., dict[str, str]]

ROLES: dict[str, dict[str, str]] = {
    "court": {},
    "secretariat": {},
    "president": {"region": "western_european_other"},
    "bureau_member": {},
    "focal_point": {"region": "african"},
    "state_party": {"state": "EXA"},
}
GO = "/v1/cases/{case}/good-offices"
COMMANDS: dict[str, tuple[set[str], dict[str, Any]]] = {
    f"{GO}/own-initiative-activation": ({"president"}, {}),
    f"{GO}/bureau-decision-activation": (
        {"president", "secretariat"},
        {"bureau_decision_reference": "B/1"},
    ),
    f"{GO}/bureau-notification": ({"president", "secretariat"}, {"means": "e-mail"}),
    f"{GO}/contacts": (
        {"president", "secretariat"},
        {"counterpart_kind": "other_stakeholder", "counterpart": "x", "summary": "y"},
    ),
    f"{GO}/court-consultations": ({"president", "secretariat"}, {"summary": "y"}),
    f"{GO}/article-97-reminders": ({"president"}, {}),
    f"{GO}/assistance-requests": (
        {"president"},
        {"assistant": "bureau_member", "bureau_member": "bm-1"},
    ),
    f"{GO}/assistance-engagements": ({"focal_point", "bureau_member"}, {"summary": "y"}),
    f"{GO}/verification": ({"president", "secretariat"}, {"outcome": "verified"}),
    f"{GO}/secretariat-assistance": ({"secretariat"}, {"summary": "y"}),
    f"{GO}/reports-to-bureau": ({"president"}, {"summary": "y"}),
    f"{GO}/conclusion": ({"president"}, {"outcome": "other"}),
    "/v1/cases/{case}/travel-information": (
        {"focal_point", "secretariat"},
        {
            "travel_id": "T-9",
            "person": "p",
            "destination_state": "OTH",
            "travel_from": "2026-04-02",
            "status": "potential",
        },
    ),
    "/v1/cases/{case}/travel-information/T-1/sharing": (
        {"focal_point", "secretariat"},
        {"channel": "c"},
    ),
    "/v1/focal-points": (
        {"president", "secretariat"},
        {
            "focal_point_id": "fp-z",
            "name": "n",
            "state": "GHA",
            "region": "asia_pacific",
            "term_start": "2026-01-01",
            "bureau_decision_reference": "B/1",
        },
    ),
    "/v1/focal-points/fp-af/replacement": (
        {"secretariat"},
        {
            "replaced_on": "2026-06-01",
            "successor": {
                "focal_point_id": "fp-af2",
                "name": "n",
                "state": "GHA",
                "region": "african",
                "term_start": "2026-06-01",
                "bureau_decision_reference": "B/2",
            },
        },
    ),
    "/v1/focal-points/fp-af/end-of-term": (
        {"secretariat"},
        {"ended_on": "2026-07-01", "reason": "resigned"},
    ),
    "/v1/focal-points/five-requested": ({"president"}, {"requested_on": "2026-01-01"}),
}


async def test_every_command_refuses_every_role_it_does_not_name_and_anonymous_callers(
    system: Any, auth: Auth
) -> None:
    go = system.good_offices
    await go.post(
        "/v1/focal-points",
        headers=auth("secretariat"),
        json={
            "focal_point_id": "fp-af",
            "name": "n",
            "state": "GHA",
            "region": "african",
            "term_start": "2026-01-01",
            "bureau_decision_reference": "B/0",
        },
    )
    case_id = await system.registered(urgent=True)
    await go.post(
        f"/v1/cases/{case_id}/good-offices/own-initiative-activation",
        json={"court_consulted_on": "2026-03-31"},
        headers=auth("president"),
    )
    assigned = await go.post(
        f"/v1/cases/{case_id}/good-offices/assistance-requests",
        json={"assistant": "focal_point", "region": "african"},
        headers=auth("president"),
    )
    assert assigned.status_code == 200, assigned.text
    checked = 0
    for template, (allowed, body) in COMMANDS.items():
        url = template.replace("{case}", case_id)
        assert (await go.post(url, json=body)).status_code == 401, url
        for role, claims in ROLES.items():
            response = await go.post(url, json=body, headers=auth(role, **claims))
            # Refused exactly when the role is not named; never 401 or a server error.
            assert (response.status_code == 403) == (role not in allowed), (
                url,
                role,
                response.text,
            )
            assert response.status_code != 401 and response.status_code < 500, (url, role)
            checked += 1
    print(
        f"access matrix: {len(COMMANDS)} commands x {len(ROLES)} roles + anonymous = "
        f"{checked + len(COMMANDS)} checks"
    )
    assert checked == len(COMMANDS) * len(ROLES)
