"""A case: its header (referrals), where each rule stands (reporting's procedural state) and its
timeline (reporting's audit trail), each as the signed-in person may read it."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, HTTPException
from starlette.requests import Request
from starlette.responses import Response

from console.actions import actions_for
from console.backends import ServiceError, answer
from console.pages.common import CurrentConsole, Person
from noncoop_client.referrals.api.cases import read_case
from noncoop_client.referrals.models.case_view import CaseView
from noncoop_client.reporting.api.audit import read_audit_trail
from noncoop_client.reporting.api.procedural_state import read_procedural_state
from noncoop_client.reporting.models.audit_trail_view import AuditTrailView
from noncoop_client.reporting.models.procedural_state_view import ProceduralStateView

router = APIRouter()


def case_id_or_404(case_id: str) -> str:
    """A case id is a UUID: anything else is a page that does not exist (and is not sent on)."""
    try:
        return str(uuid.UUID(case_id))
    except ValueError:
        raise HTTPException(404) from None


@router.get("/cases/{case_id}")
async def case_page(
    request: Request, console: CurrentConsole, person: Person, case_id: str, recorded: int = 0
) -> Response:
    case_id = case_id_or_404(case_id)
    # Referrals decides whether the person may see the case at all: its 404 is the page's.
    async with console.backends.referrals(person.token) as client:
        header = (
            await answer("referrals", read_case.asyncio_detailed(case_id, client=client))
        ).parsed
    assert isinstance(header, CaseView)
    state: ProceduralStateView | None = None
    trail: AuditTrailView | None = None
    async with console.backends.reporting(person.token) as client:
        try:
            response = await answer(
                "reporting", read_procedural_state.asyncio_detailed(case_id, client=client)
            )
            assert isinstance(response.parsed, ProceduralStateView)
            state = response.parsed
            trail_response = await answer(
                "reporting", read_audit_trail.asyncio_detailed(case_id, client=client)
            )
            assert isinstance(trail_response.parsed, AuditTrailView)
            trail = trail_response.parsed
        except ServiceError as error:
            # Reporting reads the log a moment after referrals writes it: a new case may not be
            # there yet. Any other refusal is the error page's.
            if error.problem.status != 404:
                raise
    return console.pages.render(
        request,
        "case.html",
        case=header,
        state=state,
        trail=trail,
        recorded=bool(recorded),
        actions=actions_for(person.principal),
    )
