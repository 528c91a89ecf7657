"""The public register, through the log: anyone reads it without a token; it holds public
records only, and no person's name."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from noncoop_shared.testing import court_decision_body, urgent_incident_body
from reporting.projections.public_register import CONSUMER_NAME

pytestmark = pytest.mark.integration

URGENCY_REASON = "Travel to the State reported for 2 April by a confidential source."
FORWARDING_REFERENCE = "SP/NOTE-VERBALE-7731"
NAMES = ("A. Person", "B. Secretperson")


@pytest.fixture
def stack(system: Any) -> Any:
    """The two apps on one topic (the ``system`` of conftest.py), as these tests name it."""
    return system


async def caught_up(stack: Any, records: int, consumer: str = CONSUMER_NAME) -> None:
    await stack.caught_up(records, consumer)


async def open_cases(stack: Any) -> dict[str, str]:
    """A 7(a) case (forwarded, press release), a 7(b) case continued as 7(a), a 7(b)-only
    case; returns their ids once the register has read all 6 events."""
    referral = (
        await stack.referrals.post(
            "/v1/court-referrals", json=court_decision_body(), headers=stack.headers("court")
        )
    ).json()["case_id"]
    forwarded = await stack.referrals.post(
        f"/v1/cases/{referral}/forwarding",
        json={"communication_reference": FORWARDING_REFERENCE},
        headers=stack.headers("secretariat"),
    )
    assert forwarded.status_code == 200, forwarded.text
    pressed = await stack.referrals.post(
        f"/v1/cases/{referral}/press-release",
        json={"reference": "PR/2026/1", "title": "Non-cooperation referred"},
        headers=stack.headers("president"),
    )
    assert pressed.status_code == 200, pressed.text
    urgent_body = urgent_incident_body(
        urgency_reason=URGENCY_REASON,
        persons_concerned=[{"name": NAMES[1], "warrant_reference": "ICC-01/99-W2"}],
    )
    continued, urgent_only = [
        (
            await stack.referrals.post(
                "/v1/urgent-incidents", json=urgent_body, headers=stack.headers("president")
            )
        ).json()["case_id"]
        for _ in range(2)
    ]
    decision = court_decision_body(reference="ICC-01/99-01/26-200")["decision"]
    referred = await stack.referrals.post(
        f"/v1/cases/{continued}/court-referral",
        json={"decision": decision, "requested_state_code": "EXA"},
        headers=stack.headers("court"),
    )
    assert referred.status_code == 200, referred.text
    await caught_up(stack, records=6)
    return {"referral": referral, "continued": continued, "urgent_only": urgent_only}


async def test_anyone_reads_the_register_without_a_token(stack: Any) -> None:
    cases = await open_cases(stack)
    listed = await stack.reporting.get("/v1/public/cases")
    assert listed.status_code == 200, listed.text
    by_id = {case["case_id"]: case for case in listed.json()["cases"]}
    assert set(by_id) == {cases["referral"], cases["continued"]}
    assert by_id[cases["referral"]]["requested_state_code"] == "EXA"
    one = await stack.reporting.get(f"/v1/public/cases/{cases['referral']}")
    assert one.status_code == 200, one.text
    assert [e["type"].split(".")[2] for e in one.json()["entries"]] == [
        "court_decision_received",
        "press_release_issued",
    ]
    assert [e["rule"] for e in one.json()["entries"]] == ["P13", "P13-press"]
    bad_token = {"Authorization": "Bearer not-a-token"}
    assert (await stack.reporting.get("/v1/public/cases", headers=bad_token)).status_code == 401


async def test_a_7b_case_appears_only_from_its_continuation_as_7a(stack: Any) -> None:
    cases = await open_cases(stack)
    continued = await stack.reporting.get(f"/v1/public/cases/{cases['continued']}")
    assert continued.status_code == 200, continued.text
    body = continued.json()
    assert (body["scenario"], body["status"]) == ("7a", "open")
    assert [e["type"].split(".")[2] for e in body["entries"]] == [
        "case_continued_under_court_referral"
    ]
    hidden = await stack.reporting.get(f"/v1/public/cases/{cases['urgent_only']}")
    assert hidden.status_code == 404
    assert hidden.headers["content-type"].startswith("application/problem+json")


async def test_nothing_restricted_states_parties_or_bureau_and_no_name_is_in_the_register(
    stack: Any,
) -> None:
    cases = await open_cases(stack)
    texts = [(await stack.reporting.get("/v1/public/cases")).text]
    for case_id in (cases["referral"], cases["continued"]):
        texts.append((await stack.reporting.get(f"/v1/public/cases/{case_id}")).text)
    everything = "\n".join(texts)
    for secret in (URGENCY_REASON, FORWARDING_REFERENCE, cases["urgent_only"], *NAMES):
        assert secret not in everything
    for word in ("urgency", "restricted", "states_parties", "overdue", "forwarded"):
        assert word not in everything
    referral = json.loads(texts[1])
    persons = referral["entries"][0]["payload"]["persons_concerned"]
    assert persons == [{"warrant_reference": "ICC-01/99-W1"}]


async def test_the_list_filters_by_state_scenario_and_status(stack: Any) -> None:
    cases = await open_cases(stack)
    closed = await stack.referrals.post(
        f"/v1/cases/{cases['referral']}/closure",
        json={"reason": "cooperation_obtained"},
        headers=stack.headers("secretariat"),
    )
    assert closed.status_code == 200, closed.text
    await caught_up(stack, records=7)

    async def ids(**params: str) -> set[str]:
        response = await stack.reporting.get("/v1/public/cases", params=params)
        assert response.status_code == 200, response.text
        return {case["case_id"] for case in response.json()["cases"]}

    assert await ids(state="EXA") == {cases["referral"]}
    assert await ids(state="FRA") == set()
    assert await ids(scenario="7a") == {cases["referral"], cases["continued"]}
    assert await ids(scenario="7b") == set()
    assert await ids(status="closed") == {cases["referral"]}
    assert await ids(status="open") == {cases["continued"]}


async def test_the_register_as_it_stood_on_a_business_date_and_as_of_a_record_time(
    stack: Any,
) -> None:
    cases = await open_cases(stack)
    before_closure = datetime.now(UTC)
    closed = await stack.referrals.post(
        f"/v1/cases/{cases['referral']}/closure",
        json={"reason": "cooperation_obtained"},
        headers=stack.headers("secretariat"),
    )
    assert closed.status_code == 200, closed.text
    await caught_up(stack, records=7)
    today = datetime.now(UTC).date()

    async def listed(**params: str) -> dict[str, str]:
        response = await stack.reporting.get("/v1/public/cases", params=params)
        assert response.status_code == 200, response.text
        return {case["case_id"]: case["status"] for case in response.json()["cases"]}

    assert (await listed())[cases["referral"]] == "closed"
    assert (await listed(as_of=before_closure.isoformat()))[cases["referral"]] == "open"
    assert await listed(status="closed", as_of=before_closure.isoformat()) == {}
    assert await listed(on=(today - timedelta(days=1)).isoformat()) == {}
    assert set(await listed(on=today.isoformat())) == {cases["referral"], cases["continued"]}

    then = await stack.reporting.get(
        f"/v1/public/cases/{cases['referral']}", params={"as_of": before_closure.isoformat()}
    )
    assert then.status_code == 200, then.text
    assert then.json()["status"] == "open"
    assert [e["type"].split(".")[2] for e in then.json()["entries"]] == [
        "court_decision_received",
        "press_release_issued",
    ]
    assert all(e["recorded_at"] is not None for e in then.json()["entries"])
    yesterday = await stack.reporting.get(
        f"/v1/public/cases/{cases['referral']}",
        params={"on": (today - timedelta(days=1)).isoformat()},
    )
    assert yesterday.status_code == 404
    bad = await stack.reporting.get("/v1/public/cases", params={"on": "2026-13-01"})
    assert bad.status_code == 422
    assert [e["field"] for e in bad.json()["errors"]] == ["query.on"]
