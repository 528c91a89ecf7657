"""The reports: draft, open, preview (sandboxed), submit, and the downloads (Markdown, HTML, and
a PDF that is the same bytes for the same report)."""

from __future__ import annotations

import asyncio
import json
import re
import threading
import time
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from console.pages.reports import PAGE_SIZE
from console.report_pdf import report_pdf
from console.state import PDF_BUILDS_AT_ONCE

from .fakes import FakeReports, FakeServices, console_as, csrf_of, problem, summary

REPORT = "0193c5a1-1111-7000-8000-000000000001"
MARKDOWN = """# Report of the Bureau on non-cooperation

Twenty-fifth session, The Hague, 1\u20136 December 2026

## I. Introduction

1. The Bureau reports on C\u00f4te d\u2019Ivoire \\*and\\* others.

*Notes* the report

---

sha256 of the record
"""


def _view(status: str = "draft") -> dict[str, Any]:
    return {
        "as_of": "2026-12-06T10:00:00Z",
        "report_id": REPORT,
        "session_ends_on": "2026-12-06",
        "session_id": "ASP-25",
        "session_starts_on": "2026-12-01",
        "sha256_html": None,
        "sha256_markdown": None,
        "status": status,
        "submitted_at": None,
    }


def _services(drafts: list[httpx.Request] | None = None) -> FakeServices:
    def draft(request: httpx.Request) -> tuple[int, Any]:
        if drafts is not None:
            drafts.append(request)
        return 201, _view()

    return FakeServices(
        {
            "reporting": {
                "GET /v1/reports": FakeReports().list,
                "POST /v1/reports": draft,
                f"GET /v1/reports/{REPORT}": (200, _view()),
                f"GET /v1/reports/{REPORT}.md": (200, MARKDOWN.encode()),
                f"GET /v1/reports/{REPORT}.html": (200, b"<!DOCTYPE html><h1>Report</h1>"),
            }
        }
    )


async def test_a_writer_drafts_a_report_and_lands_on_it() -> None:
    drafts: list[httpx.Request] = []
    async with console_as(_services(drafts), "bureau_member") as browser:
        index = await browser.get("/reports")
        assert 'action="/reports"' in index.text and 'method="post"' in index.text
        done = await browser.post(
            "/reports",
            data={"csrf_token": csrf_of(index.text), "recommendations": "Write to the State"},
        )
        assert done.status_code == 303 and done.headers["location"] == f"/reports/{REPORT}"
        page = await browser.get(done.headers["location"])
    assert json.loads(drafts[0].content) == {"recommendations": "Write to the State", "venue": ""}
    assert page.status_code == 200 and "ASP-25" in page.text
    for suffix in (".md", ".html", ".pdf", "/preview"):
        assert f"/reports/{REPORT}{suffix}" in page.text
    assert 'id="submit-report"' in page.text


async def test_a_reader_who_may_not_draft_gets_no_draft_form_or_submit_button() -> None:
    async with console_as(_services(), "court") as browser:
        index = await browser.get("/reports")
        page = await browser.get(f"/reports/{REPORT}")
    assert 'method="post" action="/reports"' not in index.text
    assert 'id="submit-report"' not in page.text


async def test_opening_a_report_by_id() -> None:
    async with console_as(_services()) as browser:
        opened = await browser.get("/reports", params={"report_id": f" {REPORT} "})
        bad = await browser.get("/reports", params={"report_id": "../x"})
        missing = await browser.get("/reports/not-a-uuid")
    assert opened.status_code == 303 and opened.headers["location"] == f"/reports/{REPORT}"
    assert bad.status_code == 404 and 'value="../x"' in bad.text
    assert missing.status_code == 404


async def test_a_draft_refused_is_said_on_the_page() -> None:
    services = _services()
    refusal = problem(
        422, "Unprocessable request", "no next or on-going session is on the calendar"
    )
    refusal["errors"] = [{"field": "body", "message": refusal["detail"], "type": "validation"}]
    services.routes["reporting"]["POST /v1/reports"] = (422, refusal)
    async with console_as(services, "president", region="african") as browser:
        index = await browser.get("/reports")
        page = await browser.post(
            "/reports", data={"csrf_token": csrf_of(index.text), "recommendations": "R"}
        )
    assert page.status_code == 422
    assert "no next or on-going session is on the calendar" in page.text
    assert ">R</textarea>" in page.text


