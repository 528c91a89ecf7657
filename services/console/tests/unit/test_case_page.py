"""The case page's good offices and travel information: shown when good offices let the reader
read them, absent (no error, no hint) when they answer 404 or 403."""

from __future__ import annotations

import pytest
from markupsafe import escape

from .fakes import (
    CASE,
    WHY,
    FakeServices,
    case_routes,
    console_as,
    problem,
    worded_procedural_state,
)

GOOD_OFFICES = {
    "case_id": CASE,
    "active": True,
    "basis": "7(b) urgent incident",
    "activation_rule": "P18-own-7b",
    "activated_at": "2026-12-02T10:00:00Z",
    "engagement": [
        {
            "kind": "contact",
            "occurred_at": "2026-12-03T09:00:00Z",
            "summary": "Spoke to the Minister of Justice",
            "counterpart": "Minister",
        }
    ],
}
TRAVEL = [
    {
        "destination_state": "OTH",
        "details": "by air",
        "person": "Person Subject To Warrant",
        "sharing": {"rule": "P18-notify", "done_at": None},
        "status": "confirmed",
        "travel_from": "2026-12-20",
        "travel_id": "T-1",
        "travel_to": None,
    }
]


async def test_the_sections_show_what_good_offices_return() -> None:
    services = FakeServices(case_routes())
    services.routes["good_offices"] = {
        f"GET /v1/cases/{CASE}/good-offices": (200, GOOD_OFFICES),
        f"GET /v1/cases/{CASE}/travel-information": (200, TRAVEL),
    }
    async with console_as(services, "president", region="african") as browser:
        page = await browser.get(f"/cases/{CASE}")
    assert page.status_code == 200
    assert 'id="good-offices"' in page.text and "Spoke to the Minister of Justice" in page.text
    assert "P18-own-7b" in page.text
    assert 'id="travel"' in page.text and "Person Subject To Warrant" in page.text
    assert "December 20, 2026" in page.text


@pytest.mark.parametrize("status", [403, 404])
async def test_a_refused_section_is_simply_absent(status: int) -> None:
    services = FakeServices(case_routes())
    refusal = problem(status)
    services.routes["good_offices"] = {
        f"GET /v1/cases/{CASE}/good-offices": (status, refusal),
        f"GET /v1/cases/{CASE}/travel-information": (status, refusal),
    }
    async with console_as(services, "bureau_member") as browser:
        page = await browser.get(f"/cases/{CASE}")
    assert page.status_code == 200
    assert f"/v1/cases/{CASE}/good-offices" in services.paths("good_offices")
    assert "P13-forward" in page.text  # the rest of the page is there
    for hint in ('id="good-offices"', 'id="travel"', "Good offices", "Travel information"):
        assert hint not in page.text
    assert "Forbidden" not in page.text and "Not Found" not in page.text
    assert "the service answered" not in page.text


async def test_good_offices_without_travel_shows_one_section() -> None:
    services = FakeServices(case_routes())
    services.routes["good_offices"] = {f"GET /v1/cases/{CASE}/good-offices": (200, GOOD_OFFICES)}
    async with console_as(services) as browser:
        page = await browser.get(f"/cases/{CASE}")
    assert 'id="good-offices"' in page.text and 'id="travel"' not in page.text


async def test_a_good_offices_failure_is_the_error_page_not_a_missing_section() -> None:
    # A 500 is not "you may not read it": hiding it would hide an outage.
    services = FakeServices(case_routes())
    services.routes["good_offices"] = {f"GET /v1/cases/{CASE}/good-offices": (500, problem(500))}
    async with console_as(services) as browser:
        page = await browser.get(f"/cases/{CASE}")
    assert page.status_code == 502


async def test_a_case_referrals_does_not_show_asks_nothing_else() -> None:
    services = FakeServices()
    async with console_as(services, "bureau_member") as browser:
        page = await browser.get(f"/cases/{CASE}")
    assert page.status_code == 404 and "Not found" in page.text
    assert services.paths("good_offices") == [] and services.paths("reporting") == []


@pytest.mark.parametrize("lang", ["en", "fr"])
async def test_the_rules_why_is_in_the_pages_language(lang: str) -> None:
    services = FakeServices(case_routes())
    services.routes["reporting"][f"GET /v1/cases/{CASE}/procedural-state"] = (
        worded_procedural_state()
    )
    async with console_as(services) as browser:
        browser.cookies.set("lang", lang)
        page = await browser.get(f"/cases/{CASE}")
    asked = [
        request.url.params.get("lang")
        for service, request in services.requests
        if service == "reporting" and request.url.path.endswith("/procedural-state")
    ]
    assert asked == [lang]
    assert page.status_code == 200
    assert str(escape(WHY[lang])) in page.text
    assert str(escape(WHY["en" if lang == "fr" else "fr"])) not in page.text
