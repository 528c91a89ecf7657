"""The procedural state of a case: where each rule stands, as the reader's clearance sees it."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Path, Query

from noncoop_shared.access import clearance
from noncoop_shared.auth.dependencies import CurrentPrincipal
from noncoop_shared.errors import NotFoundError
from noncoop_shared.web.commands import UtcInstant
from noncoop_shared.web.problems import problem_responses
from reporting.api.dependencies import AppRuntime
from reporting.projections.procedural_state import ProceduralState, with_report_due
from reporting.reports.calendar_view import Sessions, next_or_ongoing_session

router = APIRouter(prefix="/v1", tags=["procedural state"])

CaseId = Annotated[str, Path(pattern=r"^[0-9a-f-]{36}$", description="the case id (a UUID)")]


class ProceduralStateView(ProceduralState):
    audience: str
    """The clearance level the state was folded for (the reader's)."""
    as_of: datetime | None = None


@router.get(
    "/cases/{case_id}/procedural-state",
    response_model=ProceduralStateView,
    responses=problem_responses(401, 404, 422),
    summary="Where each rule of the procedures stands on a case",
)
async def read_procedural_state(
    case_id: CaseId,
    runtime: AppRuntime,
    principal: CurrentPrincipal,
    as_of: Annotated[
        UtcInstant | None,
        Query(description="the state as it stood at this record time (time travel)"),
    ] = None,
) -> ProceduralStateView:
    """Scenario, status and, per rule (docs/procedures.md ids), done / pending / overdue / not
    applicable, since when, by whom, due when and why; and the next due date. Folded only from
    the records the reader's clearance may read; P15's due date is the opening of the next (or
    on-going) session on the Assembly calendar (public) at ``as_of`` (default: now)."""
    audience = clearance(principal)
    states = runtime.procedural_state
    state = await (
        states.current(case_id, audience)
        if as_of is None
        else states.as_of(case_id, audience, as_of)
    )
    if state is None:
        raise NotFoundError(f"no case {case_id} is known to this reader")
    on = (as_of or runtime.core.store.clock.now()).date()
    session = next_or_ongoing_session(await Sessions(runtime.core.pool).all(), on)
    state = with_report_due(
        state,
        session.session_id if session else None,
        session.starts_on if session else None,
    )
    return ProceduralStateView(**dict(state), audience=audience.value, as_of=as_of)
