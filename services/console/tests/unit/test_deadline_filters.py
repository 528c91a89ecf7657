"""The list's "overdue" and "due within N days" filters, from reporting's procedural state of
each listed case, read concurrently within a bound."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from console.deadlines import CONCURRENT_READS, Deadline, read_states
from console.main import build_app
from noncoop_client.reporting.models.report_language import ReportLanguage

from .fakes import SETTINGS, FakeServices, console_as, procedural_state

NOW = datetime.now(UTC)
IDS = {
    name: f"01a24d3f-4c44-780b-aa41-b5498d7d8e{n:02d}"
    for n, name in enumerate(("late", "soon", "later", "unread", "done"))
}


def _summary(case_id: str) -> dict[str, Any]:
    return {
        "case_id": case_id,
        "opened_on": "2026-12-01",
        "requested_state_code": "EXA",
        "requested_state_name": "Republic of Examplia",
        "scenario": "7a",
        "status": "open",
        "updated_at": None,
        "version": 1,
    }


def _rule(rule: str, state: str, due_in: timedelta | None = None) -> dict[str, Any]:
    due = {"due_at": (NOW + due_in).isoformat()} if due_in is not None else {}
    return {"rule": rule, "state": state, "why": "because", **due}


def _services() -> FakeServices:
    services = FakeServices()
    services.routes["referrals"] = {
        "GET /v1/cases": (
            200,
            {"consistent": True, "next_cursor": None, "items": [_summary(i) for i in IDS.values()]},
        )
    }
    rules = {
        "late": [_rule("P13-forward", "overdue", -timedelta(days=2))],
        "soon": [_rule("P14c", "pending", timedelta(days=3)), _rule("P13-press", "done")],
        "later": [_rule("P14b", "pending", timedelta(days=30))],
        "done": [_rule("P13-forward", "done"), _rule("P14a", "optional")],
    }
    services.routes["reporting"] = {
        f"GET /v1/cases/{IDS[name]}/procedural-state": (200, procedural_state(IDS[name], r))
        for name, r in rules.items()
    }
    return services


def _listed(html: str) -> set[str]:
    return {name for name, case_id in IDS.items() if f'href="/cases/{case_id}"' in html}


async def test_overdue_lists_the_cases_with_an_overdue_rule() -> None:
    services = _services()
    async with console_as(services) as browser:
        page = await browser.get("/cases", params={"deadline": "overdue"})
    assert page.status_code == 200
    assert _listed(page.text) == {"late"}
    assert "P13-forward: overdue" in page.text
    # Every listed case was asked once (the unread one is a 404: not a match, not an error).
    assert len(services.paths("reporting")) == len(IDS)


async def test_due_within_n_days() -> None:
    services = _services()
    async with console_as(services) as browser:
        week = await browser.get("/cases", params={"deadline": "due", "within": "7"})
        two_months = await browser.get("/cases", params={"deadline": "due", "within": "60"})
    assert _listed(week.text) == {"soon"}
    assert "P14c: pending" in week.text and "P13-press" not in week.text
    assert _listed(two_months.text) == {"soon", "later"}
    assert 'value="60"' in two_months.text


async def test_the_deadline_reads_ask_in_the_pages_language() -> None:
    services = _services()
    async with console_as(services) as browser:
        browser.cookies.set("lang", "fr")
        await browser.get("/cases", params={"deadline": "overdue"})
    asked = {r.url.params.get("lang") for s, r in services.requests if s == "reporting"}
    assert asked == {"fr"}


async def test_without_a_deadline_filter_reporting_is_not_asked() -> None:
    services = _services()
    async with console_as(services) as browser:
        page = await browser.get("/cases", params={"deadline": "nonsense", "within": "x"})
    assert _listed(page.text) == set(IDS)
    assert services.paths("reporting") == []


def test_the_filter_values_are_bounded() -> None:
    assert Deadline.of("due", "0").days == 1
    assert Deadline.of("due", "100000").days == 365
    assert Deadline.of("soon", "7") == Deadline("", 7)


async def test_the_reads_are_concurrent_and_bounded() -> None:
    in_flight = 0
    most = 0

    async def handle(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, most
        in_flight += 1
        most = max(most, in_flight)
        await asyncio.sleep(0.01)
        in_flight -= 1
        case_id = request.url.path.split("/")[3]
        return httpx.Response(200, json=procedural_state(case_id, []))

    app = build_app(SETTINGS, transports={"reporting": httpx.MockTransport(handle)})
    ids = [f"01a24d3f-4c44-780b-aa41-b5498d7d{n:04d}" for n in range(40)]
    states = await read_states(app.state.console, "token", ids, lang=ReportLanguage.EN)
    assert set(states) == set(ids) and all(s is not None for s in states.values())
    assert most == CONCURRENT_READS
