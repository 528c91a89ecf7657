"""The command forms: the Secretariat's forwarding, the press release.

Each render carries a fresh Idempotency-Key, so a form sent twice (a double click, a resend
after a timeout) records the command once. After the service accepts, the handler waits a few
seconds for the event to reach the timeline (reporting reads the log asynchronously), then
shows the case.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from console.actions import ACTIONS, Action
from console.backends import Problem, ServiceError, answer
from console.csrf import check_csrf
from console.pages.case import case_id_or_404
from console.pages.common import CurrentConsole, Person
from console.state import Console
from noncoop_client.referrals.api.cases import record_forwarding, record_press_release
from noncoop_client.referrals.client import AuthenticatedClient
from noncoop_client.referrals.models.command_accepted import CommandAccepted
from noncoop_client.referrals.models.forwarding_record import ForwardingRecord
from noncoop_client.referrals.models.press_release_record import PressReleaseRecord
from noncoop_client.referrals.types import UNSET
from noncoop_client.referrals.types import Response as ClientResponse
from noncoop_client.reporting.api.audit import read_audit_trail
from noncoop_client.reporting.models.audit_trail_view import AuditTrailView

router = APIRouter()

#: How long a command's page waits for its event in the timeline before showing the case anyway.
TIMELINE_WAIT_SECONDS = 5.0


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str = "text"
    required: bool = True


Send = Callable[[AuthenticatedClient, str, dict[str, Any], str], Awaitable[ClientResponse[Any]]]


def _occurred_at(values: dict[str, Any]) -> Any:
    return values.get("occurred_at") or UNSET


async def _forwarding(
    client: AuthenticatedClient, case_id: str, values: dict[str, Any], key: str
) -> ClientResponse[Any]:
    body = ForwardingRecord(
        communication_reference=values["communication_reference"],
        occurred_at=_occurred_at(values),
    )
    return await record_forwarding.asyncio_detailed(
        case_id, client=client, body=body, idempotency_key=key
    )


async def _press_release(
    client: AuthenticatedClient, case_id: str, values: dict[str, Any], key: str
) -> ClientResponse[Any]:
    body = PressReleaseRecord(
        reference=values["reference"], title=values["title"], occurred_at=_occurred_at(values)
    )
    return await record_press_release.asyncio_detailed(
        case_id, client=client, body=body, idempotency_key=key
    )


OCCURRED_AT = Field("occurred_at", "When it happened (UTC; empty: now)", "datetime-local", False)
FORMS: dict[str, tuple[tuple[Field, ...], Send]] = {
    "forwarding": (
        (Field("communication_reference", "Reference of the communication"), OCCURRED_AT),
        _forwarding,
    ),
    "press-release": (
        (Field("reference", "Reference"), Field("title", "Title"), OCCURRED_AT),
        _press_release,
    ),
}


def _action(slug: str) -> Action:
    for action in ACTIONS:
        if action.slug == slug and slug in FORMS:
            return action
    raise HTTPException(404)


def _read_values(fields: tuple[Field, ...], form: Any) -> tuple[dict[str, Any], dict[str, str]]:
    """The typed values, and the fields the console itself refuses (before any service call)."""
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for field in fields:
        raw = str(form.get(field.name, "")).strip()
        if not raw:
            if field.required:
                errors[field.name] = "This field is required."
            continue
        if field.kind == "datetime-local":
            try:
                values[field.name] = datetime.fromisoformat(raw).replace(tzinfo=UTC)
            except ValueError:
                errors[field.name] = "Not a date and time."
            continue
        values[field.name] = raw
    return values, errors


def _render(
    request: Request,
    console: Console,
    case_id: str,
    action: Action,
    *,
    status: int = 200,
    form: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    problem: Problem | None = None,
) -> Response:
    return console.pages.render(
        request,
        "command.html",
        status,
        case_id=case_id,
        action=action,
        fields=FORMS[action.slug][0],
        form=form or {},
        errors=errors or {},
        problem=problem,
        idempotency_key=str(uuid.uuid4()),
    )


@router.get("/cases/{case_id}/{slug}")
async def command_form(
    request: Request, console: CurrentConsole, person: Person, case_id: str, slug: str
) -> Response:
    return _render(request, console, case_id_or_404(case_id), _action(slug))


@router.post("/cases/{case_id}/{slug}")
async def command(
    request: Request, console: CurrentConsole, person: Person, case_id: str, slug: str
) -> Response:
    form = await request.form()
    check_csrf(request, form)
    case_id, action = case_id_or_404(case_id), _action(slug)
    fields, send = FORMS[slug]
    sent = {f.name: str(form.get(f.name, "")) for f in fields}
    values, errors = _read_values(fields, form)
    if errors:
        return _render(request, console, case_id, action, status=422, form=sent, errors=errors)
    key = str(form.get("idempotency_key", "")) or str(uuid.uuid4())
    async with console.backends.referrals(person.token) as client:
        try:
            response = await answer("referrals", send(client, case_id, values, key), 200, 201, 202)
        except ServiceError as error:
            if error.problem.status in (401, 404):
                raise  # the error pages: sign in again, or the case is not the person's
            return _render(
                request,
                console,
                case_id,
                action,
                status=error.problem.status,
                form=sent,
                errors=error.problem.field_errors,
                problem=error.problem,
            )
    accepted = response.parsed
    if isinstance(accepted, CommandAccepted):
        await _wait_for_timeline(console, person.token, case_id, {e.id for e in accepted.events})
    return RedirectResponse(f"/cases/{case_id}?recorded=1", status_code=303)


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
