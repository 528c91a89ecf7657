"""A service's refusal is headed in the console's own words, in the page's language (by the
problem's type, else its status); its detail is shown as the service wrote it."""

from __future__ import annotations

from typing import Any

import pytest
from markupsafe import escape

from console.backends import Problem
from console.problem_titles import CLIENT_ERROR, SERVER_ERROR, title_key
from noncoop_shared.web.problems import problem_type

from .fakes import CASE, FakeReports, FakeServices, case_routes, console_as, csrf_of, problem

OPEN_LETTER = f"POST /v1/cases/{CASE}/formal-response/open-letter"


def _typed(slug: str, status: int, title: str, detail: str) -> dict[str, Any]:
    return {**problem(status, title, detail), "type": problem_type(slug)}


@pytest.mark.parametrize(
    ("slug", "status", "title", "key"),
    [
        ("rule-violation", 409, "Refused by the procedures", "problem:rule-violation"),
        (
            "invalid-transition",
            409,
            "Not possible in the current state",
            "problem:invalid-transition",
        ),
        ("version-conflict", 409, "Version conflict", "problem:version-conflict"),
        ("not-found", 404, "Not found", "problem:not-found"),
        ("validation-error", 422, "Invalid request", "problem:validation-error"),
        ("validation", 422, "Unprocessable request", "problem:unprocessable"),
        ("idempotency-key-reused", 422, "Idempotency-Key reused", "problem:idempotency-key-reused"),
        (
            "business-time-out-of-bounds",
            422,
            "Business time",
            "problem:business-time-out-of-bounds",
        ),
        ("domain-error", 422, "Domain error", "problem:domain-error"),
        ("domain-error", 422, "Event too large for the log", "problem:event-too-large"),
        ("unauthenticated", 401, "Unauthorized", "problem:status:401"),
        ("forbidden", 403, "Forbidden", "problem:status:403"),
        ("content-too-large", 413, "Content Too Large", "problem:status:413"),
        ("unsupported-media-type", 415, "Unsupported Media Type", "problem:status:415"),
        ("internal-error", 500, "Internal Server Error", "problem:status:500"),
        ("not-ready", 503, "Service Unavailable", "problem:status:503"),
    ],
)
def test_each_known_type_has_its_key(slug: str, status: int, title: str, key: str) -> None:
    assert title_key(Problem(status, title=title, type=problem_type(slug))) == key


def test_an_unknown_type_falls_back_to_the_status_then_its_class() -> None:
    assert title_key(Problem(409, title="Conflict")) == "problem:status:409"
    assert title_key(Problem(409, type=problem_type("brand-new"))) == "problem:status:409"
    # Another site's problem type with a known slug is not one of the services'.
    other = Problem(422, type="https://elsewhere.example/problems/rule-violation")
    assert title_key(other) == "problem:status:422"
    assert title_key(Problem(418)) == CLIENT_ERROR
    assert title_key(Problem(599)) == SERVER_ERROR


async def _refused_open_letter(lang: str, refusal: dict[str, Any]) -> str:
    services = FakeServices(case_routes())
    services.routes["bureau"] = {OPEN_LETTER: (int(refusal["status"]), refusal)}
    async with console_as(services, "president", region="african") as browser:
        browser.cookies.set("lang", lang)
        form = await browser.get(f"/cases/{CASE}/open-letter")
        page = await browser.post(
            f"/cases/{CASE}/open-letter",
            data={
                "csrf_token": csrf_of(form.text),
                "letter_reference": "L/1",
                "reply_due_on": "2027-03-01",
            },
        )
    assert page.status_code == refusal["status"]
    return page.text


DETAIL = "P14b: the open letter follows the State's invitation to the Bureau's meeting"


@pytest.mark.parametrize(
    ("lang", "heading"),
    [("en", "Refused by the procedures"), ("fr", "Refusé par les procédures")],
)
async def test_a_rule_violation_is_headed_in_the_pages_language(lang: str, heading: str) -> None:
    refusal = _typed("rule-violation", 409, "Refused by the procedures", DETAIL)
    html = await _refused_open_letter(lang, refusal)
    assert f"<strong>{heading}</strong>" in html
    # The detail stays the service's (it cites the rule), in either language.
    assert str(escape(DETAIL)) in html


async def test_a_french_page_does_not_show_the_services_english_title() -> None:
    refusal = _typed("invalid-transition", 409, "Not possible in the current state", DETAIL)
    html = await _refused_open_letter("fr", refusal)
    assert "<strong>Impossible dans l\u2019état actuel</strong>" in html
    assert "Not possible in the current state" not in html


@pytest.mark.parametrize(("lang", "heading"), [("en", "Conflict"), ("fr", "Conflit")])
async def test_an_unknown_type_is_headed_by_its_status(lang: str, heading: str) -> None:
    refusal = _typed("something-new", 409, "Something new happened", DETAIL)
    html = await _refused_open_letter(lang, refusal)
    assert f"<strong>{heading}</strong>" in html
    assert "Something new happened" not in html


@pytest.mark.parametrize(
    ("lang", "heading"),
    [("en", "Unprocessable request"), ("fr", "Requête impossible à traiter")],
)
async def test_a_refused_draft_is_headed_in_the_pages_language(lang: str, heading: str) -> None:
    detail = "no next or on-going session is on the calendar"
    refusal = _typed("validation", 422, "Unprocessable request", detail)
    refusal["errors"] = [{"field": "body", "message": detail, "type": "validation"}]
    services = FakeServices(
        {"reporting": {**FakeReports().routes(), "POST /v1/reports": (422, refusal)}}
    )
    async with console_as(services, "secretariat") as browser:
        browser.cookies.set("lang", lang)
        index = await browser.get("/reports")
        page = await browser.post(
            "/reports", data={"csrf_token": csrf_of(index.text), "recommendations": "R"}
        )
    assert page.status_code == 422
    assert f"<strong>{heading}</strong>" in page.text and detail in page.text


@pytest.mark.parametrize(("lang", "heading"), [("en", "Internal error"), ("fr", "Erreur interne")])
async def test_a_service_failure_page_says_it_in_the_pages_language(
    lang: str, heading: str
) -> None:
    services = FakeServices(case_routes())
    services.routes["referrals"][f"GET /v1/cases/{CASE}"] = (
        500,
        _typed("internal-error", 500, "Internal Server Error", "quote the correlation id"),
    )
    async with console_as(services) as browser:
        browser.cookies.set("lang", lang)
        page = await browser.get(f"/cases/{CASE}")
    assert page.status_code == 502
    assert f"<p>{heading}</p>" in page.text
    assert "Internal Server Error" not in page.text
