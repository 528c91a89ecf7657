"""Drawing a report from the projections, and submitting it (P15; ADR 0011).

A report is always drawn at a log position (``store.drawn_position``) and rendered from the case
events below it, never from "whatever has arrived by now": so a submitted report, which keeps its
position, renders the same bytes ever after. Submission does in one transaction: lock the draft,
draw it, seal a checkpoint at the same position, freeze the row, and record on the log one
``BureauReportSubmitted`` per case the report covers (the procedural state folds it as P15).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from noncoop_shared.access import Classification
from noncoop_shared.auth.principal import Principal
from noncoop_shared.calendar import CalendarSession
from noncoop_shared.catalogue import meta_of
from noncoop_shared.catalogue import reporting as rep
from noncoop_shared.db import Connection
from noncoop_shared.errors import InvalidTransitionError
from noncoop_shared.service import ServiceRuntime
from noncoop_shared.store.records import NewEvent
from reporting.application.checkpoints import seal_checkpoint_at
from reporting.application.idempotency import IdempotentRequest
from reporting.application.render_cache import RenderCache
from reporting.domain.report.content import ReportContent, ReportSeal, build_content
from reporting.domain.report.language import SEALED, Lang
from reporting.domain.report.render import to_html, to_markdown
from reporting.projections.assembly_sessions import Sessions
from reporting.projections.report_store import (
    LogPositionMap,
    Report,
    Reports,
    Submission,
    calendar_session,
    calendar_to_json,
    case_envelopes,
    drawn_position,
)


@dataclass(frozen=True)
class Rendered:
    content: ReportContent
    markdown: str
    html: str


Answered = tuple[IdempotentRequest, Callable[[Report, "Rendered"], dict[str, Any]]]
"""A request sent with an Idempotency-Key, and how its answer is written (the route's view)."""


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


async def current_calendar(core: ServiceRuntime) -> list[CalendarSession]:
    return [calendar_session(s) for s in await Sessions(core.pool).all()]


async def render_at(
    conn: Connection,
    report: Report,
    calendar: list[CalendarSession],
    as_of: datetime,
    position: LogPositionMap,
    seal: ReportSeal | None = None,
    on: date | None = None,
    lang: Lang = SEALED,
) -> Rendered:
    """The report drawn from the case events below ``position``, recorded up to ``as_of``, as
    the procedure stood on ``on`` (never after the session's opening day, P15), in ``lang``."""
    content = build_content(
        await case_envelopes(conn, position),
        report.report_session(calendar),
        calendar,
        as_of,
        report.recommendations,
        on=on,
        log_position=position,
        seal=seal,
        lang=lang,
    )
    return Rendered(content, to_markdown(content, lang), to_html(content, lang))


RENDERED: RenderCache[Rendered] = RenderCache()
"""Every rendering of this process, by key (see ``reporting.application.render_cache``)."""


def _frozen_key(core: ServiceRuntime, report: Report, lang: Lang = SEALED) -> tuple[str, ...]:
    return (core.settings.events_topic, str(report.report_id), "submitted", lang)


async def render(
    core: ServiceRuntime,
    report: Report,
    *,
    on: date | None = None,
    as_of: datetime | None = None,
    lang: Lang = SEALED,
    conn: Connection | None = None,
) -> Rendered:
    """A submitted report as frozen (``on`` and ``as_of`` change nothing: ADR 0012); a draft as
    the projections stand now, read as of ``as_of`` (record time, default now) and ``on``
    (business date, default the day of ``as_of``). In ``lang``: the hashes and the seal are
    over the English (``SEALED``); a translation is drawn from the same events at the same
    position, so it too is the same bytes every time. Kept once rendered (``RENDERED``): a
    read that changes nothing renders nothing. A draft is drawn on ``conn`` when given (the
    transaction that creates it)."""
    if report.submitted:
        frozen = RENDERED.get(_frozen_key(core, report, lang))
        if frozen is not None:
            return frozen
        assert report.as_of and report.log_position is not None
        assert report.checkpoint_id is not None and report.merkle_root is not None
        seal = ReportSeal(checkpoint_id=report.checkpoint_id, merkle_root=report.merkle_root)
        calendar = report.calendar if report.calendar is not None else await current_calendar(core)
        business = report.submitted_occurred_at or report.as_of
        async with core.pool.acquire() as conn:
            rendered = await render_at(
                conn,
                report,
                calendar,
                report.as_of,
                report.log_position,
                seal,
                on=business.astimezone(UTC).date(),
                lang=lang,
            )
        return RENDERED.put(_frozen_key(core, report, lang), rendered)
    calendar = await current_calendar(core)
    now = core.store.clock.now()
    if conn is not None:
        return await _draw(core, conn, report, calendar, now, on, as_of, lang)
    async with core.pool.acquire() as acquired:
        return await _draw(core, acquired, report, calendar, now, on, as_of, lang)


async def _draw(
    core: ServiceRuntime,
    conn: Connection,
    report: Report,
    calendar: list[CalendarSession],
    now: datetime,
    on: date | None,
    as_of: datetime | None,
    lang: Lang,
) -> Rendered:
    """A draft drawn now at the projections' position (from the cache when drawn before)."""
    position = await drawn_position(conn, core.settings.events_topic)
    key = (
        core.settings.events_topic,
        str(report.report_id),
        tuple(sorted(position.items())),
        calendar_to_json(calendar),
        on or (as_of or now).astimezone(UTC).date(),
        as_of,
        lang,
    )
    drawn = RENDERED.get(key)
    if drawn is not None:
        return drawn
    rendered = await render_at(conn, report, calendar, as_of or now, position, on=on, lang=lang)
    return RENDERED.put(key, rendered)


async def submit(
    core: ServiceRuntime,
    report_id: UUID,
    principal: Principal,
    signing_key: Ed25519PrivateKey,
    correlation_id: str,
    occurred_at: datetime | None = None,
    answered: Answered | None = None,
) -> tuple[Report, Rendered]:
    """Freeze the draft at the projections' position, sealed; refused when already submitted.
    ``occurred_at`` is the submission's business time (default: now): the report speaks up to
    its day when that is before the session's opening (P15), and P15 is done on it. With
    ``answered``, the answer to a request sent with an Idempotency-Key is kept in the same
    transaction."""
    reports = Reports(core.pool)
    async with core.pool.acquire() as conn, conn.transaction():
        draft = await reports.lock(conn, report_id)
        if draft is None:
            raise LookupError(report_id)
        if draft.submitted:
            raise InvalidTransitionError(f"report {report_id} was submitted already")
        as_of = core.store.clock.now()
        business = occurred_at or as_of
        calendar = await current_calendar(core)
        position = await drawn_position(conn, core.settings.events_topic)
        checkpoint_id, checkpoint = await seal_checkpoint_at(conn, signing_key, as_of, position)
        seal = ReportSeal(checkpoint_id=checkpoint_id, merkle_root=checkpoint.merkle_root)
        rendered = await render_at(
            conn, draft, calendar, as_of, position, seal, on=business.astimezone(UTC).date()
        )
        submission = Submission(
            as_of=as_of,
            submitted_by=f"{principal.role}:{principal.subject}",
            log_position=position,
            checkpoint_id=checkpoint_id,
            merkle_root=checkpoint.merkle_root,
            sha256_markdown=sha256(rendered.markdown),
            sha256_html=sha256(rendered.html),
            calendar=calendar,
            occurred_at=business,
        )
        submitted = await reports.submit(conn, report_id, submission)
        if submitted is None:
            raise InvalidTransitionError(f"report {report_id} was submitted already")
        await _record_on_the_log(core, conn, submitted, rendered.content, principal, correlation_id)
        if answered is not None:
            request, answer = answered
            await request.keep(core.store.bind(conn), 200, answer(submitted, rendered))
    # Rendered once, at submission: every later read is these bytes (ADR 0012).
    RENDERED.put(_frozen_key(core, submitted), rendered)
    return submitted, rendered


async def _record_on_the_log(
    core: ServiceRuntime,
    conn: Connection,
    report: Report,
    content: ReportContent,
    principal: Principal,
    correlation_id: str,
) -> None:
    """One ``BureauReportSubmitted`` per case the report covers, on that case's report stream."""
    assert report.submitted_at is not None and content.seal is not None
    business = report.submitted_occurred_at or report.submitted_at
    assert report.sha256_markdown is not None and report.sha256_html is not None
    tx = core.store.bind(conn)
    classification: Classification = meta_of(rep.BureauReportSubmitted).classification
    for case in content.cases:
        stream = rep.bureau_report_stream(case.case_id)
        payload = rep.BureauReportSubmitted(
            case_id=case.case_id,
            report_id=str(report.report_id),
            session_id=report.session.session_id,
            session_starts_on=report.session.starts_on,
            sha256_markdown=report.sha256_markdown,
            sha256_html=report.sha256_html,
            checkpoint_id=content.seal.checkpoint_id,
            merkle_root=content.seal.merkle_root,
        )
        event = NewEvent(
            payload=payload,
            occurred_at=business,
            actor_role=principal.role.value,
            actor_id=principal.subject,
            classification=classification,
            correlation_id=correlation_id,
        )
        recorded = len(await tx.load(stream))
        await tx.append(
            stream=stream, subject=case.case_id, expected_version=recorded, events=[event]
        )