async def test_the_preview_is_sandboxed_and_framed_by_the_console_only() -> None:
    async with console_as(_services()) as browser:
        preview = await browser.get(f"/reports/{REPORT}/preview")
        page = await browser.get(f"/reports/{REPORT}")
    policy = preview.headers["content-security-policy"]
    assert policy.startswith("sandbox;") and "frame-ancestors 'self'" in policy
    assert preview.text.startswith("<!DOCTYPE html>")
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]


async def test_the_downloads() -> None:
    async with console_as(_services()) as browser:
        md = await browser.get(f"/reports/{REPORT}.md")
        html = await browser.get(f"/reports/{REPORT}.html")
        first = await browser.get(f"/reports/{REPORT}.pdf")
        second = await browser.get(f"/reports/{REPORT}.pdf")
    assert md.content == MARKDOWN.encode()
    assert md.headers["content-disposition"] == f'attachment; filename="report-{REPORT}.md"'
    assert html.headers["content-type"].startswith("text/html")
    assert first.headers["content-type"] == "application/pdf"
    assert first.content.startswith(b"%PDF-")
    assert first.content == second.content


def _languages_asked(services: FakeServices) -> dict[str, list[str | None]]:
    asked: dict[str, list[str | None]] = {}
    for service, request in services.requests:
        if service == "reporting" and request.url.path.endswith((".md", ".html")):
            asked.setdefault(request.url.path.rsplit(".", 1)[1], []).append(
                request.url.params.get("lang")
            )
    return asked


async def test_a_french_page_asks_reporting_for_the_french_report() -> None:
    french = MARKDOWN.replace("Report of the Bureau", "Rapport du Bureau").encode()
    services = _services()

    def markdown(request: httpx.Request) -> tuple[int, Any]:
        return 200, french if request.url.params.get("lang") == "fr" else MARKDOWN.encode()

    services.routes["reporting"][f"GET /v1/reports/{REPORT}.md"] = markdown
    async with console_as(services) as browser:
        browser.cookies.set("lang", "fr")
        md = await browser.get(f"/reports/{REPORT}.md")
        await browser.get(f"/reports/{REPORT}.html")
        pdf = await browser.get(f"/reports/{REPORT}.pdf")
        await browser.get(f"/reports/{REPORT}/preview")
    assert _languages_asked(services) == {"md": ["fr", "fr"], "html": ["fr", "fr"]}
    assert md.content == french
    assert md.headers["content-disposition"] == f'attachment; filename="report-{REPORT}.fr.md"'
    assert pdf.headers["content-disposition"] == f'attachment; filename="report-{REPORT}.fr.pdf"'
    assert pdf.content.startswith(b"%PDF-")


async def test_an_english_page_asks_for_the_english_report() -> None:
    services = _services()
    async with console_as(services) as browser:
        browser.cookies.set("lang", "en")
        await browser.get(f"/reports/{REPORT}.md")
        await browser.get(f"/reports/{REPORT}.pdf")
        await browser.get(f"/reports/{REPORT}/preview")
    assert _languages_asked(services) == {"md": ["en", "en"], "html": ["en"]}


def test_the_same_report_gives_the_same_pdf_bytes() -> None:
    at = datetime(2026, 12, 6, 10, tzinfo=UTC)
    once = report_pdf(MARKDOWN, title="Report", created=at)
    again = report_pdf(MARKDOWN, title="Report", created=at)
    assert once == again and once.startswith(b"%PDF-") and b"%%EOF" in once[-8:]
    # The date is in the file: another date is other bytes (it is not the clock that fixes it).
    assert report_pdf(MARKDOWN, title="Report", created=datetime(2027, 1, 1, tzinfo=UTC)) != once
    # A character the core font lacks prints as "?" rather than failing.
    assert report_pdf("1. \u0395\u03bb\u03bb\u03ac\u03c2", title="R", created=at).startswith(
        b"%PDF-"
    )


async def test_a_submission_refused_is_said_on_the_report_page() -> None:
    services = _services()
    services.routes["reporting"][f"POST /v1/reports/{REPORT}/submission"] = (
        409,
        problem(409, "Conflict", "the report was submitted already"),
    )
    async with console_as(services) as browser:
        page = await browser.get(f"/reports/{REPORT}")
        refused = await browser.post(
            f"/reports/{REPORT}/submission", data={"csrf_token": csrf_of(page.text)}
        )
    assert refused.status_code == 409 and "the report was submitted already" in refused.text


