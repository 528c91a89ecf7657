"""The calendar page and the command forms sent to bureau: who is offered which form, what each
sends (body, Idempotency-Key), and a refusal shown next to the form."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from fastapi.routing import APIRoute
from tests.system.access_table import BUREAU_SERVICE, REFERRALS, REPORTING

from console.actions import ACTIONS
from console.main import ROUTERS

from .fakes import CASE, FakeServices, case_routes, console_as, csrf_of, problem

SESSIONS = [
    {
        "session_id": "ASP-25",
        "number": 25,
        "kind": "regular",
        "starts_on": "2026-12-01",
        "ends_on": "2026-12-06",
        "venue": "The Hague",
        "takes_up_non_cooperation": True,
    },
    {
        "session_id": "ASP-25-R",
        "number": 25,
        "kind": "resumed",
        "starts_on": "2027-06-02",
        "ends_on": "2027-06-03",
        "venue": "New York",
    },
]
MEETINGS = [
    {"meeting_id": "B-2", "meets_on": "2027-01-20", "emergency": True, "held_on": None},
    {
        "meeting_id": "B-1",
        "meets_on": "2027-01-10",
        "emergency": False,
        "held_on": "2027-01-10",
        "decisions": ["Noted the report"],
    },
]
RECORDED = {
    "events": [{"classification": "bureau", "id": "e-1", "type": "x"}],
    "stream_version": 1,
}


def test_every_form_offers_itself_to_the_roles_its_service_accepts() -> None:
    rows = {**REFERRALS, **BUREAU_SERVICE, **REPORTING}
    for act in ACTIONS:
        row = rows[act.route]
        assert act.roles == row.allowed, act.slug  # type: ignore[union-attr]


def _calendar_services() -> FakeServices:
    services = FakeServices()
    services.routes["bureau"] = {
        "GET /v1/sessions": (200, SESSIONS),
        "GET /v1/bureau-meetings": (200, MEETINGS),
    }
    return services


async def test_the_calendar_in_english_and_french() -> None:
    services = _calendar_services()
    async with console_as(services) as browser:
        english = await browser.get("/calendar")
        browser.cookies.set("lang", "fr")
        french = await browser.get("/calendar")
    assert english.status_code == 200
    assert "December 1, 2026" in english.text and "June 2, 2027" in english.text
    assert "resumed" in english.text and "The Hague" in english.text
    # Meetings by date: B-1 before B-2; B-2 not held yet, so the Secretariat may record it.
    assert english.text.index(">B-1<") < english.text.index(">B-2<")
    assert 'href="/calendar/meetings/B-2/held"' in english.text
    assert 'href="/calendar/meetings/new"' in english.text
    assert "1 décembre 2026" in french.text and "reprise" in french.text


async def test_a_role_bureau_does_not_show_meetings_to_sees_the_sessions_only() -> None:
    services = _calendar_services()
    services.routes["bureau"]["GET /v1/bureau-meetings"] = (403, problem(403))
    async with console_as(services, "state_party", state="EXA") as browser:
        page = await browser.get("/calendar")
    assert page.status_code == 200 and "The Hague" in page.text
    assert 'id="meetings"' not in page.text and "/calendar/meetings/new" not in page.text


async def test_the_president_sees_the_meetings_but_no_secretariat_form() -> None:
    services = _calendar_services()
    async with console_as(services, "president", region="african") as browser:
        page = await browser.get("/calendar")
        case = FakeServices(case_routes())
    assert 'id="meetings"' in page.text
    assert "/calendar/meetings/new" not in page.text and "/held" not in page.text
    async with console_as(case, "president", region="african") as browser:
        case_page = await browser.get(f"/cases/{CASE}")
    assert f"/cases/{CASE}/open-letter" in case_page.text
    assert f"/cases/{CASE}/invitation" not in case_page.text


def _capture(services: FakeServices, service: str, route: str, sent: list[httpx.Request]) -> None:
    def answer(request: httpx.Request) -> tuple[int, Any]:
        sent.append(request)
        return 201, RECORDED

    services.routes.setdefault(service, {})[route] = answer


async def test_scheduling_a_meeting_sends_its_body_and_key() -> None:
    services = _calendar_services()
    sent: list[httpx.Request] = []
    _capture(services, "bureau", "POST /v1/bureau-meetings", sent)
    async with console_as(services) as browser:
        form = await browser.get("/calendar/meetings/new")
        key = form.text.split('name="idempotency_key" value="')[1].split('"')[0]
        fields = {"meeting_id": "B-3", "meets_on": "2027-02-01", "emergency": "yes"}
        done = await browser.post(
            "/calendar/meetings/new",
            data={"csrf_token": csrf_of(form.text), "idempotency_key": key, **fields},
        )
    assert done.status_code == 303 and done.headers["location"] == "/calendar?recorded=1"
    (request,) = sent
    assert request.headers["idempotency-key"] == key
    assert json.loads(request.content) == {
        "meeting_id": "B-3",
        "meets_on": "2027-02-01",
        "agenda": "",
        "emergency": True,
    }


async def test_a_command_form_with_a_key_the_console_did_not_make_is_refused_unsent() -> None:
    services = _calendar_services()
    fields = {"meeting_id": "B-3", "meets_on": "2027-02-01", "idempotency_key": "my-own-key"}
    async with console_as(services) as browser:
        form = await browser.get("/calendar/meetings/new")
        refused = await browser.post(
            "/calendar/meetings/new", data={"csrf_token": csrf_of(form.text), **fields}
        )
    assert refused.status_code == 400
    assert "Idempotency-Key was not made by this console" in refused.text
    assert [c for c in services.calls if c[1] == "POST"] == []


async def test_recording_a_meeting_held_with_its_decisions() -> None:
    services = _calendar_services()
    sent: list[httpx.Request] = []
    _capture(services, "bureau", "POST /v1/bureau-meetings/B-2/held", sent)
    async with console_as(services) as browser:
        form = await browser.get("/calendar/meetings/B-2/held")
        done = await browser.post(
            "/calendar/meetings/B-2/held",
            data={
                "csrf_token": csrf_of(form.text),
                "held_on": "2027-01-20",
                "decisions": "Invite the State\r\n\r\nWrite to the Council\n",
            },
        )
        bad = await browser.get("/calendar/meetings/..%2Fx/held")
    assert done.status_code == 303
    assert json.loads(sent[0].content) == {
        "held_on": "2027-01-20",
        "decisions": ["Invite the State", "Write to the Council"],
    }
    assert bad.status_code == 404


@pytest.mark.parametrize(
    ("slug", "route", "fields", "body"),
    [
        (
            "invitation",
            "formal-response/invitation",
            {"meeting_id": "B-7"},
            {"meeting_id": "B-7"},
        ),
        (
            "open-letter",
            "formal-response/open-letter",
            {"letter_reference": "L/1", "reply_due_on": "2027-03-01"},
            {"letter_reference": "L/1", "reply_due_on": "2027-03-01"},
        ),
        (
            "open-letter-reply",
            "formal-response/open-letter/reply",
            {"received_on": "2027-02-20", "summary": "The State answered"},
            {"received_on": "2027-02-20", "summary": "The State answered"},
        ),
    ],
)
async def test_a_case_step_sent_to_bureau(
    slug: str, route: str, fields: dict[str, str], body: dict[str, Any]
) -> None:
    services = FakeServices(case_routes())
    sent: list[httpx.Request] = []
    _capture(services, "bureau", f"POST /v1/cases/{CASE}/{route}", sent)
    services.routes["reporting"][f"GET /v1/cases/{CASE}/audit-trail"] = (
        200,
        {
            "as_of": None,
            "case_id": CASE,
            "entries": [
                {
                    "actor_id": "s",
                    "actor_role": "secretariat",
                    "classification": "bureau",
                    "event_id": "e-1",
                    "occurred_at": "2027-01-01T00:00:00Z",
                    "recorded_at": "2027-01-01T00:00:00Z",
                    "rule": "P14c",
                    "stream_version": 1,
                    "type": "x",
                }
            ],
        },
    )
    async with console_as(services) as browser:
        form = await browser.get(f"/cases/{CASE}/{slug}")
        done = await browser.post(
            f"/cases/{CASE}/{slug}", data={"csrf_token": csrf_of(form.text), **fields}
        )
    assert done.status_code == 303, done.text
    assert done.headers["location"] == f"/cases/{CASE}?recorded=1"
    # Nothing of another client's "not sent" leaks into the body: only what the form had.
    assert json.loads(sent[0].content) == body


async def test_a_refusal_is_shown_with_the_form_and_its_field_errors() -> None:
    services = FakeServices(case_routes())
    refusal = problem(422, "Unprocessable", "the date is before the letter")
    refusal["errors"] = [
        {"field": "body.reply_due_on", "message": "must be after today", "type": "value_error"}
    ]
    services.routes["bureau"] = {
        f"POST /v1/cases/{CASE}/formal-response/open-letter": (422, refusal)
    }
    async with console_as(services, "president", region="african") as browser:
        form = await browser.get(f"/cases/{CASE}/open-letter")
        page = await browser.post(
            f"/cases/{CASE}/open-letter",
            data={
                "csrf_token": csrf_of(form.text),
                "letter_reference": "L/1",
                "reply_due_on": "2020-01-01",
            },
        )
        empty = await browser.post(
            f"/cases/{CASE}/open-letter",
            data={"csrf_token": csrf_of(form.text), "reply_due_on": "not a date"},
        )
    assert page.status_code == 422
    assert "the date is before the letter" in page.text
    assert 'id="reply_due_on-error">must be after today' in page.text
    assert 'value="L/1"' in page.text
    assert empty.status_code == 422
    assert 'id="letter_reference-error">This field is required.' in empty.text
    assert 'id="reply_due_on-error">Not a date.' in empty.text


async def test_signed_in_every_post_without_the_csrf_token_is_refused_unsent() -> None:
    paths = [
        route.path.replace("{case_id}", CASE)
        .replace("{slug}", "open-letter")
        .replace("{meeting_id}", "B-1")
        .replace("{report_id}", "0193c5a1-1111-7000-8000-000000000001")
        for router in ROUTERS
        for route in router.routes
        if isinstance(route, APIRoute) and "POST" in route.methods and route.path != "/sign-in"
    ]
    assert {"/reports", "/calendar/meetings/new", f"/cases/{CASE}/open-letter"} <= set(paths)
    services = FakeServices(case_routes())
    async with console_as(services, "president", region="african") as browser:
        for path in paths:
            refused = await browser.post(path, data={"csrf_token": "guessed"})
            assert refused.status_code == 403, path
    assert [c for c in services.calls if c[1] == "POST"] == []
