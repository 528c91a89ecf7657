"""The public register over HTTP: anonymous reads, public events only.

The routes depend on ``OptionalPrincipal``: no token is needed, a bad token is still a 401, and
a token changes nothing here (the register holds nothing but public records).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel

from noncoop_shared.auth.dependencies import OptionalPrincipal
from noncoop_shared.errors import NotFoundError
from noncoop_shared.web.commands import IsoDate, UtcInstant
from noncoop_shared.web.problems import problem_responses
from reporting.api.dependencies import AppRuntime
from reporting.domain.procedural import end_of
from reporting.projections.public_register import PublicRegister

router = APIRouter(prefix="/v1/public", tags=["public register"])

CaseId = Annotated[str, Path(pattern=r"^[0-9a-f-]{36}$", description="the case id (a UUID)")]


class PublicCaseSummary(BaseModel):
    case_id: str
    requested_state_code: str | None
    scenario: str
    status: str
    opened_on: date
    updated_at: datetime


class PublicEntry(BaseModel):
    type: str
    rule: str | None
    occurred_at: datetime
    recorded_at: datetime | None = None
    payload: dict[str, Any]


OnQuery = Annotated[
    IsoDate | None,
    Query(description="as the register stood on this business date (facts dated up to its end)"),
]
AsOfQuery = Annotated[
    UtcInstant | None,
    Query(description="only what was recorded up to this record time (audit)"),
]


class PublicCase(PublicCaseSummary):
    entries: list[PublicEntry]


class PublicCaseList(BaseModel):
    cases: list[PublicCaseSummary]


@router.get(
    "/cases",
    response_model=PublicCaseList,
    responses=problem_responses(401, 422),
    summary="The cases of the public register",
)
async def list_public_cases(
    runtime: AppRuntime,
    principal: OptionalPrincipal,
    state: Annotated[
        str | None, Query(pattern=r"^[A-Z]{3}$", description="requested State (ISO alpha-3)")
    ] = None,
    scenario: Annotated[
        str | None, Query(description="7a, information_only or court_information")
    ] = None,
    status: Annotated[str | None, Query(description="open, closed or information_only")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000_000)] = 0,
    on: OnQuery = None,
    as_of: AsOfQuery = None,
) -> PublicCaseList:
    """Every case known publicly, oldest first (on ``on``, as recorded by ``as_of``). A case
    handled only as 7(b) is never here."""
    register = PublicRegister(runtime.core.pool)
    if on is None and as_of is None:
        rows = await register.cases(
            state=state, scenario=scenario, status=status, limit=limit, offset=offset
        )
        return PublicCaseList(cases=[PublicCaseSummary(**dict(row)) for row in rows])
    listed = await register.cases_at(
        before=None if on is None else end_of(on),
        as_of=as_of,
        state=state,
        scenario=scenario,
        status=status,
        limit=limit,
        offset=offset,
    )
    return PublicCaseList(cases=[PublicCaseSummary(**row) for row in listed])


@router.get(
    "/cases/{case_id}",
    response_model=PublicCase,
    responses=problem_responses(401, 404, 422),
    summary="One case of the public register, with its public entries",
)
async def read_public_case(
    case_id: CaseId,
    runtime: AppRuntime,
    principal: OptionalPrincipal,
    on: OnQuery = None,
    as_of: AsOfQuery = None,
) -> PublicCase:
    """The case and its public entries (on ``on``, as recorded by ``as_of``)."""
    found = await PublicRegister(runtime.core.pool).case(
        case_id, None if on is None else end_of(on), as_of
    )
    if found is None:
        raise NotFoundError(f"no case {case_id} is in the public register")
    row, entries = found
    summary = {key: row[key] for key in PublicCaseSummary.model_fields}
    return PublicCase(**summary, entries=[PublicEntry(**entry) for entry in entries])
