"""The formal response over HTTP, opened through the log by a Court decision (P13) and taken
step by step (P14a-g), with the calendar and the Bureau's meetings."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from noncoop_shared.observe import GaugeSampler
from noncoop_shared.testing import court_decision_body

pytestmark = pytest.mark.integration

Auth = Callable[..., dict[str, str]]
FR = "/v1/cases/{}/formal-response"


def problem(response: Any, status: int, rule: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = dict(response.json())
    assert body.get("rule") == rule
    return body


async def sessions(system: Any, *spans: tuple[str, str, str]) -> None:
    for number, (session_id, starts, ends) in enumerate(spans, start=24):
        response = await system.post(
            "/v1/sessions",
            {
                "session_id": session_id,
                "number": number,
                "kind": "regular",
                "starts_on": starts,
                "ends_on": ends,
                "venue": "The Hague",
            },
        )
        assert response.status_code == 201, response.text


async def meeting(system: Any, meeting_id: str, on: str, emergency: bool = False) -> None:
    response = await system.post(
        "/v1/bureau-meetings", {"meeting_id": meeting_id, "meets_on": on, "emergency": emergency}
    )
    assert response.status_code == 201, response.text


async def hold(system: Any, meeting_id: str, on: str) -> None:
    response = await system.post(f"/v1/bureau-meetings/{meeting_id}/held", {"held_on": on})
    assert response.status_code == 201, response.text


async def test_p13_a_court_decision_posted_to_referrals_opens_a_formal_response_through_the_log(
    system: Any,
) -> None:
    case_id = await system.referred()
    view = await system.formal_response(case_id)
    assert view["opened"] is True and view["referred_to_security_council"] is False
    (opened,) = view["timeline"]
    assert (opened["actor_role"], opened["rule"]) == ("system", "P13")


async def test_p14a_an_emergency_meeting_convened_held_and_announced(
    system: Any, auth: Auth
) -> None:
    case_id = await system.referred()
    await meeting(system, "B-EM-1", "2026-04-02", emergency=True)
    convened_at = {"occurred_at": "2026-04-01T09:00:00Z"}
    held_at = {"occurred_at": "2026-04-02T18:00:00Z"}
    steps = [
        ("emergency-meeting", {"meeting_id": "B-EM-1", **convened_at}),
        ("emergency-meeting/announcements", {"announcement": "convening", **convened_at}),
        (
            "emergency-meeting/held",
            {"held_on": "2026-04-02", "decisions": ["Open letter to be sent"], **held_at},
        ),
        (
            "emergency-meeting/announcements",
            {"announcement": "decisions", "text": "The Bureau decided an open letter.", **held_at},
        ),
    ]
    for step, body in steps:
        response = await system.post(f"{FR.format(case_id)}/{step}", body)
        assert response.status_code == 200, (step, response.text)
    state_party = await system.bureau.get(
        FR.format(case_id), headers=auth("state_party", state="FRA")
    )
    assert [s["step"] for s in state_party.json()["steps"]] == [
        "emergency_meeting_announced",
        "emergency_meeting_announced",
    ]
    bureau = await system.bureau.get(FR.format(case_id), headers=auth("bureau_member"))
    assert [s["rule"] for s in bureau.json()["steps"]] == ["P14a"] * 4


async def test_p14b_the_open_letter_reply_goes_overdue_exactly_once(system: Any) -> None:
    case_id = await system.referred()
    sent_at = datetime.now(UTC) - timedelta(days=10)
    due = (sent_at + timedelta(days=5)).date()
    response = await system.post(
        f"{FR.format(case_id)}/open-letter",
        {
            "letter_reference": "ICC-ASP/PRES/26/1",
            "reply_due_on": due.isoformat(),
            "occurred_at": sent_at.isoformat(),
        },
        role="president",
    )
    assert response.status_code == 200, response.text
    await system.formal_response(
        case_id, lambda v: any(s["step"] == "open_letter_reply_overdue" for s in v["steps"])
    )
    await asyncio.sleep(1.0)
    view = await system.formal_response(case_id)
    assert [s["step"] for s in view["steps"]].count("open_letter_reply_overdue") == 1
    late = await system.post(
        f"{FR.format(case_id)}/open-letter/reply",
        {"received_on": datetime.now(UTC).date().isoformat(), "summary": "Views received"},
    )
    assert late.status_code == 200, late.text
    reply = (await system.formal_response(case_id))["steps"][-1]
    assert (reply["step"], reply["detail"]["late"]) == ("open_letter_reply_received", True)


async def test_p14b_metrics_count_open_letter_deadlines_by_kind_never_by_letter_reference(
    system: Any, auth: Auth
) -> None:
    """The deadline of each letter's reply is ``open_letter_reply:<reference>``; the gauge of
    deadlines shows the kind alone: the reference is a record's content, which ``/metrics``
    never shows (the access table), and one series per letter would grow without bound."""
    case_id = await system.referred()
    reference = "ICC-ASP/PRES/26/metrics-marker"
    sent = await system.post(
        f"{FR.format(case_id)}/open-letter",
        {"letter_reference": reference, "reply_due_on": "2099-01-31"},
        role="president",
    )
    assert sent.status_code == 200, sent.text
    runtime = system.bureau_app.state.runtime
    await GaugeSampler(system.bureau_app.state.metrics, runtime.core.pool, []).sample()

    scrape = await system.bureau.get("/metrics", headers=auth("secretariat"))
    assert scrape.status_code == 200, scrape.text
    assert "metrics-marker" not in scrape.text
    assert 'noncoop_deadlines{kind="open_letter_reply",state="pending"} 1.0' in scrape.text


async def invited_to_the_meeting_of_31_may(
    system: Any, session_starts: str, held_on: str | None = "2026-05-31"
) -> str:
    """The requested State invited (1 May) to the Bureau meeting of 31 May, held that day
    (or on ``held_on``; ``None``: not yet held)."""
    case_id = await system.referred()
    await sessions(system, ("ASP-25", session_starts, "2026-09-10"))
    await meeting(system, "B-7", "2026-05-31")
    invited = await system.post(
        f"{FR.format(case_id)}/invitation",
        {"meeting_id": "B-7", "occurred_at": "2026-05-01T09:00:00Z"},
    )
    assert invited.status_code == 200, invited.text
    if held_on is not None:
        await hold(system, "B-7", held_on)
    return case_id


async def test_p14d_refused_when_the_session_starts_exactly_three_months_after_the_meeting(
    system: Any,
) -> None:
    case_id = await invited_to_the_meeting_of_31_may(system, "2026-08-31")
    detail = problem(await system.post(f"{FR.format(case_id)}/nywg-request", {}), 409, "P14d")[
        "detail"
    ]
    assert "31 May 2026" in detail or "2026-05-31" in detail
    assert "31 August 2026" in detail or "2026-08-31" in detail


async def test_p14d_allowed_when_the_session_starts_one_day_later(system: Any) -> None:
    case_id = await invited_to_the_meeting_of_31_may(system, "2026-09-01")
    response = await system.post(f"{FR.format(case_id)}/nywg-request", {})
    assert response.status_code == 200, response.text
    (step,) = [
        s
        for s in (await system.formal_response(case_id))["steps"]
        if s["step"] == "nywg_public_meeting_requested"
    ]
    assert step["detail"]["next_session_starts_on"] == "2026-09-01"
    assert step["detail"]["bureau_meeting_on"] == "2026-05-31"
    assert step["detail"]["session_must_start_after"] == "2026-08-31"


async def test_p14d_refused_before_the_meeting_of_p14c_was_held(system: Any) -> None:
    case_id = await invited_to_the_meeting_of_31_may(system, "2026-09-05", held_on=None)
    detail = problem(await system.post(f"{FR.format(case_id)}/nywg-request", {}), 409, "P14d")[
        "detail"
    ]
    assert "only after the Bureau meeting of para 14(c) has been held" in detail


async def test_p14d_is_measured_from_the_day_the_meeting_was_held(system: Any) -> None:
    # Scheduled for 31 May, held on 2 June: a session on 1 September is too close.
    case_id = await invited_to_the_meeting_of_31_may(system, "2026-09-01", held_on="2026-06-02")
    detail = problem(await system.post(f"{FR.format(case_id)}/nywg-request", {}), 409, "P14d")[
        "detail"
    ]
    assert "held on 2026-06-02" in detail and "start after 2026-09-02" in detail


async def test_p14c_attendance_once_the_meeting_was_held_completes_p14c(system: Any) -> None:
    case_id = await invited_to_the_meeting_of_31_may(system, "2026-09-05", held_on=None)
    early = await system.post(f"{FR.format(case_id)}/attendance", {"attended": True})
    assert early.status_code == 409, early.text
    await hold(system, "B-7", "2026-05-31")
    response = await system.post(f"{FR.format(case_id)}/attendance", {"attended": True})
    assert response.status_code == 200, response.text
    step = (await system.formal_response(case_id))["steps"][-1]
    assert step["step"] == "requested_state_attendance_recorded"
    assert step["detail"]["held_on"] == "2026-05-31"


async def test_p14d_a_session_moved_after_the_meeting_was_planned_changes_the_answer(
    system: Any,
) -> None:
    case_id = await system.referred()
    await sessions(system, ("ASP-25", "2026-07-01", "2026-07-10"))
    await meeting(system, "B-8", "2026-05-31")
    await system.post(
        f"{FR.format(case_id)}/invitation",
        {"meeting_id": "B-8", "occurred_at": "2026-05-01T09:00:00Z"},
    )
    await hold(system, "B-8", "2026-05-31")
    problem(await system.post(f"{FR.format(case_id)}/nywg-request", {}), 409, "P14d")
    moved = await system.post(
        "/v1/sessions/ASP-25/dates",
        {
            "starts_on": "2026-12-01",
            "ends_on": "2026-12-10",
            "venue": "New York",
            "reason": "moved by the Assembly",
        },
    )
    assert moved.status_code == 201, moved.text
    allowed = await system.post(f"{FR.format(case_id)}/nywg-request", {})
    assert allowed.status_code == 200, allowed.text


async def test_p14e_and_p14f_steps_name_the_next_or_on_going_session(system: Any) -> None:
    case_id = await system.referred()
    today = datetime.now(UTC).date()
    await sessions(
        system,
        (
            "ASP-25",
            (today - timedelta(days=1)).isoformat(),
            (today + timedelta(days=5)).isoformat(),
        ),
    )
    for step, body in [
        ("omnibus-noting", {}),
        ("plenary", {"held_on": today.isoformat()}),
        ("facilitator", {"facilitator": "Ambassador F."}),
    ]:
        response = await system.post(f"{FR.format(case_id)}/{step}", body)
        assert response.status_code == 200, (step, response.text)
    view = await system.formal_response(case_id)
    assert {s["detail"]["session_id"] for s in view["steps"]} == {"ASP-25"}
    assert [s["rule"] for s in view["steps"]] == ["P14e", "P14f", "P14f"]
    # The facilitator's name is personal data: sealed at rest, opened in its declared field.
    assert view["steps"][-1]["facilitator"] == "Ambassador F."
    assert "facilitator" not in view["steps"][-1]["detail"]


async def test_p14e_the_session_follows_the_decisions_date_not_the_callers_choice(
    system: Any,
) -> None:
    case_id = await system.referred()  # the Court decided on 30 March 2026
    fr = FR.format(case_id)
    none_yet = problem(await system.post(f"{fr}/omnibus-noting", {}), 409, "P14e")["detail"]
    assert "no such session is on the calendar yet" in none_yet
    await sessions(
        system, ("ASP-24", "2026-04-20", "2026-04-30"), ("ASP-25", "2026-11-01", "2026-11-10")
    )
    other = problem(
        await system.post(f"{fr}/omnibus-noting", {"session_id": "ASP-25"}), 409, "P14e"
    )["detail"]
    assert "session ASP-24, from 2026-04-20 to 2026-04-30; not session ASP-25" in other
    noted = await system.post(f"{fr}/omnibus-noting", {})  # recorded today, during no session
    assert noted.status_code == 200, noted.text
    step = (await system.formal_response(case_id))["steps"][-1]
    assert (step["detail"]["session_id"], step["detail"]["court_decision_date"]) == (
        "ASP-24",
        "2026-03-30",
    )


async def test_a_special_session_counts_once_the_bureau_marked_it(system: Any, auth: Auth) -> None:
    case_id = await system.referred()
    await sessions(system, ("ASP-25", "2026-11-01", "2026-11-10"))
    special = await system.post(
        "/v1/sessions",
        {
            "session_id": "SS-1",
            "number": 1,
            "kind": "special",
            "starts_on": "2026-04-20",
            "ends_on": "2026-04-21",
            "venue": "New York",
        },
    )
    assert special.status_code == 201, special.text

    async def due_on_decision_day() -> list[str]:
        response = await system.bureau.get(
            "/v1/sessions", params={"on": "2026-03-30"}, headers=auth("secretariat")
        )
        assert response.status_code == 200, response.text
        return [part["session_id"] for part in response.json()]

    assert await due_on_decision_day() == ["ASP-25"]
    marked = await system.post("/v1/sessions/SS-1/non-cooperation-mark", {"reason": "Bureau"})
    assert marked.status_code == 201, marked.text
    assert await due_on_decision_day() == ["SS-1"]
    noted = await system.post(f"{FR.format(case_id)}/omnibus-noting", {})
    assert noted.status_code == 200, noted.text
    step = (await system.formal_response(case_id))["steps"][-1]
    assert step["detail"]["session_id"] == "SS-1"


async def test_p14g_a_letter_to_the_security_council_only_if_the_court_referred_it_there(
    system: Any, auth: Auth
) -> None:
    case_id = await system.referred()
    letter = {"letter_reference": "ICC-ASP/PRES/26/SC1"}
    cites_another = problem(
        await system.post(
            f"{FR.format(case_id)}/security-council-letter",
            {**letter, "decision_reference": "ICC-02/05-01/09-302"},
            role="president",
        ),
        409,
        "P14g",
    )
    assert "cites the Court decision ICC-02/05-01/09-302" in cites_another["detail"]
    problem(
        await system.post(
            f"{FR.format(case_id)}/security-council-letter", letter, role="president"
        ),
        409,
        "P14g",
    )
    amended = await system.referrals.post(
        f"/v1/cases/{case_id}/court-decision-changes",
        json={
            "kind": "amended",
            "decision_reference": "ICC-01/99-01/26-123",
            "change_reference": "ICC-01/99-01/26-130",
            "change_date": "2026-04-10",
            "referred_to_security_council": True,
        },
        headers=auth("court"),
    )
    assert amended.status_code == 200, amended.text
    for _ in range(100):
        response = await system.post(
            f"{FR.format(case_id)}/security-council-letter", letter, role="president"
        )
        if response.status_code == 200:
            break
        await asyncio.sleep(0.1)
    assert response.status_code == 200, response.text


async def test_a_reversed_decision_stops_the_remaining_steps_and_keeps_what_was_done(
    system: Any, auth: Auth
) -> None:
    case_id = await system.referred(referred_to_security_council=True)
    sent = await system.post(
        f"{FR.format(case_id)}/open-letter",
        {"letter_reference": "L-1", "reply_due_on": "2099-01-01"},
        role="president",
    )
    assert sent.status_code == 200, sent.text
    reversed_ = await system.referrals.post(
        f"/v1/cases/{case_id}/court-decision-changes",
        json={
            "kind": "reversed",
            "decision_reference": "ICC-01/99-01/26-123",
            "change_reference": "ICC-01/99-01/26-200-AC",
            "change_date": "2026-06-01",
        },
        headers=auth("court"),
    )
    assert reversed_.status_code == 200, reversed_.text
    view = await system.formal_response(case_id, lambda v: v["stopped"])
    assert view["stopped"] == "decision_reversed"
    assert "P14g" in view["remaining_steps_at_stop"]
    assert [s["step"] for s in view["steps"]] == ["open_letter_sent"]
    refused = await system.post(
        f"{FR.format(case_id)}/security-council-letter",
        {"letter_reference": "L-2"},
        role="president",
    )
    assert refused.status_code == 409


async def test_a_step_dated_before_a_reversal_recorded_earlier_is_still_accepted(
    system: Any, auth: Auth
) -> None:
    case_id = await system.referred(occurred_at="2026-03-30T12:00:00Z")
    reversed_ = await system.referrals.post(
        f"/v1/cases/{case_id}/court-decision-changes",
        json={
            "kind": "reversed",
            "decision_reference": "ICC-01/99-01/26-123",
            "change_reference": "ICC-01/99-01/26-200-AC",
            "change_date": "2026-06-01",
            "occurred_at": "2026-06-01T10:00:00Z",
        },
        headers=auth("court"),
    )
    assert reversed_.status_code == 200, reversed_.text
    await system.formal_response(case_id, lambda v: v["stopped"])
    fr = FR.format(case_id)
    after = await system.post(
        f"{fr}/open-letter",
        {
            "letter_reference": "L-2",
            "reply_due_on": "2026-07-01",
            "occurred_at": "2026-06-02T09:00:00Z",
        },
        role="president",
    )
    assert after.status_code == 409, after.text
    before = await system.post(
        f"{fr}/open-letter",
        {
            "letter_reference": "L-1",
            "reply_due_on": "2026-06-15",
            "occurred_at": "2026-05-01T09:00:00Z",
        },
        role="president",
    )
    assert before.status_code == 200, before.text
    too_early = await system.post(
        f"{fr}/open-letter",
        {
            "letter_reference": "L-0",
            "reply_due_on": "2026-06-15",
            "occurred_at": "2026-03-29T09:00:00Z",
        },
        role="president",
    )
    assert problem(too_early, 422, "Time")


async def test_a_7b_case_gets_no_formal_response_until_the_court_refers_it(
    system: Any, auth: Auth
) -> None:
    from noncoop_shared.testing import urgent_incident_body

    urgent = await system.referrals.post(
        "/v1/urgent-incidents", json=urgent_incident_body(), headers=auth("president")
    )
    case_id = urgent.json()["case_id"]
    letter = {"letter_reference": "L-1", "reply_due_on": "2099-01-01"}
    response = await system.post(f"{FR.format(case_id)}/open-letter", letter, role="president")
    assert response.status_code == 404
    continued = await system.referrals.post(
        f"/v1/cases/{case_id}/court-referral",
        json={"decision": court_decision_body()["decision"]},
        headers=auth("court"),
    )
    assert continued.status_code == 200, continued.text
    view = await system.formal_response(case_id, lambda v: v["opened"])
    assert view["opened"] is True


async def test_only_the_secretariat_records_and_the_president_writes(
    system: Any, auth: Auth
) -> None:
    case_id = await system.referred()
    letter = {"letter_reference": "L-1", "reply_due_on": "2099-01-01"}
    for role, claims in [
        ("secretariat", {}),
        ("bureau_member", {}),
        ("court", {}),
        ("state_party", {"state": "EXA"}),
    ]:
        response = await system.post(f"{FR.format(case_id)}/open-letter", letter, role, **claims)
        assert response.status_code == 403, role
    for role in ["president", "bureau_member", "court"]:
        response = await system.post(
            "/v1/sessions",
            {
                "session_id": "X",
                "number": 1,
                "kind": "special",
                "starts_on": "2027-01-01",
                "ends_on": "2027-01-02",
                "venue": "NY",
            },
            role,
        )
        assert response.status_code == 403, role
    assert (
        await system.bureau.get("/v1/bureau-meetings", headers=auth("state_party", state="EXA"))
    ).status_code == 403
