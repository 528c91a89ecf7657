"""A case's history imported into the Bureau (ADR 0017), and the client that sends one case's
whole history to each service in turn: referrals first, then the Bureau once it knows the case."""

from __future__ import annotations

from typing import Any

import pytest

from noncoop_shared.catalogue.bureau import formal_response_stream
from noncoop_shared.imports.client import HistoryImportError, import_case
from noncoop_shared.testing import court_decision_body, eventually

from .conftest import Auth, Stack

pytestmark = pytest.mark.integration

IMPORTS = "/v1/history-imports"
FR = "/v1/cases/{case_id}/formal-response"
PRESIDENT = {"role": "president", "id": "president-1"}
SECRETARIAT = {"role": "secretariat", "id": "sec-7"}


def open_letter(occurred_at: str = "2015-03-10T09:00:00+00:00") -> dict[str, Any]:
    body = {"letter_reference": "ASP/PRES/2015/1", "reply_due_on": "2015-04-10"}
    return {
        "method": "POST",
        "path": f"{FR}/open-letter",
        "body": body | {"occurred_at": occurred_at},
    }


def reply(occurred_at: str = "2015-04-05T09:00:00+00:00") -> dict[str, Any]:
    body = {"received_on": occurred_at[:10], "summary": "The State will reply in substance."}
    return {
        "method": "POST",
        "path": f"{FR}/open-letter/reply",
        "body": body | {"occurred_at": occurred_at},
    }


async def referred_case(stack: Stack, auth: Auth) -> str:
    """A 7(a) case referrals registered (2 March 2015) whose formal response the Bureau opened."""
    body = court_decision_body(date="2015-03-02") | {"occurred_at": "2015-03-02T10:00:00+00:00"}
    response = await stack.referrals.post(
        "/v1/court-referrals", json=body, headers=auth("court", "icc-registry")
    )
    case_id = str(response.json()["case_id"])
    await eventually(
        lambda: stack.bureau.get(FR.format(case_id=case_id), headers=auth("secretariat")),
        lambda view: view["opened"],
    )
    return case_id


async def test_a_bureau_import_records_each_entry_as_its_actor(stack: Stack, auth: Auth) -> None:
    case_id = await referred_case(stack, auth)
    before = await stack.events(stack.bureau_app, formal_response_stream(case_id))

    response = await stack.bureau.post(
        IMPORTS,
        json={
            "case_id": case_id,
            "entries": [
                {"command": open_letter(), "actor": PRESIDENT},
                {"command": reply(), "actor": SECRETARIAT},
            ],
        },
        headers=auth("secretariat", "sec-1"),
    )

    assert response.status_code == 200, response.text
    events = (await stack.events(stack.bureau_app, formal_response_stream(case_id)))[len(before) :]
    assert [(e.type.split(".")[2], e.actorrole, e.actorid) for e in events] == [
        ("open_letter_sent", "president", "president-1"),
        ("open_letter_reply_received", "secretariat", "sec-7"),
    ]
    assert {e.causationid for e in events} == {"history-import:secretariat:sec-1"}


async def test_a_refused_bureau_entry_leaves_the_formal_response_as_it_was(
    stack: Stack, auth: Auth
) -> None:
    case_id = await referred_case(stack, auth)
    before = await stack.events(stack.bureau_app, formal_response_stream(case_id))

    # Only the President sends open letters (P14b): the Secretariat as its actor is refused.
    response = await stack.bureau.post(
        IMPORTS,
        json={
            "case_id": case_id,
            "entries": [
                {"command": open_letter(), "actor": PRESIDENT},
                {"command": open_letter("2015-03-20T09:00:00+00:00"), "actor": SECRETARIAT},
            ],
        },
        headers=auth("secretariat"),
    )

    assert response.status_code == 403, response.text
    assert [e["field"] for e in response.json()["errors"]] == ["entries[1].actor.role"]
    assert await stack.events(stack.bureau_app, formal_response_stream(case_id)) == before


