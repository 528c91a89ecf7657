"""The command forms: their fields, and how each is sent to its service with the signed-in
person's token and the form's Idempotency-Key.

``target`` is what the form is about: the case id for a case's step, the meeting id for "held",
nothing for a new meeting.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from console.backends import Backends
from noncoop_client.bureau.api.formal_response import (
    invite_requested_state,
    record_open_letter_reply,
    send_open_letter,
)
from noncoop_client.bureau.api.meetings import record_bureau_meeting_held, schedule_bureau_meeting
from noncoop_client.bureau.models.invitation import Invitation
from noncoop_client.bureau.models.meeting_held import MeetingHeld
from noncoop_client.bureau.models.meeting_schedule import MeetingSchedule
from noncoop_client.bureau.models.open_letter import OpenLetter
from noncoop_client.bureau.models.open_letter_reply import OpenLetterReply
from noncoop_client.bureau.types import UNSET as BUREAU_UNSET
from noncoop_client.referrals.api.cases import record_forwarding, record_press_release
from noncoop_client.referrals.models.forwarding_record import ForwardingRecord
from noncoop_client.referrals.models.press_release_record import PressReleaseRecord
from noncoop_client.referrals.types import UNSET


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str = "text"
    """An ``<input>`` type (``checkbox``: sent as ``yes``), or ``lines`` (a textarea, one value
    per line)."""
    required: bool = True


Send = Callable[[Backends, str, str, dict[str, Any], str], Awaitable[Any]]


@dataclass(frozen=True)
class Form:
    service: str
    fields: tuple[Field, ...]
    send: Send


def read_values(fields: tuple[Field, ...], form: Any) -> tuple[dict[str, Any], dict[str, str]]:
    """The typed values, and the fields the console itself refuses (before any service call)."""
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for field in fields:
        raw = str(form.get(field.name, "")).strip()
        if not raw:
            if field.required:
                errors[field.name] = "This field is required."
            continue
        try:
            if field.kind == "datetime-local":
                # The form says UTC: the procedures' instants are UTC.
                values[field.name] = datetime.fromisoformat(raw).replace(tzinfo=UTC)
            elif field.kind == "date":
                values[field.name] = date.fromisoformat(raw)
            elif field.kind == "checkbox":
                values[field.name] = raw == "yes"
            elif field.kind == "lines":
                values[field.name] = [line.strip() for line in raw.splitlines() if line.strip()]
            else:
                values[field.name] = raw
        except ValueError:
            errors[field.name] = "Not a date." if field.kind == "date" else "Not a date and time."
    return values, errors


def _at(values: dict[str, Any], unset: Any = UNSET) -> Any:
    """``occurred_at``, or the client's own "not sent" (each generated client has its own
    ``Unset`` class, and a model serialises another client's as if it were a value)."""
    return values.get("occurred_at") or unset


#: A service's client for a token (``Backends.referrals``, ``Backends.bureau``...).
OpenClient = Callable[[str], AbstractAsyncContextManager[Any]]


async def _post(
    open_client: OpenClient,
    token: str,
    endpoint: Callable[..., Awaitable[Any]],
    *path: str,
    body: Any,
    key: str,
) -> Any:
    """``body`` sent to a generated client's ``endpoint`` (its ``asyncio_detailed``), after the
    path's ids (a case's, a meeting's; none for a new meeting), with the form's key."""
    async with open_client(token) as client:
        return await endpoint(*path, client=client, body=body, idempotency_key=key)


async def _forwarding(b: Backends, token: str, case_id: str, v: dict[str, Any], key: str) -> Any:
    body = ForwardingRecord(
        communication_reference=v["communication_reference"], occurred_at=_at(v)
    )
    return await _post(
        b.referrals, token, record_forwarding.asyncio_detailed, case_id, body=body, key=key
    )


async def _press_release(b: Backends, token: str, case_id: str, v: dict[str, Any], key: str) -> Any:
    body = PressReleaseRecord(reference=v["reference"], title=v["title"], occurred_at=_at(v))
    return await _post(
        b.referrals, token, record_press_release.asyncio_detailed, case_id, body=body, key=key
    )


