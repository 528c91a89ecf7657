"""The Bureau's reports (reporting): list them, draft one, open one, preview it, submit it,
download it as Markdown, HTML or PDF.

The list is reporting's (``GET /v1/reports``, newest first, a page at a time): it decides who
sees drafts, and a reader who may not sees the submitted reports only. A draft is drawn anew at
every read (as of now); a submitted report is frozen, so its downloads are the same every time.
"""

from __future__ import annotations

import functools
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, time
from urllib.parse import urlencode

import anyio
from fastapi import APIRouter, HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from console.actions import action, may
from console.backends import Problem, ServiceError, answer
from console.csrf import check_csrf
from console.i18n import service_language
from console.idempotency import key_of, new_key
from console.pages.common import CurrentConsole, Person
from console.report_pdf import report_pdf
from console.state import Console
from noncoop_client.reporting.api.bureau_reports import (
    draft_report,
    list_reports,
    read_report,
    read_report_html,
    read_report_markdown,
    submit_report,
)
from noncoop_client.reporting.models.command_body import CommandBody
from noncoop_client.reporting.models.draft_request import DraftRequest
from noncoop_client.reporting.models.report_language import ReportLanguage
from noncoop_client.reporting.models.report_list import ReportList
from noncoop_client.reporting.models.report_status import ReportStatus
from noncoop_client.reporting.models.report_view import ReportView
from noncoop_client.reporting.types import UNSET

router = APIRouter()

#: The preview is reporting's HTML, shown in a frame of the report's page: sandboxed (no script,
#: no form, its own origin), loading nothing, framed by this console only.
PREVIEW_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'"


def _report_id(report_id: str) -> uuid.UUID:
    try:
        return uuid.UUID(report_id)
    except ValueError:
        raise HTTPException(404) from None


#: Reports a page of the list shows; the next page is a link (reporting's cursor).
PAGE_SIZE = 25
#: The session ids reporting takes as a filter (its ``session_id`` query's pattern).
_SESSION_ID = re.compile(r"^[A-Za-z0-9._-]{1,40}$")
STATUSES = tuple(status.value for status in ReportStatus)


@dataclass(frozen=True)
class ListFilters:
    """The list's filters and page, as the query gave them; what is not valid is left out."""

    session_id: str = ""
    status: str = ""
    cursor: uuid.UUID | None = None
    session_error: bool = False
    """the session id given is not one (said next to the field; the list is not filtered by it)"""

    @classmethod
    def of(cls, session_id: str, status: str, cursor: str) -> ListFilters:
        session_id = session_id.strip()
        valid_session = not session_id or bool(_SESSION_ID.match(session_id))
        try:
            page = uuid.UUID(cursor) if cursor else None
        except ValueError:
            page = None  # not a cursor reporting gave: the first page
        return cls(
            session_id=session_id,
            status=status if status in STATUSES else "",
            cursor=page,
            session_error=not valid_session,
        )

    def query(self, cursor: uuid.UUID | None = None) -> str:
        """The list's address with these filters, at ``cursor`` (the first page: none)."""
        params = {"session_id": self.session_id, "status": self.status, "cursor": cursor or ""}
        kept = {name: str(value) for name, value in params.items() if value}
        return "/reports" + (f"?{urlencode(kept)}" if kept else "")


async def _list(console: Console, token: str, filters: ListFilters) -> ReportList:
    async with console.backends.reporting(token) as client:
        pending = list_reports.asyncio_detailed(
            client=client,
            session_id=filters.session_id
            if filters.session_id and not filters.session_error
            else UNSET,
            status=ReportStatus(filters.status) if filters.status else UNSET,
            cursor=filters.cursor if filters.cursor is not None else UNSET,
            limit=PAGE_SIZE,
        )
        response = await answer("reporting", pending)
    assert isinstance(response.parsed, ReportList)
    return response.parsed


