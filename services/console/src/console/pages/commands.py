"""The command forms' pages: a case's steps (``/cases/{id}/<slug>``) and the calendar's
(``/calendar/meetings/new``, ``/calendar/meetings/{id}/held``).

Each render carries a fresh Idempotency-Key, so a form sent twice (a double click, a resend
after a timeout) records the command once. After the service accepts a case's step, the handler
waits a few seconds for its events to reach the case's timeline (reporting reads the log
asynchronously), then shows the case.
"""

from __future__ import annotations

import asyncio
import re

from fastapi import APIRouter, HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from console.actions import Action, action
from console.backends import Problem, ServiceError, answer
from console.csrf import check_csrf
from console.forms import FORMS, read_values
from console.idempotency import key_of, new_key
from console.pages.case import case_id_or_404
from console.pages.common import CurrentConsole, Person
from console.state import Console
from noncoop_client.bureau.models.command_recorded import CommandRecorded
from noncoop_client.referrals.models.command_accepted import CommandAccepted
from noncoop_client.reporting.api.audit import read_audit_trail
from noncoop_client.reporting.models.audit_trail_view import AuditTrailView

router = APIRouter()

#: How long a command's page waits for its event in the timeline before showing the case anyway.
TIMELINE_WAIT_SECONDS = 5.0
_MEETING_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


def _case_action(slug: str) -> Action:
    try:
        found = action(slug)
    except KeyError:
        raise HTTPException(404) from None
    if not found.on_case:
        raise HTTPException(404)
    return found


def _meeting_id_or_404(meeting_id: str) -> str:
    # Sent on in a path: only the ids bureau itself accepts, anything else is no page.
    if not _MEETING_ID.match(meeting_id):
        raise HTTPException(404)
    return meeting_id


def _urls(act: Action, target: str) -> tuple[str, str]:
    """Where the form posts, and the page it goes back to."""
    if act.on_case:
        return f"/cases/{target}/{act.slug}", f"/cases/{target}"
    if act.slug == "meetings/held":
        return f"/calendar/meetings/{target}/held", "/calendar"
    return f"/calendar/{act.slug}", "/calendar"


def _render(
    request: Request,
    console: Console,
    act: Action,
    target: str,
    *,
    status: int = 200,
    form: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    problem: Problem | None = None,
) -> Response:
    post_to, back_to = _urls(act, target)
    return console.pages.render(
        request,
        "command.html",
        status,
        action=act,
        post_to=post_to,
        back_to=back_to,
        fields=FORMS[act.slug].fields,
        form=form or {},
        errors=errors or {},
        problem=problem,
        idempotency_key=new_key(),
    )


async def _send(
    request: Request, console: Console, person: Person, act: Action, target: str
) -> Response:
    form = await request.form()
    check_csrf(request, form)
    key = key_of(form)
    spec = FORMS[act.slug]
    sent = {f.name: str(form.get(f.name, "")) for f in spec.fields}
    values, errors = read_values(spec.fields, form)
    if errors:
        return _render(request, console, act, target, status=422, form=sent, errors=errors)
    try:
        response = await answer(
            spec.service,
            spec.send(console.backends, person.token, target, values, key),
            200,
            201,
            202,
        )
    except ServiceError as error:
        if error.problem.status in (401, 404):
            raise  # the error pages: sign in again, or the case is not the person's
        return _render(
            request,
            console,
            act,
            target,
            status=error.problem.status,
            form=sent,
            errors=error.problem.field_errors,
            problem=error.problem,
        )
    if not act.on_case:
        return RedirectResponse("/calendar?recorded=1", status_code=303)
    accepted = response.parsed
    if isinstance(accepted, CommandAccepted | CommandRecorded):
        await _wait_for_timeline(console, person.token, target, {e.id for e in accepted.events})
    return RedirectResponse(f"/cases/{target}?recorded=1", status_code=303)


@router.get("/calendar/meetings/new")
async def new_meeting_form(request: Request, console: CurrentConsole, person: Person) -> Response:
    return _render(request, console, action("meetings/new"), "")


@router.post("/calendar/meetings/new")
async def new_meeting(request: Request, console: CurrentConsole, person: Person) -> Response:
    return await _send(request, console, person, action("meetings/new"), "")


@router.get("/calendar/meetings/{meeting_id}/held")
async def meeting_held_form(
    request: Request, console: CurrentConsole, person: Person, meeting_id: str
) -> Response:
    return _render(request, console, action("meetings/held"), _meeting_id_or_404(meeting_id))


@router.post("/calendar/meetings/{meeting_id}/held")
async def meeting_held(
    request: Request, console: CurrentConsole, person: Person, meeting_id: str
) -> Response:
    target = _meeting_id_or_404(meeting_id)
    return await _send(request, console, person, action("meetings/held"), target)


@router.get("/cases/{case_id}/{slug}")
async def command_form(
    request: Request, console: CurrentConsole, person: Person, case_id: str, slug: str
) -> Response:
    return _render(request, console, _case_action(slug), case_id_or_404(case_id))


@router.post("/cases/{case_id}/{slug}")
async def command(
    request: Request, console: CurrentConsole, person: Person, case_id: str, slug: str
) -> Response:
    case_id, act = case_id_or_404(case_id), _case_action(slug)
    return await _send(request, console, person, act, case_id)


async def _wait_for_timeline(console: Console, token: str, case_id: str, events: set[str]) -> None:
    """Until reporting's audit trail holds ``events``, at most :data:`TIMELINE_WAIT_SECONDS`."""
    deadline = asyncio.get_running_loop().time() + TIMELINE_WAIT_SECONDS
    async with console.backends.reporting(token) as client:
        while asyncio.get_running_loop().time() < deadline:
            response = await read_audit_trail.asyncio_detailed(case_id, client=client)
            trail = response.parsed
            if isinstance(trail, AuditTrailView) and events <= {e.event_id for e in trail.entries}:
                return
            await asyncio.sleep(0.2)
