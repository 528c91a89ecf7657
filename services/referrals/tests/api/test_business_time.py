"""Rule Time through HTTP: business time bounds (422 naming the field), commands judged at
their business time whatever the order of arrival, and reads ``as_of`` a record time and
``on`` a business date that agree between the case and the register. Also S-info and
S7b-no-finding end to end."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime
from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.integration

Auth = Callable[..., dict[str, str]]

RECEIVED = "2012-05-01T10:00:00+00:00"


async def _historic_case(client: httpx.AsyncClient, auth: Auth, bodies: Any) -> str:
    body = bodies.court_decision(date="2012-04-30") | {"occurred_at": RECEIVED}
    body["court_request"]["date"] = "2011-03-04"
    response = await client.post("/v1/court-referrals", json=body, headers=auth("court"))
    assert response.status_code == 201, response.text
    return str(response.json()["case_id"])


async def _post(
    client: httpx.AsyncClient, auth: Auth, url: str, body: dict[str, Any], role: str
) -> httpx.Response:
    return await client.post(url, json=body, headers=auth(role))


def _field_refused(response: httpx.Response, field: str) -> None:
    assert response.status_code == 422, response.text
    problem = response.json()
    assert [e["field"] for e in problem["errors"]] == [field]


@pytest.mark.parametrize(
    ("occurred_at", "status"),
    [("2012-05-01T09:59:59+00:00", 422), ("2012-05-01T10:00:00+00:00", 200)],
    ids=["one_second_before_the_receipt", "at_the_receipt"],
)
async def test_a_forwarding_is_not_dated_before_the_decision_reached_the_assembly(
    client: httpx.AsyncClient, auth: Auth, bodies: Any, occurred_at: str, status: int
) -> None:
    case_id = await _historic_case(client, auth, bodies)
    response = await _post(
        client,
        auth,
        f"/v1/cases/{case_id}/forwarding",
        {"communication_reference": "SP/1", "occurred_at": occurred_at},
        "secretariat",
    )
    assert response.status_code == status, response.text
    if status == 422:
        _field_refused(response, "body.occurred_at")
        assert response.json()["rule"] == "Time"


@pytest.mark.parametrize(("decision_date", "status"), [("2002-06-30", 422), ("2002-07-01", 201)])
async def test_a_court_decision_is_not_dated_before_1_july_2002(
    client: httpx.AsyncClient, auth: Auth, bodies: Any, decision_date: str, status: int
) -> None:
    body = bodies.court_decision(date=decision_date) | {"occurred_at": "2002-07-01T12:00:00Z"}
    response = await client.post("/v1/court-referrals", json=body, headers=auth("court"))
    assert response.status_code == status, response.text
    if status == 422:
        _field_refused(response, "body.decision.date")


async def test_a_court_decision_dated_after_its_receipt_is_refused(
    client: httpx.AsyncClient, auth: Auth, bodies: Any
) -> None:
    body = bodies.court_decision(date="2012-05-02") | {"occurred_at": RECEIVED}
    response = await client.post("/v1/court-referrals", json=body, headers=auth("court"))
    _field_refused(response, "body.decision.date")


async def test_a_forwarding_dated_before_a_closure_recorded_first_is_accepted(
    client: httpx.AsyncClient, auth: Auth, bodies: Any
) -> None:
    """Order of arrival does not decide: the closure is dated 2014, the forwarding 2012."""
    case_id = await _historic_case(client, auth, bodies)
    closed = await _post(
        client,
        auth,
        f"/v1/cases/{case_id}/closure",
        {"reason": "cooperation_obtained", "occurred_at": "2014-03-01T00:00:00Z"},
        "secretariat",
    )
    assert closed.status_code == 200, closed.text
    forwarded = await _post(
        client,
        auth,
        f"/v1/cases/{case_id}/forwarding",
        {"communication_reference": "SP/1", "occurred_at": "2012-05-01T15:00:00Z"},
        "secretariat",
    )
    assert forwarded.status_code == 200, forwarded.text
    press = await _post(
        client,
        auth,
        f"/v1/cases/{case_id}/press-release",
        {"reference": "PR-1", "title": "On Examplia", "occurred_at": "2014-06-01T00:00:00Z"},
        "president",
    )
    assert press.status_code == 409, press.text
    case = (await client.get(f"/v1/cases/{case_id}", headers=auth("secretariat"))).json()
    assert case["forwarding"]["late"] is False
    assert case["forwarding"]["overdue_since"] is None


async def test_reads_as_of_a_record_time_and_on_a_business_date_agree(
    client: httpx.AsyncClient, auth: Auth, bodies: Any
) -> None:
    case_id = await _historic_case(client, auth, bodies)
    forwarded = await _post(
        client,
        auth,
        f"/v1/cases/{case_id}/forwarding",
        {"communication_reference": "SP/1", "occurred_at": "2012-05-01T15:00:00Z"},
        "secretariat",
    )
    assert forwarded.status_code == 200
    before_closure = datetime.now().astimezone().isoformat()
    await asyncio.sleep(0.05)
    closed = await _post(
        client,
        auth,
        f"/v1/cases/{case_id}/closure",
        {"reason": "cooperation_obtained", "occurred_at": "2014-03-01T00:00:00Z"},
        "secretariat",
    )
    assert closed.status_code == 200
    headers = auth("secretariat")
    listing = await client.get(
        "/v1/cases", headers=headers, params={"consistent_with": f"{case_id}:3"}
    )
    assert listing.json()["consistent"] is True

    async def case_on(**params: str) -> httpx.Response:
        return await client.get(f"/v1/cases/{case_id}", headers=headers, params=params)

    async def listed(**params: str) -> dict[str, Any]:
        response = await client.get("/v1/cases", headers=headers, params=params)
        assert response.status_code == 200, response.text
        return {item["case_id"]: item for item in response.json()["items"]}

    # On the day before the receipt the case did not exist yet.
    assert (await case_on(on="2012-04-30")).status_code == 404
    assert case_id not in await listed(on="2012-04-30")
    # On 2013-01-01: open, forwarded on time, press release overdue since its due instant.
    open_then = (await case_on(on="2013-01-01")).json()
    assert open_then["status"] == "open"
    assert open_then["forwarding"]["late"] is False
    assert open_then["press_release"]["overdue_since"].startswith("2012-05-02T10:00:00")
    assert (await listed(on="2013-01-01"))[case_id]["status"] == "open"
    # On the receipt day itself the press release was not yet due.
    assert (await case_on(on="2012-05-01")).json()["press_release"]["overdue_since"] is None
    # On the closure's date, and today: closed.
    assert (await case_on(on="2014-03-01")).json()["status"] == "closed"
    assert (await listed(on="2014-03-01"))[case_id]["status"] == "closed"
    assert (await listed())[case_id]["status"] == "closed"
    # As recorded before the closure was entered: open, in both reads.
    assert (await case_on(as_of=before_closure)).json()["status"] == "open"
    assert (await listed(as_of=before_closure))[case_id]["status"] == "open"
    bad = await client.get("/v1/cases", headers=headers, params={"on": "2013-1-1"})
    assert bad.status_code == 422


async def test_s_info_a_decision_informing_the_assembly_is_recorded_with_no_procedure(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    body = {
        "reference": "ICC-02/05-01/09-266",
        "date": "2026-03-30",
        "chamber": "Pre-Trial Chamber II",
        "addressees": ["security_council", "assembly"],
        "subject": "The Court informs of a visit of a person subject to a warrant.",
        "state_concerned": {"name": "Examplia", "code": "EXA", "status": "state_party"},
    }
    response = await client.post("/v1/court-information", json=body, headers=auth("court"))
    assert response.status_code == 201, response.text
    (event,) = response.json()["events"]
    assert event["type"] == "noncoop.referrals.court_information_recorded.v1"
    assert event["classification"] == "public"
    case_id = response.json()["case_id"]
    case = (
        await client.get(f"/v1/cases/{case_id}", headers=auth("state_party", state="FRA"))
    ).json()
    assert case["scenario"] == "court_information"
    assert case["status"] == "information_only"
    assert case["information"]["addressees"] == ["assembly", "security_council"]
    assert case["forwarding"] is None
    forwarding = await _post(
        client,
        auth,
        f"/v1/cases/{case_id}/forwarding",
        {"communication_reference": "SP/1"},
        "secretariat",
    )
    assert forwarding.status_code == 409
    early = await client.post(
        "/v1/court-information", json=body | {"date": "2002-06-30"}, headers=auth("court")
    )
    _field_refused(early, "body.date")


async def test_s7b_no_finding_then_the_case_is_closed_citing_it(
    client: httpx.AsyncClient, auth: Auth, bodies: Any
) -> None:
    opened = await client.post(
        "/v1/urgent-incidents", json=bodies.urgent_incident(), headers=auth("president")
    )
    case_id = opened.json()["case_id"]
    decided = await _post(
        client,
        auth,
        f"/v1/cases/{case_id}/court-decision-without-finding",
        {"reference": "ICC-01/99-01/26-140", "date": "2026-04-03", "chamber": "PTC I"},
        "court",
    )
    assert decided.status_code == 200, decided.text
    (event,) = decided.json()["events"]
    assert event["type"] == "noncoop.referrals.court_decided_without_finding.v1"
    assert event["classification"] == "restricted"
    closed = await _post(
        client,
        auth,
        f"/v1/cases/{case_id}/closure",
        {"reason": "court_made_no_finding"},
        "president",
    )
    assert closed.status_code == 200, closed.text
    assert closed.json()["events"][0]["type"] == "noncoop.referrals.case_closed.v2"
    case = (await client.get(f"/v1/cases/{case_id}", headers=auth("president"))).json()
    assert case["status"] == "closed"
    assert case["closure_reason"] == "court_made_no_finding"
    assert case["closure_court_decision_reference"] == "ICC-01/99-01/26-140"
    assert case["no_finding"]["outcome"] == "no_finding"
    # Still a 7(b) case known only to the restricted readers.
    state_party = auth("state_party", state="FRA")
    assert (await client.get(f"/v1/cases/{case_id}", headers=state_party)).status_code == 404
