"""The calendar: the Assembly's sessions (regular, resumed, special) and the Bureau's meetings,
from bureau. Every role reads the sessions; the meetings only those bureau lets read them (the
section is absent for the others, as on a case page)."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from console.actions import action, may
from console.backends import answer, if_readable
from console.pages.common import CurrentConsole, Person
from noncoop_client.bureau.api.calendar import list_sessions
from noncoop_client.bureau.api.meetings import list_bureau_meetings
from noncoop_client.bureau.models.calendar_session import CalendarSession
from noncoop_client.bureau.models.meeting import Meeting

router = APIRouter()


@router.get("/calendar")
async def calendar_page(
    request: Request, console: CurrentConsole, person: Person, recorded: int = 0
) -> Response:
    async with console.backends.bureau(person.token) as client:
        sessions_response, meetings_response = await asyncio.gather(
            answer("bureau", list_sessions.asyncio_detailed(client=client)),
            if_readable("bureau", list_bureau_meetings.asyncio_detailed(client=client)),
        )
    sessions = sessions_response.parsed
    assert isinstance(sessions, list)
    meetings: list[Meeting] | None = None
    if meetings_response is not None and isinstance(meetings_response.parsed, list):
        meetings = sorted(meetings_response.parsed, key=lambda m: (m.meets_on, m.meeting_id))
    return console.pages.render(
        request,
        "calendar.html",
        sessions=sorted(sessions, key=_session_order),
        meetings=meetings,
        recorded=bool(recorded),
        can_schedule=may(person.principal, action("meetings/new")),
        can_hold=may(person.principal, action("meetings/held")),
    )


def _session_order(session: CalendarSession) -> tuple[object, ...]:
    # By date: a session's resumed parts come after its regular part, as they happen.
    return (session.starts_on, session.number, session.kind.value)