async def _invitation(b: Backends, token: str, case_id: str, v: dict[str, Any], key: str) -> Any:
    body = Invitation(
        meeting_id=v.get("meeting_id") or BUREAU_UNSET, occurred_at=_at(v, BUREAU_UNSET)
    )
    return await _post(
        b.bureau, token, invite_requested_state.asyncio_detailed, case_id, body=body, key=key
    )


async def _open_letter(b: Backends, token: str, case_id: str, v: dict[str, Any], key: str) -> Any:
    body = OpenLetter(
        letter_reference=v["letter_reference"],
        reply_due_on=v["reply_due_on"],
        occurred_at=_at(v, BUREAU_UNSET),
    )
    return await _post(
        b.bureau, token, send_open_letter.asyncio_detailed, case_id, body=body, key=key
    )


async def _reply(b: Backends, token: str, case_id: str, v: dict[str, Any], key: str) -> Any:
    body = OpenLetterReply(
        received_on=v["received_on"],
        letter_reference=v.get("letter_reference") or BUREAU_UNSET,
        summary=v.get("summary", ""),
        occurred_at=_at(v, BUREAU_UNSET),
    )
    return await _post(
        b.bureau, token, record_open_letter_reply.asyncio_detailed, case_id, body=body, key=key
    )


async def _schedule(b: Backends, token: str, _: str, v: dict[str, Any], key: str) -> Any:
    body = MeetingSchedule(
        meeting_id=v["meeting_id"],
        meets_on=v["meets_on"],
        agenda=v.get("agenda", ""),
        emergency=bool(v.get("emergency")),
        occurred_at=_at(v, BUREAU_UNSET),
    )
    return await _post(
        b.bureau, token, schedule_bureau_meeting.asyncio_detailed, body=body, key=key
    )


async def _held(b: Backends, token: str, meeting_id: str, v: dict[str, Any], key: str) -> Any:
    body = MeetingHeld(
        held_on=v["held_on"],
        decisions=v.get("decisions") or BUREAU_UNSET,
        occurred_at=_at(v, BUREAU_UNSET),
    )
    return await _post(
        b.bureau, token, record_bureau_meeting_held.asyncio_detailed, meeting_id, body=body, key=key
    )


OCCURRED_AT = Field("occurred_at", "When it happened (UTC; empty: now)", "datetime-local", False)
FORMS: dict[str, Form] = {
    "forwarding": Form(
        "referrals",
        (Field("communication_reference", "Reference of the communication"), OCCURRED_AT),
        _forwarding,
    ),
    "press-release": Form(
        "referrals",
        (Field("reference", "Reference"), Field("title", "Title"), OCCURRED_AT),
        _press_release,
    ),
    "invitation": Form(
        "bureau",
        (Field("meeting_id", "Bureau meeting (its id)", required=False), OCCURRED_AT),
        _invitation,
    ),
    "open-letter": Form(
        "bureau",
        (
            Field("letter_reference", "Reference of the letter"),
            Field("reply_due_on", "Reply due on", "date"),
            OCCURRED_AT,
        ),
        _open_letter,
    ),
    "open-letter-reply": Form(
        "bureau",
        (
            Field("received_on", "Received on", "date"),
            Field("letter_reference", "Reference of the letter", required=False),
            Field("summary", "Summary", required=False),
            OCCURRED_AT,
        ),
        _reply,
    ),
    "meetings/new": Form(
        "bureau",
        (
            Field("meeting_id", "Meeting id (e.g. B-2027-01)"),
            Field("meets_on", "Meets on", "date"),
            Field("agenda", "Agenda", required=False),
            Field("emergency", "Emergency meeting (P14a)", "checkbox", required=False),
            OCCURRED_AT,
        ),
        _schedule,
    ),
    "meetings/held": Form(
        "bureau",
        (
            Field("held_on", "Held on", "date"),
            Field("decisions", "Decisions (one a line)", "lines", required=False),
            OCCURRED_AT,
        ),
        _held,
    ),
}
