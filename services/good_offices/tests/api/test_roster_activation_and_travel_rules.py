"""Through the API: P17-access (the roster on the day, not the token's region), P18-own-7a (art.
89 only), P19 (the Bureau decides the good offices remain active: a bureau record), Res. 35
travel information on no case, confirmed then shared again, and the withdrawal of the request for
five focal points."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from services.good_offices.tests.api.builders import appoint

from noncoop_shared.testing import court_decision_body, urgent_incident_body

pytestmark = pytest.mark.integration

Auth = Callable[..., dict[str, str]]


def url(case_id: str, step: str) -> str:
    return f"/v1/cases/{case_id}/good-offices/{step}"


async def engaged_case(system: Any, auth: Auth) -> str:
    """A 7(b) case with active good offices and the African focal point's region asked."""
    case_id = await system.registered(urgent=True)
    await appoint(system, auth, "fp-af", "african")
    today = datetime.now(UTC).date().isoformat()
    for step, body in [
        ("own-initiative-activation", {"court_consulted_on": today}),
        ("assistance-requests", {"assistant": "focal_point", "region": "african"}),
    ]:
        response = await system.good_offices.post(
            url(case_id, step), json=body, headers=auth("president")
        )
        assert response.status_code == 200, (step, response.text)
    return case_id


async def test_p17_access_a_replaced_focal_point_loses_access_from_that_day(
    system: Any, auth: Auth
) -> None:
    case_id = await engaged_case(system, auth)
    today = datetime.now(UTC).date().isoformat()
    replaced = await system.good_offices.post(
        "/v1/focal-points/fp-af/replacement",
        json={
            "replaced_on": today,
            "successor": {
                "focal_point_id": "fp-af2",
                "name": "Ambassador fp-af2",
                "state": "KEN",
                "region": "african",
                "term_start": today,
                "bureau_decision_reference": "Bureau/26/9",
            },
        },
        headers=auth("secretariat"),
    )
    assert replaced.status_code == 201, replaced.text
    path = f"/v1/cases/{case_id}/good-offices"
    outgoing = auth("focal_point", sub="fp-af", region="african")
    successor = auth("focal_point", sub="fp-af2", region="african")
    assert (await system.good_offices.get(path, headers=outgoing)).status_code == 404
    # the region was asked to assist: whoever serves for it reads
    assert (await system.good_offices.get(path, headers=successor)).status_code == 200


@pytest.mark.parametrize(("article", "status"), [("89", 200), ("93", 409)])
async def test_p18_own_7a_own_initiative_only_for_arrest_and_surrender(
    system: Any, auth: Auth, article: str, status: int
) -> None:
    body = court_decision_body()
    body["court_request"] = {"article": article, "reference": "ICC-01/99-01/26-7"}
    case_id = await system.registered(body)
    response = await system.good_offices.post(
        url(case_id, "own-initiative-activation"),
        json={
            "court_consulted_on": datetime.now(UTC).date().isoformat(),
            "opportunity_assessment": "The person leaves the State before the Bureau can meet.",
        },
        headers=auth("president"),
    )
    assert response.status_code == status, response.text
    if status == 409:
        assert response.json()["rule"] == "P18-own-7a"


async def test_p19_the_bureaus_decision_that_good_offices_remain_is_a_bureau_record(
    system: Any, auth: Auth
) -> None:
    case_id = await system.registered(urgent=True)
    go = system.good_offices
    today = datetime.now(UTC).date().isoformat()
    activated = await go.post(
        url(case_id, "own-initiative-activation"),
        json={"court_consulted_on": today},
        headers=auth("president"),
    )
    assert activated.status_code == 200, activated.text
    remain = await go.post(
        url(case_id, "bureau-remain-decision"),
        json={"bureau_decision_reference": "Bureau/26/3"},
        headers=auth("secretariat"),
    )
    assert remain.status_code == 200, remain.text
    (event,) = remain.json()["events"]
    assert event["classification"] == "bureau"
    view = await go.get(f"/v1/cases/{case_id}/good-offices", headers=auth("bureau_member"))
    assert view.status_code == 200
    assert [d["kind"] for d in view.json()["bureau_decisions"]] == ["bureau_decision_remain_active"]


