"""The Bureau report through the log: referrals records two cases, reporting drafts, submits,
and re-renders the submitted report byte for byte after more events arrive."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Callable
from typing import Any

import pytest

from noncoop_shared.testing import court_decision_body

pytestmark = pytest.mark.integration

Auth = Callable[..., dict[str, str]]
SESSION = {"session_id": "ASP-99", "starts_on": "2026-12-01", "ends_on": "2026-12-09"}


async def until(check: Callable[[], Any], what: str) -> None:
    for _ in range(150):
        if await check():
            return
        await asyncio.sleep(0.1)
    raise AssertionError(what)


async def test_a_submitted_report_is_frozen_byte_for_byte(system: Any, auth: Auth) -> None:
    cases = []
    for code in ("EXA", "OTH"):
        body = court_decision_body()
        body["requested_state"] = {"name": f"State {code}", "code": code, "status": "state_party"}
        opened = await system.referrals.post(
            "/v1/court-referrals", json=body, headers=auth("court", sub="icc-registry")
        )
        assert opened.status_code == 201, opened.text
        cases.append(opened.json()["case_id"])

    async def both_seen() -> bool:
        draft = await system.reporting.post(
            "/v1/reports", json=SESSION | {"recommendations": "r"}, headers=auth("secretariat")
        )
        assert draft.status_code == 201, draft.text
        return all(c in draft.json()["markdown"] for c in cases)

    await until(both_seen, "the cases never reached reporting")

    draft = await system.reporting.post(
        "/v1/reports",
        json=SESSION | {"recommendations": "The Assembly should <act>."},
        headers=auth("bureau_member"),
    )
    assert draft.status_code == 201, draft.text
    report_id = draft.json()["report_id"]
    assert draft.json()["status"] == "draft"
    assert "A. Person" not in draft.json()["markdown"]
    # a draft is for the Bureau and the Secretariat only
    hidden = await system.reporting.get(
        f"/v1/reports/{report_id}.md", headers=auth("state_party", state="FRA")
    )
    assert hidden.status_code == 404
    assert hidden.headers["content-type"].startswith("application/problem+json")

    submitted = await system.reporting.post(
        f"/v1/reports/{report_id}/submission", headers=auth("secretariat")
    )
    assert submitted.status_code == 200, submitted.text
    frozen = submitted.json()
    again = await system.reporting.post(
        f"/v1/reports/{report_id}/submission", headers=auth("secretariat")
    )
    assert again.status_code == 409
    assert again.headers["content-type"].startswith("application/problem+json")

    md = await system.reporting.get(f"/v1/reports/{report_id}.md", headers=auth("court"))
    html = await system.reporting.get(
        f"/v1/reports/{report_id}.html", headers=auth("state_party", state="FRA")
    )
    assert md.status_code == html.status_code == 200
    assert hashlib.sha256(md.content).hexdigest() == frozen["sha256_markdown"]
    assert hashlib.sha256(html.content).hexdigest() == frozen["sha256_html"]
    assert "&lt;act&gt;" in html.text and "<act>" not in html.text

    # more events arrive: a forwarding, and a third case
    forwarded = await system.referrals.post(
        f"/v1/cases/{cases[0]}/forwarding",
        json={"communication_reference": "SP/1"},
        headers=auth("secretariat"),
    )
    assert forwarded.status_code == 200, forwarded.text
    third = await system.referrals.post(
        "/v1/court-referrals", json=court_decision_body(), headers=auth("court", sub="icc")
    )
    third_id = third.json()["case_id"]

    async def third_seen() -> bool:
        d = await system.reporting.post("/v1/reports", json=SESSION, headers=auth("president"))
        return third_id in d.json()["markdown"]

    await until(third_seen, "the third case never reached reporting")

    md_later = await system.reporting.get(f"/v1/reports/{report_id}.md", headers=auth("court"))
    html_later = await system.reporting.get(f"/v1/reports/{report_id}.html", headers=auth("court"))
    assert md_later.content == md.content
    assert html_later.content == html.content
    assert hashlib.sha256(md_later.content).hexdigest() == frozen["sha256_markdown"]
    assert third_id not in md_later.text


async def test_problems(system: Any, auth: Auth) -> None:
    unknown = "0196a1b2-0000-7000-8000-000000000000"
    missing = await system.reporting.get(f"/v1/reports/{unknown}.md", headers=auth("court"))
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")
    no_calendar = await system.reporting.post(
        "/v1/reports", json={"recommendations": ""}, headers=auth("secretariat")
    )
    assert no_calendar.status_code == 422
    assert no_calendar.headers["content-type"].startswith("application/problem+json")
    not_a_writer = await system.reporting.post("/v1/reports", json=SESSION, headers=auth("court"))
    assert not_a_writer.status_code == 403
    submit_missing = await system.reporting.post(
        f"/v1/reports/{unknown}/submission", headers=auth("secretariat")
    )
    assert submit_missing.status_code == 404
    anonymous = await system.reporting.get(f"/v1/reports/{unknown}.md")
    assert anonymous.status_code == 401