async def test_a_submission_goes_to_reporting() -> None:
    services = _services()
    sent: list[httpx.Request] = []

    def submit(request: httpx.Request) -> tuple[int, Any]:
        sent.append(request)
        return 200, _view("submitted")

    services.routes["reporting"][f"POST /v1/reports/{REPORT}/submission"] = submit
    async with console_as(services) as browser:
        page = await browser.get(f"/reports/{REPORT}")
        done = await browser.post(
            f"/reports/{REPORT}/submission", data={"csrf_token": csrf_of(page.text)}
        )
    assert done.status_code == 303 and done.headers["location"] == f"/reports/{REPORT}?submitted=1"
    assert [r.url.path for r in sent] == [f"/v1/reports/{REPORT}/submission"]
    assert json.loads(sent[0].content) == {}


def _listed(count: int) -> FakeReports:
    """``count`` reports, newest first: every third a draft, the others submitted."""
    return FakeReports(
        [
            summary(
                f"0193c5a1-3333-7000-8000-{n:012d}",
                f"ASP-{n}",
                "draft" if n % 3 == 0 else "submitted",
            )
            for n in range(count, 0, -1)
        ]
    )


def _rows(html: str) -> list[str]:
    """The report ids the list links to, in its order."""
    return re.findall(r'<th scope="row"><a href="/reports/([0-9a-f-]+)">', html)


async def test_the_list_shows_each_report_with_its_link_and_dates() -> None:
    reports = FakeReports([summary(REPORT, "ASP-25", "submitted")])
    services = FakeServices({"reporting": reports.routes()})
    async with console_as(services) as browser:
        english = await browser.get("/reports")
        browser.cookies.set("lang", "fr")
        french = await browser.get("/reports")
    assert english.status_code == 200 and _rows(english.text) == [REPORT]
    assert f'<a href="/reports/{REPORT}">ASP-25</a>' in english.text
    assert "Dec 4, 2026, 8:15:00\u202fAM UTC" in english.text  # drafted
    assert "Dec 5, 2026, 9:30:00\u202fAM UTC" in english.text  # submitted
    assert "4 déc. 2026, 08:15:00 UTC" in french.text and "5 déc. 2026, 09:30:00 UTC" in french.text
    assert "<td>soumis</td>" in french.text
    # "Open a report" is still there.
    assert 'id="report_id"' in english.text


@pytest.mark.parametrize(
    ("role", "claims", "drafts"),
    [
        ("secretariat", {}, True),
        ("bureau_member", {}, True),
        ("president", {"region": "african"}, True),
        ("court", {}, False),
        ("state_party", {"state": "EXA"}, False),
        ("focal_point", {"region": "african"}, False),
    ],
)
async def test_a_role_that_may_not_read_drafts_sees_fewer_rows(
    role: str, claims: dict[str, str], drafts: bool
) -> None:
    reports = _listed(6)
    services = FakeServices({"reporting": reports.routes()})
    async with console_as(services, role, **claims) as browser:
        page = await browser.get("/reports")
    assert page.status_code == 200
    shown = _rows(page.text)
    expected = [r["report_id"] for r in reports.reports if drafts or r["status"] == "submitted"]
    assert shown == expected and len(shown) == (6 if drafts else 4)


async def test_the_filters_are_sent_to_reporting() -> None:
    reports = _listed(9)
    services = FakeServices({"reporting": reports.routes()})
    async with console_as(services) as browser:
        drafts = await browser.get("/reports", params={"status": "draft"})
        one = await browser.get("/reports", params={"session_id": "ASP-4", "status": "nonsense"})
    assert len(_rows(drafts.text)) == 3 and 'value="draft" selected' in drafts.text
    assert [r for r in _rows(one.text)] == ["0193c5a1-3333-7000-8000-000000000004"]
    sent = [r.url.params for s, r in services.requests if r.url.path == "/v1/reports"]
    assert sent[0].get("status") == "draft" and "session_id" not in sent[0]
    assert sent[1].get("session_id") == "ASP-4" and "status" not in sent[1]


