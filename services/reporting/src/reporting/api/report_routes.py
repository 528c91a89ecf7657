"""The Bureau report on non-cooperation to a session (P15, annex I 3(k)): drafts, submission
(sealed by a checkpoint, recorded on the log), and the report as Markdown or printable HTML,
rendered from the case events below the log position it was drawn at (ADR 0011)."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any
from uuid import UUID, uuid4

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, model_validator

from noncoop_shared.auth.dependencies import CurrentPrincipal, require_roles
from noncoop_shared.auth.principal import Principal
from noncoop_shared.auth.roles import Role
from noncoop_shared.business_time import BusinessDate
from noncoop_shared.calendar import next_or_ongoing_session
from noncoop_shared.errors import InvalidTransitionError, NotFoundError
from noncoop_shared.store import IdempotencyKeyTakenError
from noncoop_shared.web.commands import (
    CommandBody,
    IdempotencyKey,
    IsoDate,
    UtcInstant,
    answer,
    command_context,
)
from noncoop_shared.web.correlation import current_correlation_id
from noncoop_shared.web.problems import ProblemError, problem_responses, problem_type
from reporting.api.dependencies import AppRuntime
from reporting.api.examples import DRAFT_REQUEST
from reporting.api.language import ReportLanguage, lang_of
from reporting.application import report_submission as submission
from reporting.application.idempotency import IdempotentRequest
from reporting.bootstrap import Runtime
from reporting.domain.calendar import Session
from reporting.domain.report.content import previous_session
from reporting.domain.report.language import SEALED, Lang
from reporting.projections.report_store import Report, Reports, calendar_session

router = APIRouter(prefix="/v1", tags=["Bureau reports"])

WRITERS = (Role.SECRETARIAT, Role.BUREAU_MEMBER, Role.PRESIDENT)
DRAFT_READERS = frozenset(WRITERS)

Writer = Annotated[Principal, Depends(require_roles(*WRITERS))]

On = Annotated[
    IsoDate | None,
    Query(
        description="a draft as the procedure stood on this business date (default: the day "
        "of as_of); never later than the session's opening day, the report's cut-off (P15). "
        "A submitted report is frozen and ignores it."
    ),
]
AsOf = Annotated[
    UtcInstant | None,
    Query(
        description="a draft from the records known at this record time (default: now). A "
        "submitted report is frozen and ignores it."
    ),
]


Language = Annotated[
    ReportLanguage,
    Query(
        description="the report's language: `en` (default), the text a submitted report's "
        "hashes and seal are over, or `fr`, a translation drawn from the same records (the "
        "same report gives the same bytes; its footer names the English as the authentic "
        "text). Anything else is a 422."
    ),
]


class DraftRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [DRAFT_REQUEST]})

    session_id: str | None = Field(
        default=None,
        pattern=r"^[A-Za-z0-9._-]{1,40}$",
        description="default: the next (or on-going) session on the calendar",
    )
    starts_on: BusinessDate | None = Field(
        default=None, description="only for a session the calendar does not hold yet"
    )
    ends_on: BusinessDate | None = None
    venue: str = Field(default="", max_length=200)
    recommendations: str = Field(default="", max_length=20000)

    @model_validator(mode="after")
    def _dates(self) -> DraftRequest:
        if (self.starts_on is None) != (self.ends_on is None):
            raise ValueError("give both starts_on and ends_on, or neither")
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValueError("ends_on is before starts_on")
        if self.starts_on is not None and self.session_id is None:
            raise ValueError("dates are given for a session_id")
        return self


class CheckpointRef(BaseModel):
    """The audit checkpoint sealed with a submitted report, at the position it was drawn at:
    ``GET /v1/checkpoints/{checkpoint_id}`` gives it whole, to verify with the public key."""

    checkpoint_id: int
    merkle_root: str
    position: dict[str, int]


class ReportView(BaseModel):
    report_id: UUID
    session_id: str
    session_starts_on: date
    session_ends_on: date
    status: str
    as_of: datetime | None
    """the record time the report is rendered as of (frozen once submitted)"""
    cutoff: date | None = None
    """the business date the report speaks up to: the session's opening day, or the day it is
    drawn when earlier (P15); facts dated after it are not in it"""
    log_position: dict[str, int] | None = None
    """partition -> next offset: the report holds exactly the events below it (frozen once
    submitted; a draft's is where the projections stood when it was rendered)"""
    submitted_at: datetime | None
    """when the submission was recorded (record time)"""
    submitted_occurred_at: datetime | None = None
    """when the Bureau submitted it (business time)"""
    sha256_markdown: str | None
    sha256_html: str | None
    checkpoint: CheckpointRef | None = None
    markdown: str | None = None


def _reports(runtime: Runtime) -> Reports:
    return Reports(runtime.core.pool)


def _now(runtime: Runtime) -> datetime:
    return runtime.core.store.clock.now()


def _view(report: Report, rendered: submission.Rendered | None = None) -> ReportView:
    checkpoint = None
    if report.checkpoint_id is not None and report.merkle_root is not None:
        checkpoint = CheckpointRef(
            checkpoint_id=report.checkpoint_id,
            merkle_root=report.merkle_root,
            position=report.log_position or {},
        )
    return ReportView(
        report_id=report.report_id,
        session_id=report.session.session_id,
        session_starts_on=report.session.starts_on,
        session_ends_on=report.session.ends_on,
        status="submitted" if report.submitted else "draft",
        as_of=report.as_of or (rendered.content.as_of if rendered else None),
        cutoff=rendered.content.cutoff if rendered else None,
        log_position=report.log_position or (rendered.content.log_position if rendered else None),
        submitted_at=report.submitted_at,
        submitted_occurred_at=report.submitted_occurred_at or report.submitted_at,
        sha256_markdown=report.sha256_markdown,
        sha256_html=report.sha256_html,
        checkpoint=checkpoint,
        markdown=rendered.markdown if rendered else None,
    )


class ReportStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"


class ReportSummary(BaseModel):
    """One report of the list: what it is for, where it stands, when, and who drafted it."""

    report_id: UUID
    session_id: str
    status: ReportStatus
    created_at: datetime
    """when the draft was made (record time)"""
    drafted_by: str | None
    """``role:id`` of who drafted it: for the readers of drafts only (``null`` for others)"""
    submitted_at: datetime | None
    """when the submission was recorded (record time)"""
    submitted_occurred_at: datetime | None
    """when the Bureau submitted it (business time)"""


class ReportList(BaseModel):
    items: list[ReportSummary]
    next_cursor: UUID | None
    """pass as ``cursor`` for the next page; ``null`` on the last"""


def _summary(report: Report, drafts_readable: bool) -> ReportSummary:
    return ReportSummary(
        report_id=report.report_id,
        session_id=report.session.session_id,
        status=ReportStatus.SUBMITTED if report.submitted else ReportStatus.DRAFT,
        created_at=report.created_at,
        drafted_by=report.created_by if drafts_readable else None,
        submitted_at=report.submitted_at,
        submitted_occurred_at=report.submitted_occurred_at or report.submitted_at,
    )


async def _readable(runtime: Runtime, report_id: UUID, principal: Principal) -> Report:
    report = await _reports(runtime).get(report_id)
    if report is None or (not report.submitted and principal.role not in DRAFT_READERS):
        raise NotFoundError(f"no report {report_id} is known to this reader")
    return report


async def _replayed(runtime: Runtime, request: IdempotentRequest | None) -> JSONResponse | None:
    """The first answer to this sender's Idempotency-Key, when there is one (ADR 0039)."""
    if request is None:
        return None
    first = await request.first_answer(runtime.core.store)
    return None if first is None else answer(first)


@router.post(
    "/reports",
    status_code=201,
    response_model=ReportView,
    responses=problem_responses(401, 403, 422),
    summary="Draft the Bureau report to a session",
)
async def draft_report(
    body: DraftRequest,
    request: Request,
    runtime: AppRuntime,
    principal: Writer,
    on: On = None,
    as_of: AsOf = None,
    idempotency_key: IdempotencyKey = None,
) -> ReportView | JSONResponse:
    """A draft for ``session_id`` (default: the next or on-going session on the calendar), with
    its Markdown as of now (or ``as_of``, ``on``). The calendar's dates win over dates given for
    a known session. Sent again with the same Idempotency-Key and the same body and query, it
    is answered with the first draft (``Idempotent-Replayed: true``), and no other is made; the
    same key with another body or query is a 422."""
    asked = {
        "body": body.model_dump(mode="json"),
        "on": on.isoformat() if on else None,
        "as_of": as_of.isoformat() if as_of else None,
    }
    idempotent = IdempotentRequest.of(idempotency_key, principal, request.url.path, asked)
    if (first := await _replayed(runtime, idempotent)) is not None:
        return first
    now = _now(runtime)
    calendar = await submission.current_calendar(runtime.core)
    session: Session | None
    if body.session_id is None:
        due = next_or_ongoing_session(calendar, on or now.date())
        if due is None:
            raise _unprocessable("no next or on-going session is on the calendar; give one")
        session = Session(
            due.session_id,
            due.opens_on,
            due.session.ends_on,
            due.session.venue,
            due.session.number,
            due.session.kind.value,
        )
    else:
        known = next((s for s in calendar if s.session_id == body.session_id), None)
        session = None
        if known is not None:
            session = Session(
                known.session_id,
                known.starts_on,
                known.ends_on,
                known.venue,
                known.number,
                known.kind.value,
            )
        if session is None:
            if body.starts_on is None or body.ends_on is None:
                raise _unprocessable(
                    f"session {body.session_id} is not on the calendar; give its starts_on "
                    "and ends_on"
                )
            session = Session(body.session_id, body.starts_on, body.ends_on, body.venue)
    previous = previous_session(calendar, calendar_session(session))
    try:
        # The draft and the first answer to its key commit together (ADR 0039).
        async with runtime.core.pool.acquire() as conn, conn.transaction():
            report = await _reports(runtime).create(
                uuid4(),
                session,
                previous.starts_on if previous else None,
                body.recommendations,
                now,
                f"{principal.role}:{principal.subject}",
                conn=conn,
            )
            rendered = await submission.render(runtime.core, report, on=on, as_of=as_of, conn=conn)
            view = _view(report, rendered)
            if idempotent is not None:
                tx = runtime.core.store.bind(conn)
                await idempotent.keep(tx, 201, view.model_dump(mode="json"))
    except IdempotencyKeyTakenError:
        # A twin sent with the same key drafted first: ours is rolled back, its answer is ours.
        if (first := await _replayed(runtime, idempotent)) is not None:
            return first
        raise
    return view


def _unprocessable(detail: str) -> ProblemError:
    return ProblemError(
        422,
        "Unprocessable request",
        detail,
        type_=problem_type("validation"),
        errors=[{"field": "body", "message": detail, "type": "validation"}],
    )


@router.post(
    "/reports/{report_id}/submission",
    response_model=ReportView,
    responses=problem_responses(401, 403, 404, 409, 422),
    summary="Submit a report: freeze it at the log position it is drawn at, sealed",
)
async def submit_report(
    report_id: UUID,
    request: Request,
    runtime: AppRuntime,
    principal: Writer,
    body: CommandBody | None = None,
    idempotency_key: IdempotencyKey = None,
) -> ReportView | JSONResponse:
    """Draws the report at the log position reporting's projections have reached, seals an
    audit checkpoint at that position, stores both with the sha256 of both renderings, and
    records the submission on the log (P15, per case covered). ``occurred_at`` is when the
    Bureau submitted it (business time, default now; e.g. a report of 2016 entered at go-live):
    the report speaks up to that day when it is before the session's opening (P15). A submitted
    report renders the same bytes ever after. Submitting twice is a conflict; sent again with the
    same Idempotency-Key and body, it is answered with the first submission's answer
    (``Idempotent-Replayed: true``); the same key with another body is a 422."""
    await _readable(runtime, report_id, principal)
    asked = body.model_dump(mode="json") if body is not None else None
    idempotent = IdempotentRequest.of(idempotency_key, principal, request.url.path, asked)
    if (first := await _replayed(runtime, idempotent)) is not None:
        return first
    given = body.occurred_at if body is not None else None
    context = command_context(
        request,
        runtime.core.store.clock,
        principal,
        occurred_at=given,
        idempotency_key=None,
        body=None,
    )
    try:
        submitted, rendered = await submission.submit(
            runtime.core,
            report_id,
            principal,
            runtime.signing_key,
            current_correlation_id(),
            context.occurred_at if given is not None else None,
            None if idempotent is None else (idempotent, _answer),
        )
    except LookupError:
        raise NotFoundError(f"no report {report_id} is known to this reader") from None
    except (InvalidTransitionError, IdempotencyKeyTakenError):
        # A twin sent with the same key submitted it first: its answer is ours.
        if (first := await _replayed(runtime, idempotent)) is not None:
            return first
        raise
    return _view(submitted, rendered)


def _answer(report: Report, rendered: submission.Rendered) -> dict[str, Any]:
    return _view(report, rendered).model_dump(mode="json")


async def _document(
    runtime: Runtime,
    report_id: UUID,
    principal: Principal,
    on: date | None,
    as_of: datetime | None,
    lang: Lang,
) -> tuple[Report, str, str]:
    report = await _readable(runtime, report_id, principal)
    rendered = await submission.render(runtime.core, report, on=on, as_of=as_of, lang=lang)
    return report, rendered.markdown, rendered.html


@router.get(
    "/reports/{report_id}.md",
    response_class=Response,
    responses={200: {"content": {"text/markdown": {}}}, **problem_responses(401, 404, 422)},
    summary="The report as Markdown",
)
async def read_report_markdown(
    report_id: UUID,
    runtime: AppRuntime,
    principal: CurrentPrincipal,
    on: On = None,
    as_of: AsOf = None,
    lang: Language = ReportLanguage.EN,
) -> Response:
    language = lang_of(lang)
    report, markdown, _ = await _document(runtime, report_id, principal, on, as_of, language)
    return Response(
        markdown,
        media_type="text/markdown; charset=utf-8",
        headers=_headers(report, markdown, language),
    )


@router.get(
    "/reports/{report_id}.html",
    response_class=Response,
    responses={200: {"content": {"text/html": {}}}, **problem_responses(401, 404, 422)},
    summary="The report as printable HTML",
)
async def read_report_html(
    report_id: UUID,
    runtime: AppRuntime,
    principal: CurrentPrincipal,
    on: On = None,
    as_of: AsOf = None,
    lang: Language = ReportLanguage.EN,
) -> Response:
    language = lang_of(lang)
    report, _, html = await _document(runtime, report_id, principal, on, as_of, language)
    return Response(
        html,
        media_type="text/html; charset=utf-8",
        headers=_headers(report, html, language, html=True),
    )


def _headers(report: Report, text: str, lang: Lang, *, html: bool = False) -> dict[str, str]:
    """``Content-Language``, and a submitted report's ``ETag``: in English its sealed sha256;
    a translation is not sealed, so its tag is its own sha256 (its bytes never change)."""
    headers: dict[str, str] = {"Content-Language": lang}
    if report.submitted and lang != SEALED:
        headers["ETag"] = f'"{submission.sha256(text)}"'
        return headers
    sha = report.sha256_html if html else report.sha256_markdown
    if sha is not None:
        headers["ETag"] = f'"{sha}"'
    return headers


@router.get(
    "/reports",
    response_model=ReportList,
    responses=problem_responses(401, 422),
    summary="The reports, newest first: drafts and submitted ones",
)
async def list_reports(
    runtime: AppRuntime,
    principal: CurrentPrincipal,
    session_id: Annotated[
        str | None,
        Query(pattern=r"^[A-Za-z0-9._-]{1,40}$", description="only the reports to this session"),
    ] = None,
    status: Annotated[
        ReportStatus | None, Query(description="only drafts, or only submitted reports")
    ] = None,
    cursor: Annotated[
        UUID | None, Query(description="the `next_cursor` of the previous page")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500, description="at most this many reports")] = 100,
) -> ReportList:
    """Every report the caller may read, newest first (by when it was drafted), as
    ``GET /v1/reports/{report_id}`` decides: a submitted report is anyone's to read, a draft
    the Secretariat's, the Bureau's and the President's only (for any other reader drafts are
    not there, as a draft's read is a 404); who drafted a report is shown to those readers
    only."""
    drafts_readable = principal.role in DRAFT_READERS
    reports = await _reports(runtime).listed(
        session_id=session_id,
        submitted=None if status is None else status is ReportStatus.SUBMITTED,
        drafts_readable=drafts_readable,
        after=cursor,
        limit=limit,
    )
    items = [_summary(report, drafts_readable) for report in reports]
    return ReportList(items=items, next_cursor=items[-1].report_id if len(items) == limit else None)


@router.get(
    "/reports/{report_id}",
    response_model=ReportView,
    responses=problem_responses(401, 404),
    summary="A report's status, as_of and hashes",
)
async def read_report(
    report_id: UUID, runtime: AppRuntime, principal: CurrentPrincipal
) -> ReportView:
    return _view(await _readable(runtime, report_id, principal))