async def test_res35_travel_on_no_case_is_recorded_shared_confirmed_and_shared_again(
    system: Any, auth: Auth
) -> None:
    go = system.good_offices
    body = {
        "travel_id": "W-1",
        "person": "A. Person",
        "destination_state": "OTH",
        "travel_from": "2026-12-20",
        "status": "potential",
        "warrant_reference": "ICC-01/99-W1",
    }
    recorded = await go.post("/v1/travel-information", json=body, headers=auth("secretariat"))
    assert recorded.status_code == 201, recorded.text
    path = "/v1/travel-information/W-1"
    assert (await go.get(path, headers=auth("court"))).status_code == 404
    share = {"channel": "secure line to the Registry"}
    shared = await go.post(f"{path}/sharing", json=share, headers=auth("secretariat"))
    assert shared.status_code == 201, shared.text
    assert (await go.get(path, headers=auth("court"))).json()["shared_status"] == "potential"
    confirmed = await go.post(
        f"{path}/confirmation", json={"travel_from": "2026-12-21"}, headers=auth("secretariat")
    )
    assert confirmed.status_code == 201, confirmed.text
    unshared = (await go.get(path, headers=auth("secretariat"))).json()
    assert (unshared["status"], unshared["sharing"]["done_at"]) == ("confirmed", None)
    assert (await go.post(f"{path}/sharing", json=share, headers=auth("secretariat"))).is_success
    court = (await go.get(path, headers=auth("court"))).json()
    assert (court["status"], court["shared_status"]) == ("confirmed", "confirmed")
    # a focal point not on the roster records nothing (P17-access)
    stranger = auth("focal_point", sub="fp-x", region="african")
    refused = await go.post(
        "/v1/travel-information", json=body | {"travel_id": "W-2"}, headers=stranger
    )
    assert refused.status_code == 404


async def test_p17_the_request_for_five_is_withdrawn(system: Any, auth: Auth) -> None:
    go = system.good_offices
    requested = await go.post(
        "/v1/focal-points/five-requested",
        json={"requested_on": "2026-01-01"},
        headers=auth("president", region="eastern_european"),
    )
    assert requested.status_code == 201, requested.text
    await appoint(system, auth, "fp-af", "african")
    withdrawn = await go.post(
        "/v1/focal-points/five-requested/withdrawal",
        json={"withdrawn_on": "2026-06-01"},
        headers=auth("president", region="eastern_european"),
    )
    assert withdrawn.status_code == 201, withdrawn.text
    roster = (await go.get("/v1/focal-points?on=2026-06-01", headers=auth("court"))).json()
    assert roster["limit"] == 4


async def test_time_a_contact_entered_after_a_later_dated_conclusion_and_reads_on_a_date(
    system: Any, auth: Auth
) -> None:
    go = system.good_offices
    reported = "2025-03-01T09:00:00+00:00"
    case_id = await system.registered(urgent_incident_body(occurred_at=reported), urgent=True)
    for step, body in [
        (
            "own-initiative-activation",
            {"court_consulted_on": "2025-03-01", "occurred_at": "2025-03-02T09:00:00+00:00"},
        ),
        ("conclusion", {"outcome": "no_result", "occurred_at": "2025-03-20T09:00:00+00:00"}),
    ]:
        response = await go.post(url(case_id, step), json=body, headers=auth("president"))
        assert response.status_code == 200, (step, response.text)
    contact = {"counterpart_kind": "other_stakeholder", "counterpart": "x", "summary": "call"}
    before = await go.post(
        url(case_id, "contacts"),
        json=contact | {"occurred_at": "2025-03-10T09:00:00+00:00"},
        headers=auth("president"),
    )
    assert before.status_code == 200, before.text
    after = await go.post(
        url(case_id, "contacts"),
        json=contact | {"occurred_at": "2025-03-21T09:00:00+00:00"},
        headers=auth("president"),
    )
    assert after.status_code == 409
    too_early = await go.post(
        url(case_id, "contacts"),
        json=contact | {"occurred_at": "2025-02-01T09:00:00+00:00"},
        headers=auth("president"),
    )
    assert too_early.status_code == 422
    path = f"/v1/cases/{case_id}/good-offices"
    on_the_10th = await go.get(path, params={"on": "2025-03-10"}, headers=auth("president"))
    assert on_the_10th.json()["active"] is True
    assert (await go.get(path, headers=auth("president"))).json()["active"] is False


async def test_p22_only_the_bureau_member_asked_records_its_engagement_others_get_404(
    system: Any, auth: Auth
) -> None:
    case_id = await engaged_case(system, auth)
    asked = await system.good_offices.post(
        url(case_id, "assistance-requests"),
        json={"assistant": "bureau_member", "bureau_member": "bm-7"},
        headers=auth("president"),
    )
    assert asked.status_code == 200, asked.text
    engagement = {"summary": "Met the Ambassador"}
    path = url(case_id, "assistance-engagements")
    member = await system.good_offices.post(
        path, json=engagement, headers=auth("bureau_member", sub="bm-7")
    )
    assert member.status_code == 200, member.text
    other = await system.good_offices.post(
        path, json=engagement, headers=auth("bureau_member", sub="bm-8")
    )
    assert other.status_code == 404
