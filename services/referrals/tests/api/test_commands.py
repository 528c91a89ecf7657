"""Every referrals command through HTTP: roles, rules (409 + rule id), bad input (422), retries."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.integration

Auth = Callable[..., dict[str, str]]
PROBLEM = "application/problem+json"


async def register(client: httpx.AsyncClient, auth: Auth, body: dict[str, Any]) -> str:
    response = await client.post("/v1/court-referrals", json=body, headers=auth("court"))
    assert response.status_code == 201, response.text
    return str(response.json()["case_id"])


def refused(response: httpx.Response, rule: str) -> None:
    assert response.status_code == 409, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    assert response.json()["rule"] == rule


async def test_the_court_registers_a_7a_case_and_the_forwarding_deadline_is_set(
    client: httpx.AsyncClient, auth: Auth, bodies: Any
) -> None:
    received = datetime(2026, 3, 31, 23, 30, tzinfo=UTC)
    body = bodies.court_decision() | {"occurred_at": received.isoformat()}
    response = await client.post("/v1/court-referrals", json=body, headers=auth("court"))
    assert response.status_code == 201
    accepted = response.json()
    assert accepted["stream_version"] == 1
    assert [e["type"] for e in accepted["events"]] == [
        "noncoop.referrals.court_decision_received.v1"
    ]
    case = (
        await client.get(f"/v1/cases/{accepted['case_id']}", headers=auth("secretariat"))
    ).json()
    assert case["scenario"] == "7a" and case["status"] == "open"
    assert case["forwarding"]["rule"] == "P13-forward"
    assert datetime.fromisoformat(case["forwarding"]["due_at"]) == received + timedelta(days=1)


@pytest.mark.parametrize("role", ["president", "secretariat", "bureau_member"])
async def test_only_the_court_may_submit_court_decisions(
    client: httpx.AsyncClient, auth: Auth, bodies: Any, role: str
) -> None:
    response = await client.post(
        "/v1/court-referrals", json=bodies.court_decision(), headers=auth(role)
    )
    assert response.status_code == 403
    assert "court" in response.json()["detail"]


async def test_a_command_without_a_token_is_401(client: httpx.AsyncClient, bodies: Any) -> None:
    response = await client.post("/v1/court-referrals", json=bodies.court_decision())
    assert response.status_code == 401
    assert response.headers["content-type"].startswith(PROBLEM)


async def test_p13_a_decision_not_addressed_to_the_assembly_opens_no_case(
    client: httpx.AsyncClient, auth: Auth, bodies: Any
) -> None:
    body = bodies.court_decision(referred_to_assembly=False, referred_to_security_council=True)
    refused(await client.post("/v1/court-referrals", json=body, headers=auth("court")), "P13")
    recorded = await client.post("/v1/court-findings", json=body, headers=auth("court"))
    assert recorded.status_code == 201
    case = (
        await client.get(f"/v1/cases/{recorded.json()['case_id']}", headers=auth("secretariat"))
    ).json()
    assert (case["scenario"], case["status"]) == ("information_only", "information_only")
    assert case["forwarding"] is None


async def test_p13_a_decision_addressed_to_the_assembly_is_not_information_only(
    client: httpx.AsyncClient, auth: Auth, bodies: Any
) -> None:
    response = await client.post(
        "/v1/court-findings", json=bodies.court_decision(), headers=auth("court")
    )
    refused(response, "P13")


@pytest.mark.parametrize("route", ["/v1/court-referrals", "/v1/court-findings"])
async def test_s8_a_finding_about_a_security_council_bound_non_party_is_for_information(
    client: httpx.AsyncClient, auth: Auth, bodies: Any, route: str
) -> None:
    body = bodies.court_decision(referred_to_security_council=True) | {
        "security_council_resolution": "S/RES/1593 (2005)"
    }
    body["requested_state"] = {
        "name": "Republic of the Sudan",
        "code": "SDN",
        "status": "non_party_security_council",
    }
    response = await client.post(route, json=body, headers=auth("court"))
    assert response.status_code == 201, response.text
    (event,) = response.json()["events"]
    assert event["type"] == "noncoop.referrals.court_finding_recorded_for_information.v2"
    assert event["classification"] == "public"
    case = (
        await client.get(
            f"/v1/cases/{response.json()['case_id']}", headers=auth("state_party", state="FRA")
        )
    ).json()
    assert case["scenario"] == "information_only"
    assert case["why_no_procedure"] == "not_a_requested_state"
    assert case["bound_by_security_council_resolution"] is True
    assert case["security_council_resolution"] == "S/RES/1593 (2005)"
    assert case["forwarding"] is None
    assert case["timeline"][0]["rule"] == "S8"
    urgent = bodies.urgent_incident()
    urgent["requested_state"] = body["requested_state"]
    refused(await client.post("/v1/urgent-incidents", json=urgent, headers=auth("president")), "S8")


async def test_s4_the_legal_basis_must_fit_the_requested_states_status(
    client: httpx.AsyncClient, auth: Auth, bodies: Any
) -> None:
    body = bodies.court_decision(legal_basis="87(5)(b)")  # a State Party: 87(7) applies
    response = await client.post("/v1/court-referrals", json=body, headers=auth("court"))
    refused(response, "S4")
    assert "87(7)" in response.json()["detail"]


async def test_s5_a_general_failure_without_a_specific_request_is_not_a_case(
    client: httpx.AsyncClient, auth: Auth, bodies: Any
) -> None:
    body = bodies.court_decision() | {"court_request": None}
    response = await client.post("/v1/court-referrals", json=body, headers=auth("court"))
    refused(response, "S5")
    assert "general" in response.json()["detail"].lower()


async def test_s7fn4_an_urgent_incident_must_say_why_it_is_urgent(
    client: httpx.AsyncClient, auth: Auth, bodies: Any
) -> None:
    body = bodies.urgent_incident(urgency=None, urgency_reason=None)
    response = await client.post("/v1/urgent-incidents", json=body, headers=auth("president"))
    refused(response, "S7fn4")


async def test_only_the_president_or_secretariat_report_urgent_incidents(
    client: httpx.AsyncClient, auth: Auth, bodies: Any
) -> None:
    body = bodies.urgent_incident()
    assert (
        await client.post("/v1/urgent-incidents", json=body, headers=auth("court"))
    ).status_code == 403
    assert (
        await client.post("/v1/urgent-incidents", json=body, headers=auth("secretariat"))
    ).status_code == 201


async def test_bad_input_is_422_naming_the_field(
    client: httpx.AsyncClient, auth: Auth, bodies: Any
) -> None:
    body = bodies.court_decision()
    del body["decision"]["date"]
    body["requested_state"]["code"] = "examplia"
    response = await client.post("/v1/court-referrals", json=body, headers=auth("court"))
    assert response.status_code == 422
    assert response.headers["content-type"].startswith(PROBLEM)
    fields = {error["field"] for error in response.json()["errors"]}
    assert {"body.decision.date", "body.requested_state.code"} <= fields


async def test_a_business_time_in_the_future_is_refused_naming_occurred_at(
    client: httpx.AsyncClient, auth: Auth, bodies: Any
) -> None:
    future = (datetime.now(UTC) + timedelta(days=2)).isoformat()
    body = bodies.court_decision() | {"occurred_at": future}
    response = await client.post("/v1/court-referrals", json=body, headers=auth("court"))
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["body.occurred_at"]


async def test_malformed_json_is_422_and_a_wrong_content_type_is_415(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    headers = auth("court") | {"content-type": "application/json"}
    malformed = await client.post("/v1/court-referrals", content=b"{oops", headers=headers)
    assert malformed.status_code == 422
    wrong_type = await client.post(
        "/v1/court-referrals",
        content=b"x=1",
        headers=auth("court") | {"content-type": "text/plain"},
    )
    assert wrong_type.status_code == 415


async def test_an_oversized_body_is_413(client: httpx.AsyncClient, auth: Auth, bodies: Any) -> None:
    body = bodies.court_decision()
    body["persons_concerned"] = [{"name": "x" * 300}] * 100
    body["decision"]["chamber"] = "y" * 2_000_000
    response = await client.post("/v1/court-referrals", json=body, headers=auth("court"))
    assert response.status_code == 413


async def test_a_retried_command_with_the_same_idempotency_key_returns_the_first_result(
    client: httpx.AsyncClient, auth: Auth, bodies: Any
) -> None:
    headers = auth("court") | {"Idempotency-Key": "icc-submission-0001"}
    first = await client.post("/v1/court-referrals", json=bodies.court_decision(), headers=headers)
    again = await client.post("/v1/court-referrals", json=bodies.court_decision(), headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["Idempotent-Replayed"] == "true"
    listing = await client.get(
        "/v1/cases",
        headers=auth("secretariat"),
        params={"consistent_with": f"{first.json()['case_id']}:1"},
    )
    assert len(listing.json()["items"]) == 1


async def test_the_same_idempotency_key_with_another_command_is_refused(
    client: httpx.AsyncClient, auth: Auth, bodies: Any
) -> None:
    headers = auth("court") | {"Idempotency-Key": "icc-submission-0002"}
    await client.post("/v1/court-referrals", json=bodies.court_decision(), headers=headers)
    other = bodies.court_decision(reference="ICC-01/99-01/26-999")
    response = await client.post("/v1/court-referrals", json=other, headers=headers)
    assert response.status_code == 422
    assert "Idempotency-Key" in response.json()["detail"]


async def test_the_secretariat_records_the_forwarding_once(
    client: httpx.AsyncClient, auth: Auth, bodies: Any
) -> None:
    case_id = await register(client, auth, bodies.court_decision())
    url = f"/v1/cases/{case_id}/forwarding"
    body = {"communication_reference": "ICC-ASP/26/SP/12"}
    assert (await client.post(url, json=body, headers=auth("court"))).status_code == 403
    done = await client.post(url, json=body, headers=auth("secretariat"))
    assert done.status_code == 200
    assert done.json()["events"][0]["type"].endswith("decision_forwarded_to_states_parties.v1")
    twice = await client.post(url, json=body, headers=auth("secretariat"))
    assert twice.status_code == 409
    case = (await client.get(f"/v1/cases/{case_id}", headers=auth("secretariat"))).json()
    assert case["forwarding"]["reference"] == "ICC-ASP/26/SP/12"
    assert case["forwarding"]["late"] is False


async def test_p13_forward_an_overdue_forwarding_is_recorded_exactly_once(
    client: httpx.AsyncClient, auth: Auth, bodies: Any
) -> None:
    long_ago = (datetime.now(UTC) - timedelta(days=3)).isoformat()
    case_id = await register(client, auth, bodies.court_decision() | {"occurred_at": long_ago})
    case: dict[str, Any] = {}
    for _ in range(100):
        case = (await client.get(f"/v1/cases/{case_id}", headers=auth("secretariat"))).json()
        if case["forwarding"].get("overdue_since") and case["press_release"].get("overdue_since"):
            break
        await asyncio.sleep(0.1)
    assert case["forwarding"]["overdue_since"] is not None
    await asyncio.sleep(1.0)  # several more scheduler passes
    case = (await client.get(f"/v1/cases/{case_id}", headers=auth("secretariat"))).json()
    overdue = [e["type"] for e in case["timeline"] if e["type"].endswith("_overdue.v1")]
    assert sorted(overdue) == [
        "noncoop.referrals.decision_forwarding_overdue.v1",
        "noncoop.referrals.press_release_overdue.v1",
    ]
    late = await client.post(
        f"/v1/cases/{case_id}/forwarding",
        json={"communication_reference": "late-1"},
        headers=auth("secretariat"),
    )
    assert late.status_code == 200
    case = (await client.get(f"/v1/cases/{case_id}", headers=auth("secretariat"))).json()
    assert case["forwarding"]["late"] is True


async def test_p13_press_the_president_records_the_press_release(
    client: httpx.AsyncClient, auth: Auth, bodies: Any
) -> None:
    case_id = await register(client, auth, bodies.court_decision())
    url = f"/v1/cases/{case_id}/press-release"
    body = {"reference": "ICC-ASP-20260401-PR1", "title": "President calls on Examplia"}
    assert (await client.post(url, json=body, headers=auth("bureau_member"))).status_code == 403
    assert (await client.post(url, json=body, headers=auth("president"))).status_code == 200
    public_view = (await client.get(f"/v1/cases/{case_id}", headers=auth("court"))).json()
    assert public_view["press_release"]["reference"] == "ICC-ASP-20260401-PR1"


async def test_a_7b_case_continues_as_7a_with_its_history_kept(
    client: httpx.AsyncClient, auth: Auth, bodies: Any
) -> None:
    opened = await client.post(
        "/v1/urgent-incidents", json=bodies.urgent_incident(), headers=auth("president")
    )
    case_id = opened.json()["case_id"]
    state_party = auth("state_party", state="FRA")
    assert (await client.get(f"/v1/cases/{case_id}", headers=state_party)).status_code == 404
    continued = await client.post(
        f"/v1/cases/{case_id}/court-referral",
        json={"decision": bodies.court_decision()["decision"], "requested_state_code": "EXA"},
        headers=auth("court"),
    )
    assert continued.status_code == 200, continued.text
    assert continued.json()["stream_version"] == 2
    inside = (await client.get(f"/v1/cases/{case_id}", headers=auth("president"))).json()
    assert inside["scenario"] == "7b_continued_as_7a"
    assert len(inside["timeline"]) == 2
    outside = (await client.get(f"/v1/cases/{case_id}", headers=state_party)).json()
    assert outside["scenario"] == "7a"
    assert outside["urgency_reason"] is None
    assert outside["requested_state"]["code"] == "EXA"  # S7b-to-7a: the continuation names it
    assert [e["stream_version"] for e in outside["timeline"]] == [1]  # no hidden gap (ADR 0023)


async def test_s4_a_case_concerns_one_requested_state_refused_as_an_unknown_case(
    client: httpx.AsyncClient, auth: Auth, bodies: Any
) -> None:
    """S4 still refuses the referral, but the Court may not read the 7(b) case: the refusal
    would name its requested State, so the Court is answered the 404 of an unknown case
    (docs/adr/0023-refusals-never-disclose.md); nothing is recorded."""
    opened = await client.post(
        "/v1/urgent-incidents", json=bodies.urgent_incident(), headers=auth("secretariat")
    )
    case_id = opened.json()["case_id"]
    response = await client.post(
        f"/v1/cases/{case_id}/court-referral",
        json={"decision": bodies.court_decision()["decision"], "requested_state_code": "XYZ"},
        headers=auth("court"),
    )
    assert response.status_code == 404, response.text
    assert response.json()["detail"] == f"no case {case_id} is known to this reader"
    inside = (await client.get(f"/v1/cases/{case_id}", headers=auth("secretariat"))).json()
    assert inside["scenario"] == "7b"


async def test_a_reversed_decision_ends_the_procedure_and_the_case_can_be_closed(
    client: httpx.AsyncClient, auth: Auth, bodies: Any
) -> None:
    case_id = await register(client, auth, bodies.court_decision())
    reversed_ = await client.post(
        f"/v1/cases/{case_id}/court-decision-changes",
        json={
            "kind": "reversed",
            "decision_reference": "ICC-01/99-01/26-123",
            "change_reference": "ICC-01/99-01/26-200-AC",
            "change_date": "2026-06-01",
            "summary": "Appeals Chamber reversed the finding.",
        },
        headers=auth("court"),
    )
    assert reversed_.status_code == 200, reversed_.text
    closed = await client.post(
        f"/v1/cases/{case_id}/closure",
        json={"reason": "decision_reversed"},
        headers=auth("secretariat"),
    )
    assert closed.status_code == 200, closed.text
    case = (
        await client.get(f"/v1/cases/{case_id}", headers=auth("state_party", state="FRA"))
    ).json()
    assert (case["status"], case["decision_status"]) == ("closed", "reversed")
    assert case["decision_changes"][0]["procedure_effect"] == "ends"
    again = await client.post(
        f"/v1/cases/{case_id}/closure", json={"reason": "other"}, headers=auth("secretariat")
    )
    assert again.status_code == 409


async def test_commands_on_an_unknown_case_are_404(client: httpx.AsyncClient, auth: Auth) -> None:
    unknown = "01890000-0000-7000-8000-000000000000"
    response = await client.post(
        f"/v1/cases/{unknown}/forwarding",
        json={"communication_reference": "x"},
        headers=auth("secretariat"),
    )
    assert response.status_code == 404
    assert (await client.get(f"/v1/cases/{unknown}", headers=auth("president"))).status_code == 404
