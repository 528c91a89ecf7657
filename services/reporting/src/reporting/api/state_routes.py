"""The procedural state of a case: where each rule stands, as the reader's clearance sees it."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import APIRouter, Path, Query

from noncoop_shared.access import clearance
from noncoop_shared.auth.dependencies import CurrentPrincipal
from noncoop_shared.errors import NotFoundError
from noncoop_shared.web.commands import IsoDate, UtcInstant
from noncoop_shared.web.problems import problem_responses
from reporting.api.dependencies import AppRuntime
from reporting.domain.calendar import calendar
from reporting.domain.procedural import ProceduralState
from reporting.projections.assembly_sessions import Sessions

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
    summary="Where each rule of the procedures stands on a case, on a business date",
)
async def read_procedural_state(
    case_id: CaseId,
    runtime: AppRuntime,
    principal: CurrentPrincipal,
    on: Annotated[
        IsoDate | None,
        Query(
            description="the business date the state is judged on (default: the date of "
            "`as_of`, else today): done, overdue and due sessions as they stood that day"
        ),
    ] = None,
    as_of: Annotated[
        UtcInstant | None,
        Query(description="only what was recorded up to this record time (audit)"),
    ] = None,
) -> ProceduralStateView:
    """Scenario, status and, per rule (rule ids of the procedures), done (on time or late) /
    pending / overdue / optional / not applicable, since when, by whom, due when (P14e and P15:
    in which session) and why; and the next due date. Judged in business time on ``on``: a
    fulfilment dated before its due instant is on time whatever the order of recording.
    Folded only from the records the reader's clearance may read."""
    audience = clearance(principal)
    day: date = on or (as_of or runtime.core.store.clock.now()).astimezone(UTC).date()
    sessions = calendar(await Sessions(runtime.core.pool).all())
    state = await runtime.procedural_state.read(
        case_id, audience, on=day, as_of=as_of, sessions=sessions
    )
    if state is None:
        raise NotFoundError(f"no case {case_id} is known to this reader on {day.isoformat()}")
    return ProceduralStateView(**dict(state), audience=audience.value, as_of=as_of)