async def test_a_session_id_that_is_not_one_is_said_and_not_sent() -> None:
    services = FakeServices({"reporting": _listed(2).routes()})
    async with console_as(services) as browser:
        page = await browser.get("/reports", params={"session_id": "../../x?y"})
    assert page.status_code == 422
    assert 'id="filter-session-error">Not a session id.' in page.text
    sent = [r.url.params for s, r in services.requests if r.url.path == "/v1/reports"]
    assert sent and all("session_id" not in params for params in sent)


async def test_the_list_pages_with_reportings_cursor() -> None:
    reports = _listed(60)
    services = FakeServices({"reporting": reports.routes()})
    submitted = [r["report_id"] for r in reports.reports if r["status"] == "submitted"]
    assert len(submitted) == 40 > PAGE_SIZE
    async with console_as(services, "court") as browser:
        first = await browser.get("/reports", params={"status": "submitted"})
        link = re.search(r'id="next-page" href="([^"]+)"', first.text)
        assert link is not None
        following = link.group(1).replace("&amp;", "&")
        second = await browser.get(following)
        broken = await browser.get("/reports", params={"cursor": "not-a-cursor"})
    assert _rows(first.text) == submitted[:PAGE_SIZE] and 'id="first-page"' not in first.text
    assert following == f"/reports?status=submitted&cursor={submitted[PAGE_SIZE - 1]}"
    assert _rows(second.text) == submitted[PAGE_SIZE:] and 'id="next-page"' not in second.text
    assert 'id="first-page" href="/reports?status=submitted"' in second.text
    # A cursor that is not one is the first page.
    assert _rows(broken.text) == submitted[:PAGE_SIZE]


def _key_of(html: str, action: str) -> str:
    """The Idempotency-Key of the form that posts to ``action``."""
    form = html.split(f'method="post" action="{action}"', 1)[1].split("</form>", 1)[0]
    found = re.search(r'name="idempotency_key" value="([^"]+)"', form)
    assert found, f"no Idempotency-Key in the form to {action}"
    return found.group(1)


def _sent_keys(services: FakeServices, path: str) -> list[str | None]:
    return [
        r.headers.get("idempotency-key")
        for _, r in services.requests
        if r.method == "POST" and r.url.path == path
    ]


async def test_each_render_of_the_draft_form_has_a_fresh_key_and_it_is_sent() -> None:
    reports = FakeReports()
    services = FakeServices({"reporting": reports.routes()})
    async with console_as(services, "secretariat") as browser:
        index = await browser.get("/reports")
        again = await browser.get("/reports")
        key = _key_of(index.text, "/reports")
        assert key != _key_of(again.text, "/reports")
        done = await browser.post(
            "/reports",
            data={"csrf_token": csrf_of(index.text), "idempotency_key": key, "recommendations": ""},
        )
    assert done.status_code == 303
    assert _sent_keys(services, "/v1/reports") == [key]


async def test_the_same_draft_form_sent_twice_makes_one_draft() -> None:
    reports = FakeReports()
    services = FakeServices({"reporting": reports.routes()})
    async with console_as(services, "bureau_member") as browser:
        index = await browser.get("/reports")
        form = {
            "csrf_token": csrf_of(index.text),
            "idempotency_key": _key_of(index.text, "/reports"),
            "recommendations": "Write to the State",
        }
        first = await browser.post("/reports", data=form)
        second = await browser.post("/reports", data=form)
        listed = await browser.get("/reports")
    assert first.status_code == second.status_code == 303
    assert first.headers["location"] == second.headers["location"]
    assert reports.drafted == 1 and len(_rows(listed.text)) == 1
    # The form rendered again (a new draft) is another key: a second draft.
    async with console_as(services, "bureau_member") as browser:
        index = await browser.get("/reports")
        await browser.post(
            "/reports",
            data={
                "csrf_token": csrf_of(index.text),
                "idempotency_key": _key_of(index.text, "/reports"),
                "recommendations": "Write to the State",
            },
        )
    assert reports.drafted == 2


