"""The reporting HTTP API: the audit trail of a case, as of any time, filtered by clearance."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel

from noncoop_shared.access import Classification, readable_classifications
from noncoop_shared.auth.dependencies import CurrentPrincipal
from noncoop_shared.errors import NotFoundError
from noncoop_shared.web.commands import IsoDate, UtcInstant
from noncoop_shared.web.problems import problem_responses
from reporting.api.dependencies import AppRuntime
from reporting.domain.procedural import end_of

router = APIRouter(prefix="/v1", tags=["audit"])

CaseId = Annotated[str, Path(pattern=r"^[0-9a-f-]{36}$", description="the case id (a UUID)")]


class AuditEntry(BaseModel):
    event_id: str
    stream: str
    stream_version: int
    type: str
    source: str
    rule: str | None
    classification: str
    actor_role: str
    actor_id: str
    occurred_at: datetime
    recorded_at: datetime
    hash: str | None
    """``None`` for a reader below full clearance: an event's hash binds it to its true place in
    its stream (the previous hash, the true version), so consecutive hashes would tell such a
    reader whether hidden events lie between them (docs/adr/0023-refusals-never-disclose.md)."""
    prev_hash: str | None
    """``None`` for a reader below full clearance: the previous event's hash would name one it
    may not see."""
    correlation_id: str
    causation_id: str | None
    """The event this one reacts to; ``None`` also when it is one the reader may not read."""


class AuditTrailView(BaseModel):
    case_id: str
    as_of: datetime | None
    on: date | None = None
    entries: list[AuditEntry]


@router.get(
    "/cases/{case_id}/audit-trail",
    response_model=AuditTrailView,
    responses=problem_responses(401, 404, 422),
    summary="Every event of every service on a case, in log order",
)
async def read_audit_trail(
    case_id: CaseId,
    runtime: AppRuntime,
    principal: CurrentPrincipal,
    as_of: Annotated[
        UtcInstant | None,
        Query(description="the trail as it stood at this record time (time travel)"),
    ] = None,
    on: Annotated[
        IsoDate | None,
        Query(description="only the facts that had happened by the end of this business date"),
    ] = None,
) -> AuditTrailView:
    """Who did what, when (business and record time), under which rule, with its hash: what
    was recorded up to ``as_of``, of the facts dated up to the end of ``on``; only
    the records the reader's role may read (a focal point's assignments live in good offices:
    here it reads what States Parties read)."""
    readable = readable_classifications(principal)
    rows = await runtime.audit_trail.of_case(
        case_id,
        readable,
        as_of,
        None if on is None else end_of(on),
    )
    if not rows:
        raise NotFoundError(f"no case {case_id} is known to this reader")
    entries = [AuditEntry(**{**dict(row), "event_id": str(row["event_id"])}) for row in rows]
    if readable != frozenset(Classification):
        causes = await runtime.audit_trail.readable_causes(
            (e.causation_id for e in entries), readable
        )
        entries = _visible_sequence(entries, causes)
    return AuditTrailView(case_id=case_id, as_of=as_of, on=on, entries=entries)


def _visible_sequence(entries: list[AuditEntry], causes: set[str]) -> list[AuditEntry]:
    """For a reader below full clearance: each stream's visible entries numbered 1, 2, 3, no
    hashes, and only the causes it may read, so no gap, no hash and no event id tells it that
    hidden events exist."""
    counters: dict[str, int] = {}
    shown = []
    for entry in entries:
        counters[entry.stream] = counters.get(entry.stream, 0) + 1
        cause = entry.causation_id if entry.causation_id in causes else None
        shown.append(
            entry.model_copy(
                update={
                    "stream_version": counters[entry.stream],
                    "hash": None,
                    "prev_hash": None,
                    "causation_id": cause,
                }
            )
        )
    return shown
