"""A case: its header (referrals), where each rule stands (reporting's procedural state), its
timeline (reporting's audit trail), and the good offices and travel information on it (good
offices), each as the signed-in person may read it."""

from __future__ import annotations

import asyncio
import uuid

from fastapi import APIRouter, HTTPException
from starlette.requests import Request
from starlette.responses import Response

from console.actions import actions_for
from console.backends import ServiceError, answer, if_readable
from console.i18n import service_language
from console.pages.common import CurrentConsole, Person
from console.state import Console
from noncoop_client.good_offices.api.reads import read_good_offices
from noncoop_client.good_offices.api.travel import read_travel_information
from noncoop_client.good_offices.models.good_offices_view import GoodOfficesView
from noncoop_client.good_offices.models.travel_record import TravelRecord
from noncoop_client.referrals.api.cases import read_case
from noncoop_client.referrals.models.case_view import CaseView
from noncoop_client.reporting.api.audit import read_audit_trail
from noncoop_client.reporting.api.procedural_state import read_procedural_state
from noncoop_client.reporting.models.audit_trail_view import AuditTrailView
from noncoop_client.reporting.models.procedural_state_view import ProceduralStateView
from noncoop_client.reporting.models.report_language import ReportLanguage

router = APIRouter()


def case_id_or_404(case_id: str) -> str:
    """A case id is a UUID: anything else is a page that does not exist (and is not sent on)."""
    try:
        return str(uuid.UUID(case_id))
    except ValueError:
        raise HTTPException(404) from None


async def _reporting(
    console: Console, token: str, case_id: str, lang: ReportLanguage
) -> tuple[ProceduralStateView | None, AuditTrailView | None]:
    """The procedural state, each rule's ``why`` in ``lang`` (the page's), and the audit trail."""
    async with console.backends.reporting(token) as client:
        try:
            pending = read_procedural_state.asyncio_detailed(case_id, client=client, lang=lang)
            response = await answer("reporting", pending)
            assert isinstance(response.parsed, ProceduralStateView)
            trail_response = await answer(
                "reporting", read_audit_trail.asyncio_detailed(case_id, client=client)
            )
            assert isinstance(trail_response.parsed, AuditTrailView)
            return response.parsed, trail_response.parsed
        except ServiceError as error:
            # Reporting reads the log a moment after referrals writes it: a new case may not be
            # there yet. Any other refusal is the error page's.
            if error.problem.status != 404:
                raise
            return None, None


async def _good_offices(
    console: Console, token: str, case_id: str
) -> tuple[GoodOfficesView | None, list[TravelRecord]]:
    """The good offices and travel information the reader may read; ``None`` and ``[]`` when
    good offices answers 403/404, which on a case the reader sees in referrals means either
    "none on this case" or "restricted from you": the page cannot and must not tell which."""
    async with console.backends.good_offices(token) as client:
        view, travel = await asyncio.gather(
            if_readable("good_offices", read_good_offices.asyncio_detailed(case_id, client=client)),
            if_readable(
                "good_offices", read_travel_information.asyncio_detailed(case_id, client=client)
            ),
        )
    good_offices = view.parsed if view is not None else None
    records = travel.parsed if travel is not None else None
    return (
        good_offices if isinstance(good_offices, GoodOfficesView) else None,
        records if isinstance(records, list) else [],
    )


@router.get("/cases/{case_id}")
async def case_page(
    request: Request, console: CurrentConsole, person: Person, case_id: str, recorded: int = 0
) -> Response:
    case_id = case_id_or_404(case_id)
    # Referrals decides whether the person may see the case at all: its 404 is the page's, and
    # nothing else is asked before it answers (the other reads would say nothing more, but
    # need not be made for a case the reader may not see).
    async with console.backends.referrals(person.token) as client:
        header = (
            await answer("referrals", read_case.asyncio_detailed(case_id, client=client))
        ).parsed
    assert isinstance(header, CaseView)
    (state, trail), (good_offices, travel) = await asyncio.gather(
        _reporting(console, person.token, case_id, service_language(request)),
        _good_offices(console, person.token, case_id),
    )
    return console.pages.render(
        request,
        "case.html",
        case=header,
        state=state,
        trail=trail,
        good_offices=good_offices,
        travel=travel,
        recorded=bool(recorded),
        actions=actions_for(person.principal),
    )