async def _index(
    request: Request,
    console: Console,
    person: Person,
    *,
    status: int = 200,
    problem: Problem | None = None,
    form: dict[str, str] | None = None,
    filters: ListFilters | None = None,
) -> Response:
    filters = filters or ListFilters()
    listed = await _list(console, person.token, filters)
    return console.pages.render(
        request,
        "reports.html",
        422 if filters.session_error and status == 200 else status,
        may_draft=may(person.principal, action("reports/draft")),
        problem=problem,
        form=form or {},
        idempotency_key=new_key(),
        filters=filters,
        statuses=STATUSES,
        reports=listed.items,
        next_page=filters.query(listed.next_cursor) if listed.next_cursor else None,
        first_page=filters.query() if filters.cursor is not None else None,
    )


@router.get("/reports")
async def reports_page(
    request: Request,
    console: CurrentConsole,
    person: Person,
    report_id: str = "",
    session_id: str = "",
    status: str = "",
    cursor: str = "",
) -> Response:
    filters = ListFilters.of(session_id, status, cursor)
    if report_id.strip():
        # "Open a report": its page, or this one again for an id that is not one.
        try:
            return RedirectResponse(f"/reports/{uuid.UUID(report_id.strip())}", status_code=303)
        except ValueError:
            form = {"report_id": report_id}
            return await _index(request, console, person, status=404, form=form, filters=filters)
    return await _index(request, console, person, filters=filters)


@router.post("/reports")
async def draft(request: Request, console: CurrentConsole, person: Person) -> Response:
    form = await request.form()
    check_csrf(request, form)
    key = key_of(form)
    session_id = str(form.get("session_id", "")).strip()
    recommendations = str(form.get("recommendations", "")).strip()
    body = DraftRequest(session_id=session_id or UNSET, recommendations=recommendations)
    async with console.backends.reporting(person.token) as client:
        try:
            pending = draft_report.asyncio_detailed(client=client, body=body, idempotency_key=key)
            response = await answer("reporting", pending, 201)
        except ServiceError as error:
            if error.problem.status == 401:
                raise
            sent = {"session_id": session_id, "recommendations": recommendations}
            return await _index(
                request,
                console,
                person,
                status=error.problem.status,
                problem=error.problem,
                form=sent,
            )
    report = response.parsed
    assert isinstance(report, ReportView)
    return RedirectResponse(f"/reports/{report.report_id}", status_code=303)


async def _read(console: Console, token: str, report_id: uuid.UUID) -> ReportView:
    async with console.backends.reporting(token) as client:
        response = await answer("reporting", read_report.asyncio_detailed(report_id, client=client))
    assert isinstance(response.parsed, ReportView)
    return response.parsed


def _report_page(
    request: Request,
    console: Console,
    person: Person,
    report: ReportView,
    *,
    status: int = 200,
    problem: Problem | None = None,
    submitted: bool = False,
) -> Response:
    return console.pages.render(
        request,
        "report.html",
        status,
        report=report,
        may_submit=report.status == "draft" and may(person.principal, action("reports/submit")),
        problem=problem,
        submitted=submitted,
        idempotency_key=new_key(),
    )


def _name(report_id: uuid.UUID, lang: ReportLanguage, suffix: str) -> str:
    """``report-<id>.md``; a translation ``report-<id>.fr.md``, so both can be kept."""
    return f"report-{report_id}{'' if lang is ReportLanguage.EN else '.' + lang.value}.{suffix}"


async def _document(
    console: Console, token: str, report_id: uuid.UUID, kind: str, lang: ReportLanguage
) -> bytes:
    read = read_report_markdown if kind == "md" else read_report_html
    async with console.backends.reporting(token) as client:
        pending = read.asyncio_detailed(report_id, client=client, lang=lang)
        response = await answer("reporting", pending)
    content: bytes = response.content
    return content


