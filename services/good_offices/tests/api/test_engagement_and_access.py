"""The engagement (P20-P23) and who may read it: restricted records only for the President, the
Secretariat and the focal points assigned to the case; a focal point of another region gets 404."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from services.good_offices.tests.api.builders import appoint

pytestmark = pytest.mark.integration

Auth = Callable[..., dict[str, str]]


def url(case_id: str, step: str) -> str:
    return f"/v1/cases/{case_id}/good-offices/{step}"


async def engaged_case(system: Any, auth: Auth) -> str:
    """A 7(b) case with active good offices, the African focal point asked to assist, a contact,
    a verification and a report to the Bureau."""
    case_id = await system.registered(urgent=True)
    go = system.good_offices
    steps = [
        ("own-initiative-activation", {"court_consulted_on": "2026-03-31"}, "president"),
        ("bureau-notification", {"means": "e-mail"}, "president"),
        (
            "contacts",
            {
                "counterpart_kind": "requested_state_official",
                "counterpart": "Minister of Justice",
                "summary": "Call on 1 April",
            },
            "president",
        ),
        ("court-consultations", {"summary": "Registry consulted on the request"}, "secretariat"),
        ("article-97-reminders", {"summary": "Art. 97 consultations recalled"}, "president"),
        (
            "assistance-requests",
            {
                "assistant": "focal_point",
                "region": "african",
                "summary": "Please engage the capital",
            },
            "president",
        ),
        ("verification", {"outcome": "verified", "summary": "Travel confirmed"}, "secretariat"),
        ("secretariat-assistance", {"summary": "Contact points shared"}, "secretariat"),
        (
            "reports-to-bureau",
            {"summary": "Engagement so far", "un_secretariat_information": "None received"},
            "president",
        ),
    ]
    await appoint(system, auth, "fp-af", "african")
    for step, body, role in steps:
        response = await go.post(url(case_id, step), json=body, headers=auth(role))
        assert response.status_code == 200, (step, response.text)
    return case_id


async def test_the_engagement_is_recorded_step_by_step_with_its_rules(
    system: Any, auth: Auth
) -> None:
    case_id = await engaged_case(system, auth)
    view = await system.good_offices_view(case_id)
    assert view["verification"] == "verified"
    assert [n["kind"] for n in view["engagement"]] == [
        "contact_recorded",
        "court_consulted",
        "article_97_reminder_given",
        "assistance_requested",
        "trigger_information_verified",
        "secretariat_assistance_recorded",
    ]
    rules = {e["type"].split(".")[2]: e["rule"] for e in view["timeline"]}
    assert rules["report_to_bureau_submitted"] == "P21"
    assert rules["secretariat_assistance_recorded"] == "P23"
    assert rules["contact_recorded"] == "P20"
    concluded = await system.good_offices.post(
        url(case_id, "conclusion"),
        json={"outcome": "cooperation_obtained"},
        headers=auth("president"),
    )
    assert concluded.status_code == 200
    after = await system.good_offices.post(
        url(case_id, "contacts"),
        json={"counterpart_kind": "other_stakeholder", "counterpart": "x", "summary": "late"},
        headers=auth("president"),
    )
    assert after.status_code == 409


async def test_an_assigned_focal_point_reads_and_engages_another_region_gets_404(
    system: Any, auth: Auth
) -> None:
    case_id = await engaged_case(system, auth)
    african = auth("focal_point", sub="fp-af", region="african")
    asian = auth("focal_point", sub="fp-ap", region="asia_pacific")
    view = (
        await system.good_offices.get(f"/v1/cases/{case_id}/good-offices", headers=african)
    ).json()
    assert view["active"] is True
    assert {e["classification"] for e in view["timeline"]} == {"restricted"}  # not the Bureau's
    assert view["reports_to_bureau"] == []
    engaged = await system.good_offices.post(
        url(case_id, "assistance-engagements"),
        json={"summary": "Met the Foreign Ministry"},
        headers=african,
    )
    assert engaged.status_code == 200, engaged.text
    for method, path, body in [
        ("get", f"/v1/cases/{case_id}/good-offices", None),
        ("post", url(case_id, "assistance-engagements"), {"summary": "x"}),
        ("get", f"/v1/cases/{case_id}/travel-information", None),
    ]:
        response = await system.good_offices.request(method, path, json=body, headers=asian)
        assert response.status_code == 404, (path, response.text)


@pytest.mark.parametrize(
    ("role", "claims", "sees"),
    [
        ("president", {}, {"restricted", "bureau"}),
        ("secretariat", {}, {"restricted", "bureau"}),
        ("bureau_member", {}, {"bureau"}),
        ("focal_point", {"sub": "fp-af", "region": "african"}, {"restricted"}),
        # P17-access: the token's region claim alone grants nothing (not on the roster)
        ("focal_point", {"region": "african"}, set()),
        ("focal_point", {"region": "eastern_european"}, set()),
        ("state_party", {"state": "EXA"}, set()),
        ("court", {}, set()),
    ],
)
async def test_each_role_reads_exactly_the_classifications_it_is_cleared_for(
    system: Any, auth: Auth, role: str, claims: dict[str, str], sees: set[str]
) -> None:
    case_id = await engaged_case(system, auth)
    response = await system.good_offices.get(
        f"/v1/cases/{case_id}/good-offices", headers=auth(role, **claims)
    )
    assert response.status_code == (200 if sees else 404), response.text
    timeline = response.json().get("timeline", [])
    assert {entry["classification"] for entry in timeline} == sees
    assert ("Minister" in response.text) == ("restricted" in sees)


async def test_reads_need_a_token(system: Any) -> None:
    unknown = "01890000-0000-7000-8000-000000000000"
    assert (await system.good_offices.get(f"/v1/cases/{unknown}/good-offices")).status_code == 401