async def test_the_same_submission_sent_twice_is_recorded_once_and_not_refused() -> None:
    reports = FakeReports([summary(REPORT, "ASP-25", "draft")])
    services = FakeServices({"reporting": {**reports.routes(), **_services().routes["reporting"]}})
    services.routes["reporting"][f"POST /v1/reports/{REPORT}/submission"] = reports.submit
    action = f"/reports/{REPORT}/submission"
    async with console_as(services, "secretariat") as browser:
        page = await browser.get(f"/reports/{REPORT}")
        form = {"csrf_token": csrf_of(page.text), "idempotency_key": _key_of(page.text, action)}
        first = await browser.post(action, data=form)
        second = await browser.post(action, data=form)
        # Without the key (another render's, or none) the second is the 409 it is.
        other = await browser.post(action, data={"csrf_token": csrf_of(page.text)})
    assert first.status_code == second.status_code == 303
    assert second.headers["location"] == f"/reports/{REPORT}?submitted=1"
    assert reports.submitted == 1
    assert other.status_code == 409
    sent = _sent_keys(services, f"/v1/reports/{REPORT}/submission")
    assert sent[0] == sent[1] == form["idempotency_key"] and sent[2] not in (None, sent[0])


UUID4 = r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"


@pytest.mark.parametrize(
    "tampered", ["x", "A" * 200, "01a24d3f-4c44-780b-aa41-b5498d7d8ef7", "k\u00e9y", " "]
)
@pytest.mark.parametrize("action", ["/reports", f"/reports/{REPORT}/submission"])
async def test_a_key_the_console_did_not_make_is_refused_and_nothing_is_sent(
    tampered: str, action: str
) -> None:
    reports = FakeReports([summary(REPORT, "ASP-25", "draft")])
    services = FakeServices({"reporting": {**reports.routes(), **_services().routes["reporting"]}})
    async with console_as(services) as browser:
        page = await browser.get(f"/reports/{REPORT}")
        refused = await browser.post(
            action, data={"csrf_token": csrf_of(page.text), "idempotency_key": tampered}
        )
    assert refused.status_code == 400
    assert "Idempotency-Key was not made by this console" in refused.text
    assert [c for c in services.calls if c[1] == "POST"] == []


async def test_a_refused_key_is_said_in_french_on_a_french_page() -> None:
    services = FakeServices({"reporting": FakeReports().routes()})
    async with console_as(services) as browser:
        browser.cookies.set("lang", "fr")
        index = await browser.get("/reports")
        refused = await browser.post(
            "/reports", data={"csrf_token": csrf_of(index.text), "idempotency_key": "x"}
        )
    assert refused.status_code == 400
    assert "Formulaire refusé" in refused.text
    assert "pas été créée par cette console" in refused.text


@pytest.mark.parametrize("form", [{}, {"idempotency_key": ""}], ids=["no field", "empty"])
async def test_a_form_without_a_key_is_sent_with_a_fresh_one(form: dict[str, str]) -> None:
    reports = FakeReports()
    services = FakeServices({"reporting": reports.routes()})
    async with console_as(services) as browser:
        index = await browser.get("/reports")
        done = await browser.post("/reports", data={"csrf_token": csrf_of(index.text), **form})
    assert done.status_code == 303
    (sent,) = _sent_keys(services, "/v1/reports")
    assert sent is not None and re.fullmatch(UUID4, sent)


async def test_a_pdf_is_drawn_in_a_worker_thread_a_few_at_a_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Drawn on the event loop, a few long reports at once held every other person's page for
    # seconds; in worker threads, at most ``PDF_BUILDS_AT_ONCE`` draw at a time.
    from console.pages import reports

    loop_thread = threading.get_ident()
    drawing, most = 0, 0
    drawn_in: list[int] = []
    lock = threading.Lock()

    def spy(*args: Any, **kwargs: Any) -> bytes:
        nonlocal drawing, most
        with lock:
            drawing += 1
            most = max(most, drawing)
        drawn_in.append(threading.get_ident())
        time.sleep(0.05)  # long enough for the other requests to arrive meanwhile
        try:
            return report_pdf(*args, **kwargs)
        finally:
            with lock:
                drawing -= 1

    monkeypatch.setattr(reports, "report_pdf", spy)
    async with console_as(_services()) as browser:
        answers = await asyncio.gather(*(browser.get(f"/reports/{REPORT}.pdf") for _ in range(6)))
    assert [a.status_code for a in answers] == [200] * 6
    assert all(a.content.startswith(b"%PDF-") for a in answers)
    assert loop_thread not in drawn_in
    assert most == PDF_BUILDS_AT_ONCE == 2
