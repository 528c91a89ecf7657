"""The procedural state of a case: where each rule stands, as the reader's clearance sees it."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated

import msgspec
from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, ConfigDict

from noncoop_shared.access import clearance
from noncoop_shared.auth.dependencies import CurrentPrincipal
from noncoop_shared.errors import NotFoundError
from noncoop_shared.rules import Rule
from noncoop_shared.web.commands import IsoDate, UtcInstant
from noncoop_shared.web.problems import problem_responses
from reporting.api.dependencies import AppRuntime
from reporting.api.language import ReportLanguage, lang_of
from reporting.domain.calendar import calendar
from reporting.domain.procedural import CaseStatus, RuleStatus, Scenario
from reporting.projections.assembly_sessions import Sessions

router = APIRouter(prefix="/v1", tags=["procedural state"])

CaseId = Annotated[str, Path(pattern=r"^[0-9a-f-]{36}$", description="the case id (a UUID)")]


# The served shape of ``reporting.domain.procedural.state``: the domain's types are msgspec
# structs (ADR 0027), which FastAPI cannot describe; these views have the same fields in the
# same order (a unit test compares them), and what the API serves is the stored JSON's shape.


class _View(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SessionRef(_View):
    """The session a rule is due in, as the calendar schedules it."""

    session_id: str
    opens_on: date
    closes_on: date
    ongoing: bool


class RuleState(_View):
    rule: Rule
    state: RuleStatus
    why: str
    since: datetime | None = None
    done_at: datetime | None = None
    late: bool = False
    actor: str | None = None
    due_at: datetime | None = None
    due_session: SessionRef | None = None
    ref: str | None = None
    count: int | None = None


class NextDue(_View):
    rule: Rule
    due_at: datetime
    ref: str | None = None


class ProceduralStateView(_View):
    case_id: str
    on: date | None = None
    scenario: Scenario | None = None
    status: CaseStatus | None = None
    rules: list[RuleState] = []
    next_due: NextDue | None = None
    events: int = 0
    recorded_at: datetime | None = None
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
    lang: Annotated[
        ReportLanguage,
        Query(
            description="the language of every sentence (`why`): `en` (default) or `fr`. Rule "
            "ids, references, states and dates as data are the same in both. Anything else is "
            "a 422."
        ),
    ] = ReportLanguage.EN,
) -> ProceduralStateView:
    """Scenario, status and, per rule (rule ids of the procedures), done (on time or late) /
    pending / overdue / optional / not applicable, since when, by whom, due when (P14e and P15:
    in which session) and why; and the next due date. Judged in business time on ``on``: a
    fulfilment dated before its due instant is on time whatever the order of recording.
    Folded only from the records the reader's clearance may read. Each ``why`` is in ``lang``."""
    audience = clearance(principal)
    day: date = on or (as_of or runtime.core.store.clock.now()).astimezone(UTC).date()
    sessions = calendar(await Sessions(runtime.core.pool).all())
    state = await runtime.procedural_state.read(
        case_id, audience, on=day, as_of=as_of, sessions=sessions, lang=lang_of(lang)
    )
    if state is None:
        raise NotFoundError(f"no case {case_id} is known to this reader on {day.isoformat()}")
    served = msgspec.to_builtins(state) | {"audience": audience.value, "as_of": as_of}
    return ProceduralStateView.model_validate(served)
