"""The Bureau report through the log: referrals records two cases, reporting drafts, submits,
and re-renders the submitted report byte for byte after more events arrive."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Callable
from html import unescape
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
    assert md.headers["content-language"] == "en"
    assert md.headers["etag"] == f'"{frozen["sha256_markdown"]}"'

    # in French: a translation of the same report, its footer naming the English as sealed
    md_fr = await system.reporting.get(
        f"/v1/reports/{report_id}.md", params={"lang": "fr"}, headers=auth("court")
    )
    html_fr = await system.reporting.get(
        f"/v1/reports/{report_id}.html", params={"lang": "fr"}, headers=auth("court")
    )
    assert md_fr.status_code == html_fr.status_code == 200, md_fr.text
    assert md_fr.headers["content-language"] == html_fr.headers["content-language"] == "fr"
    assert md_fr.text.startswith("# Rapport du Bureau sur la non-coopération")
    assert '<html lang="fr">' in html_fr.text
    checkpoint = frozen["checkpoint"]
    for text in (md_fr.text, unescape(html_fr.text)):
        assert "le texte faisant foi est l'anglais, scellé par le point de contrôle" in text
        assert f"{checkpoint['checkpoint_id']}, racine de Merkle {checkpoint['merkle_root']}" in (
            text
        )
        assert all(c in text for c in cases)
    assert md_fr.headers["etag"] == f'"{hashlib.sha256(md_fr.content).hexdigest()}"'
    assert md_fr.headers["etag"] != md.headers["etag"]
    # the sealed hashes stay those of the English
    status = await system.reporting.get(f"/v1/reports/{report_id}", headers=auth("court"))
    assert status.json()["sha256_markdown"] == frozen["sha256_markdown"]

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
    md_fr_later = await system.reporting.get(
        f"/v1/reports/{report_id}.md", params={"lang": "fr"}, headers=auth("court")
    )
    assert md_fr_later.content == md_fr.content


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
    for document in ("md", "html"):
        german = await system.reporting.get(
            f"/v1/reports/{unknown}.{document}", params={"lang": "de"}, headers=auth("court")
        )
        assert german.status_code == 422, german.text
        assert german.headers["content-type"].startswith("application/problem+json")
        assert [e["field"].split(".")[-1] for e in german.json()["errors"]] == ["lang"]


async def test_a_draft_reads_on_a_business_date_and_as_of_a_record_time(
    system: Any, auth: Auth
) -> None:
    body = court_decision_body(reference="ICC-ON-1", date="2026-03-30")
    body["requested_state"] = {"name": "State ONE", "code": "ONE", "status": "state_party"}
    opened = await system.referrals.post(
        "/v1/court-referrals", json=body, headers=auth("court", sub="icc-registry")
    )
    assert opened.status_code == 201, opened.text
    case_id = opened.json()["case_id"]
    session = {"session_id": "ASP-97", "starts_on": "2026-12-01", "ends_on": "2026-12-09"}

    async def seen() -> bool:
        draft = await system.reporting.post("/v1/reports", json=session, headers=auth("president"))
        return case_id in draft.json()["markdown"]

    await until(seen, "the case never reached reporting")
    draft = await system.reporting.post("/v1/reports", json=session, headers=auth("secretariat"))
    report_id = draft.json()["report_id"]
    assert draft.json()["cutoff"] == "2026-12-01"  # the opening day: earlier than today
    path = f"/v1/reports/{report_id}.md"
    # P15, business time: the day before the decision it is not there, on its day it is
    before = await system.reporting.get(
        path, params={"on": "2026-03-29"}, headers=auth("bureau_member")
    )
    on_the_day = await system.reporting.get(
        path, params={"on": "2026-03-30"}, headers=auth("bureau_member")
    )
    assert before.status_code == on_the_day.status_code == 200, before.text
    assert "Cut-off: 29 March 2026" in before.text and case_id not in before.text
    assert "Cut-off: 30 March 2026" in on_the_day.text and case_id in on_the_day.text
    assert "State ONE" in on_the_day.text
    # record time: as of before the case was recorded, the draft does not know it
    early = await system.reporting.get(
        path, params={"as_of": "2026-01-01T00:00:00Z"}, headers=auth("bureau_member")
    )
    assert early.status_code == 200 and case_id not in early.text
    bad = await system.reporting.get(
        path, params={"on": "30/03/2026"}, headers=auth("bureau_member")
    )
    assert bad.status_code == 422
    # a submitted report is frozen: on and as_of change nothing
    submitted = await system.reporting.post(
        f"/v1/reports/{report_id}/submission", headers=auth("secretariat")
    )
    assert submitted.status_code == 200, submitted.text
    frozen = await system.reporting.get(path, headers=auth("court"))
    asked_earlier = await system.reporting.get(
        path, params={"on": "2026-03-29"}, headers=auth("court")
    )
    assert asked_earlier.content == frozen.content
    assert hashlib.sha256(frozen.content).hexdigest() == submitted.json()["sha256_markdown"]


async def test_a_finding_on_a_state_bound_by_the_security_council_fills_its_section(
    system: Any, auth: Auth
) -> None:
    body = court_decision_body(
        reference="ICC-S8-1",
        date="2026-03-30",
        referred_to_assembly=False,
        referred_to_security_council=True,
    )
    body["requested_state"] = {
        "name": "State of Kordania",
        "code": "KOR",
        "status": "non_party_security_council",
    }
    recorded = await system.referrals.post(
        "/v1/court-findings", json=body, headers=auth("court", sub="icc-registry")
    )
    assert recorded.status_code == 201, recorded.text
    case_id = recorded.json()["case_id"]
    session = {"session_id": "ASP-96", "starts_on": "2026-12-01", "ends_on": "2026-12-09"}

    async def seen() -> bool:
        draft = await system.reporting.post("/v1/reports", json=session, headers=auth("president"))
        return case_id in draft.json()["markdown"]

    await until(seen, "the finding never reached reporting")
    draft = await system.reporting.post("/v1/reports", json=session, headers=auth("secretariat"))
    markdown = draft.json()["markdown"]
    section = markdown.split("## III.")[1].split("## IV.")[0]
    assert case_id in section and "State of Kordania (KOR)" in section
    assert "bound by a decision of the Security Council" in section and "(S8)." in section
    assert "A. Person" not in markdown


async def test_a_report_submitted_in_the_past_speaks_up_to_its_submission_day(
    system: Any, auth: Auth
) -> None:
    body = court_decision_body(reference="ICC-PAST-1", date="2026-03-30")
    body["requested_state"] = {"name": "State PAST", "code": "PST", "status": "state_party"}
    opened = await system.referrals.post(
        "/v1/court-referrals", json=body, headers=auth("court", sub="icc-registry")
    )
    assert opened.status_code == 201, opened.text
    case_id = opened.json()["case_id"]
    session = {"session_id": "ASP-95", "starts_on": "2026-12-01", "ends_on": "2026-12-09"}

    async def seen() -> bool:
        draft = await system.reporting.post("/v1/reports", json=session, headers=auth("president"))
        return case_id in draft.json()["markdown"]

    await until(seen, "the case never reached reporting")
    draft = await system.reporting.post("/v1/reports", json=session, headers=auth("secretariat"))
    report_id = draft.json()["report_id"]
    path = f"/v1/reports/{report_id}/submission"
    future = await system.reporting.post(
        path, json={"occurred_at": "2099-01-01T00:00:00Z"}, headers=auth("secretariat")
    )
    assert future.status_code == 422, future.text
    submitted = await system.reporting.post(
        path, json={"occurred_at": "2026-03-29T15:00:00Z"}, headers=auth("secretariat")
    )
    assert submitted.status_code == 200, submitted.text
    view = submitted.json()
    assert view["submitted_occurred_at"] == "2026-03-29T15:00:00Z"
    assert view["cutoff"] == "2026-03-29"
    # submitted the day before the Court's decision: the case is not in it, ever after
    assert case_id not in view["markdown"]
    md = await system.reporting.get(f"/v1/reports/{report_id}.md", headers=auth("court"))
    assert md.text == view["markdown"] and "Cut-off: 29 March 2026" in md.text


async def test_a_decision_informing_the_assembly_fills_its_section_without_its_subject(
    system: Any, auth: Auth
) -> None:
    informed = await system.referrals.post(
        "/v1/court-information",
        json={
            "reference": "ICC-INFO-9",
            "date": "2026-04-02",
            "chamber": "Pre-Trial Chamber II",
            "addressees": ["assembly", "security_council"],
            "subject": "A visit of a person subject to a warrant to the State.",
            "state_concerned": {"name": "State INF", "code": "INF", "status": "state_party"},
        },
        headers=auth("court", sub="icc-registry"),
    )
    assert informed.status_code == 201, informed.text
    case_id = informed.json()["case_id"]
    session = {"session_id": "ASP-94", "starts_on": "2026-12-01", "ends_on": "2026-12-09"}

    async def seen() -> bool:
        draft = await system.reporting.post("/v1/reports", json=session, headers=auth("president"))
        return case_id in draft.json()["markdown"]

    await until(seen, "the decision never reached reporting")
    draft = await system.reporting.post("/v1/reports", json=session, headers=auth("secretariat"))
    section = draft.json()["markdown"].split("## IV.")[1].split("## V.")[0]
    assert "State INF (INF)" in section and "(S-info)." in section
    assert "informed the Assembly and the Security Council, by decision ICC-INFO-9" in section
    assert "visit" not in draft.json()["markdown"]