def _download(content: bytes, media_type: str, name: str) -> Response:
    return Response(
        content,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


#: Reporting's two renderings of a report, as the console hands them on.
MEDIA_TYPES = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8"}


async def _rendering(
    request: Request, console: Console, person: Person, report_id: str, kind: str
) -> tuple[bytes, str]:
    """Reporting's Markdown or HTML (``kind``) of the report in the page's language, and the
    file name it downloads as."""
    rid, lang = _report_id(report_id), service_language(request)
    return await _document(console, person.token, rid, kind, lang), _name(rid, lang, kind)


async def _rendering_download(
    request: Request, console: Console, person: Person, report_id: str, kind: str
) -> Response:
    content, name = await _rendering(request, console, person, report_id, kind)
    return _download(content, MEDIA_TYPES[kind], name)


@router.get("/reports/{report_id}.md")
async def markdown(
    request: Request, console: CurrentConsole, person: Person, report_id: str
) -> Response:
    return await _rendering_download(request, console, person, report_id, "md")


@router.get("/reports/{report_id}.html")
async def html(
    request: Request, console: CurrentConsole, person: Person, report_id: str
) -> Response:
    return await _rendering_download(request, console, person, report_id, "html")


#: The PDF's title, in the report's language (the Markdown's own ``#`` heading is too).
PDF_TITLES = {
    ReportLanguage.EN: "Report of the Bureau on non-cooperation: {session}",
    ReportLanguage.FR: "Rapport du Bureau sur la non-coopération : {session}",
}


@router.get("/reports/{report_id}.pdf")
async def pdf(
    request: Request, console: CurrentConsole, person: Person, report_id: str
) -> Response:
    rid, lang = _report_id(report_id), service_language(request)
    report = await _read(console, person.token, rid)
    content = await _document(console, person.token, rid, "md", lang)
    # The report's own date, never the clock: the same report gives the same bytes.
    created = (
        report.submitted_at
        or report.as_of
        or datetime.combine(report.session_starts_on, time(0), tzinfo=UTC)
    )
    # Drawn in a worker thread (a long report takes a good part of a second of pure Python;
    # on the event loop, a few at once stopped every other person's page for seconds), a few
    # at a time (``Console.pdf_builds``).
    document = await anyio.to_thread.run_sync(
        functools.partial(
            report_pdf,
            content.decode("utf-8"),
            title=PDF_TITLES[lang].format(session=report.session_id),
            created=created,
        ),
        limiter=console.pdf_builds,
    )
    return _download(document, "application/pdf", _name(rid, lang, "pdf"))


@router.get("/reports/{report_id}/preview")
async def preview(
    request: Request, console: CurrentConsole, person: Person, report_id: str
) -> Response:
    content, _ = await _rendering(request, console, person, report_id, "html")
    return Response(
        content,
        media_type=MEDIA_TYPES["html"],
        headers={"Content-Security-Policy": PREVIEW_CSP},
    )


@router.get("/reports/{report_id}")
async def report_page(
    request: Request, console: CurrentConsole, person: Person, report_id: str, submitted: int = 0
) -> Response:
    report = await _read(console, person.token, _report_id(report_id))
    return _report_page(request, console, person, report, submitted=bool(submitted))


@router.post("/reports/{report_id}/submission")
async def submit(
    request: Request, console: CurrentConsole, person: Person, report_id: str
) -> Response:
    form = await request.form()
    check_csrf(request, form)
    key = key_of(form)
    rid = _report_id(report_id)
    async with console.backends.reporting(person.token) as client:
        try:
            # An empty body: the generated client would send its "unset" marker as JSON.
            pending = submit_report.asyncio_detailed(
                rid, client=client, body=CommandBody(), idempotency_key=key
            )
            await answer("reporting", pending)
        except ServiceError as error:
            if error.problem.status in (401, 404):
                raise
            report = await _read(console, person.token, rid)
            return _report_page(
                request, console, person, report, status=error.problem.status, problem=error.problem
            )
    return RedirectResponse(f"/reports/{rid}?submitted=1", status_code=303)