def case_file() -> dict[str, Any]:
    referral = court_decision_body(date="2015-03-02") | {"occurred_at": "2015-03-02T10:00:00+00:00"}
    forwarding = {
        "communication_reference": "ASP/2015/NV-1",
        "occurred_at": "2015-03-02T15:00:00+00:00",
    }
    return {
        "entries": [
            {
                "service": "referrals",
                "command": {"method": "POST", "path": "/v1/court-referrals", "body": referral},
                "actor": {"role": "court", "id": "icc-registry"},
            },
            {"service": "bureau", "command": open_letter(), "actor": PRESIDENT},
            {
                "service": "referrals",
                "command": {"path": "/v1/cases/{case_id}/forwarding", "body": forwarding},
                "actor": SECRETARIAT,
            },
            {"service": "bureau", "command": reply(), "actor": SECRETARIAT},
        ]
    }


async def test_the_client_sends_referrals_its_part_first_then_the_bureau_once_it_knows_the_case(
    stack: Stack, auth: Auth
) -> None:
    clients = {"referrals": stack.referrals, "bureau": stack.bureau}

    imported = await import_case(
        case_file(), clients, headers=auth("secretariat", "sec-1"), wait_s=30, poll_s=0.1
    )

    assert [(part.service, part.replayed) for part in imported.parts] == [
        ("referrals", False),
        ("bureau", False),
    ]
    assert imported.case_id is not None
    referrals_part, bureau_part = imported.parts
    assert [e["status"] for e in referrals_part.answer["entries"]] == [201, 200]
    assert [e["status"] for e in bureau_part.answer["entries"]] == [200, 200]
    assert bureau_part.answer["case_id"] == imported.case_id


async def test_the_client_run_twice_on_one_file_records_once(stack: Stack, auth: Auth) -> None:
    clients = {"referrals": stack.referrals, "bureau": stack.bureau}
    first = await import_case(case_file(), clients, headers=auth("secretariat", "sec-1"))
    events = await stack.count(stack.referrals_app, "events")

    again = await import_case(case_file(), clients, headers=auth("secretariat", "sec-1"))

    assert again.case_id == first.case_id
    assert [part.replayed for part in again.parts] == [True, True]
    assert await stack.count(stack.referrals_app, "events") == events


async def test_the_client_stops_at_the_part_a_service_refuses(stack: Stack, auth: Auth) -> None:
    history = case_file()
    history["entries"][3]["actor"] = {"role": "bureau_member", "id": "bm-1"}

    with pytest.raises(HistoryImportError) as refused:
        await import_case(
            history,
            {"referrals": stack.referrals, "bureau": stack.bureau},
            headers=auth("secretariat"),
            wait_s=30,
            poll_s=0.1,
        )

    assert refused.value.service == "bureau"
    assert refused.value.status == 403
    assert [part.service for part in refused.value.done] == ["referrals"]


async def test_an_entry_sees_the_registry_entries_recorded_before_it_in_the_same_import(
    stack: Stack, auth: Auth
) -> None:
    case_id = await referred_case(stack, auth)
    meeting = {"meeting_id": "bureau-2015-04", "meets_on": "2015-04-15", "agenda": "EXA"}

    def entry(path: str, body: dict[str, Any], when: str) -> dict[str, Any]:
        return {
            "command": {"path": path, "body": body | {"occurred_at": when}},
            "actor": SECRETARIAT,
        }

    response = await stack.bureau.post(
        IMPORTS,
        json={
            "case_id": case_id,
            "entries": [
                entry("/v1/bureau-meetings", meeting, "2015-03-20T09:00:00+00:00"),
                entry(
                    f"{FR}/invitation",
                    {"meeting_id": "bureau-2015-04"},
                    "2015-03-25T09:00:00+00:00",
                ),
                entry(
                    "/v1/bureau-meetings/bureau-2015-04/held",
                    {"held_on": "2015-04-15"},
                    "2015-04-15T17:00:00+00:00",
                ),
                entry(f"{FR}/attendance", {"attended": True}, "2015-04-15T17:00:00+00:00"),
            ],
        },
        headers=auth("secretariat", "sec-1"),
    )

    assert response.status_code == 200, response.text
    assert [e["status"] for e in response.json()["entries"]] == [201, 200, 201, 200]
