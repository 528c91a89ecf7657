"""What every command route needs: the Idempotency-Key header, the command's context (who, when,
which correlation), and the answer with its replay marker."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any, TypeVar

from fastapi import Header, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import AfterValidator, AwareDatetime, BaseModel, BeforeValidator, ConfigDict, Field

from noncoop_shared.auth.principal import Principal
from noncoop_shared.business_time import instant_in_bounds, iso_date_text
from noncoop_shared.clock import Clock
from noncoop_shared.commands import CommandContext, CommandResult
from noncoop_shared.imports.marker import imported_entry
from noncoop_shared.web.correlation import current_correlation_id

CLOCK_SKEW = timedelta(minutes=5)
"""How far in the future a given business time may lie (clocks of client systems drift)."""

STATUTE_IN_FORCE = datetime(2002, 7, 1, tzinfo=UTC)
"""The Rome Statute entered into force on 1 July 2002: no fact of these procedures is older
(docs/procedures.md, Time)."""

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=200,
        pattern=r"^[\x21-\x7e]+$",
        description="Send the same key to retry a command safely: the first result is returned.",
    ),
]


def command_context(
    request: Request,
    clock: Clock,
    principal: Principal,
    *,
    occurred_at: datetime | None,
    idempotency_key: str | None,
    body: Any,
) -> CommandContext:
    """The context of one command; a business time in the future, or before the Statute
    entered into force, is a 422 on ``occurred_at`` (rule Time)."""
    now = clock.now()
    if occurred_at is not None and occurred_at < STATUTE_IN_FORCE:
        raise RequestValidationError(
            [
                {
                    "loc": ("body", "occurred_at"),
                    "msg": f"occurred_at {occurred_at.isoformat()} lies before 1 July 2002, "
                    "when the Rome Statute entered into force (rule Time)",
                    "type": "value_error",
                }
            ]
        )
    if occurred_at is not None and occurred_at > now + CLOCK_SKEW:
        raise RequestValidationError(
            [
                {
                    "loc": ("body", "occurred_at"),
                    "msg": f"occurred_at {occurred_at.isoformat()} lies in the future "
                    f"(now is {now.isoformat()})",
                    "type": "value_error",
                }
            ]
        )
    imported = imported_entry(request.scope)
    return CommandContext(
        actor_role=principal.role.value,
        actor_id=principal.subject,
        occurred_at=occurred_at or now,
        correlation_id=current_correlation_id(),
        # An entry of a history import names its importer (ADR 0017).
        causation_id=imported.causation_id if imported is not None else None,
        idempotency_key=idempotency_key,
        route=request.url.path,
        body=body,
    )


class RecordedEventRef(BaseModel):
    """One event a command recorded."""

    id: str = Field(description="the event's id (a UUID)")
    type: str = Field(description="its wire type")
    classification: str = Field(description="who may read it")


class CommandRecorded(BaseModel):
    """What a recorded command answers (``noncoop_shared.commands.answer_recorded``): what it was
    about, the stream's new version and the events it recorded (none when it changed nothing)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "case_id": "01935f4e-7c1a-7d2e-9b3f-5a6c7d8e9f01",
                    "stream_version": 3,
                    "events": [
                        {
                            "id": "01935f52-0b7e-7a41-8c2d-3e4f5a6b7c8d",
                            "type": "noncoop.good_offices.contact_recorded.v1",
                            "classification": "restricted",
                        }
                    ],
                }
            ]
        }
    )

    case_id: str | None = Field(default=None, description="the case, for a case's command")
    travel_id: str | None = Field(default=None, description="the travel, for travel information")
    stream: str | None = Field(default=None, description="the registry stream, for the calendar")
    stream_version: int = Field(description="pass as consistent_with=<case_id>:<version>")
    events: list[RecordedEventRef]


def answer(result: CommandResult) -> JSONResponse:
    headers = {"Idempotent-Replayed": "true"} if result.replayed else {}
    return JSONResponse(result.body, status_code=result.status_code, headers=headers)


def representable_in_utc(value: datetime) -> datetime:
    """The services read times in UTC; an offset that pushes the instant outside the years 1
    to 9999 (``0001-01-01T00:00:00+14:00``) cannot be, so it is a 422 on the field rather
    than an OverflowError (a 500) deep in a domain or a query."""
    try:
        value.astimezone(UTC)
    except OverflowError:
        raise ValueError("the instant lies outside the years 1 to 9999 in UTC") from None
    return value


EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2199, 12, 31)
"""The calendar a caller's dates live in (ADR 0021). Far wider than any date of the procedures,
far enough from the ends of Python's calendar (years 1 and 9999) that no deadline, day's end or
"day before" computed from a date overflows: a reply due on 9999-12-31 was a 500 where its
deadline was computed. The procedures' own lower bound (rule Time) is checked later."""

_Dated = TypeVar("_Dated", date, datetime)


def within_calendar(value: _Dated) -> _Dated:
    """``value`` if its day lies between :data:`EARLIEST_DATE` and :data:`LATEST_DATE`."""
    day = value.date() if isinstance(value, datetime) else value
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise ValueError(
            f"{value.isoformat()} lies outside the years {EARLIEST_DATE.year} to {LATEST_DATE.year}"
        )
    return value


UtcInstant = Annotated[
    AwareDatetime, AfterValidator(representable_in_utc), AfterValidator(within_calendar)
]
"""An aware date-time that has a UTC form, within the calendar: for business times and
``as_of`` parameters."""

BusinessInstant = Annotated[UtcInstant, AfterValidator(instant_in_bounds)]
"""A business time a command carries: also within the bounds of rule Time (1 July 2002 to the
end of 2199), checked with the body, before any record is looked at."""


IsoDate = Annotated[date, BeforeValidator(iso_date_text), AfterValidator(within_calendar)]
"""A calendar date, as ``YYYY-MM-DD`` only, within the calendar: for every date a caller gives,
in a query or a body (a test sweeps the request bodies of every service for it)."""


class CommandBody(BaseModel):
    """What every command body has: strict fields (an unknown field is a 422) and the optional
    business time."""

    model_config = ConfigDict(extra="forbid")

    occurred_at: BusinessInstant | None = Field(
        default=None,
        description="When it happened (business time, with a timezone); defaults to now. "
        "May not lie in the future.",
    )


def body_context(
    request: Request,
    clock: Clock,
    principal: Principal,
    idempotency_key: str | None,
    body: CommandBody,
) -> CommandContext:
    """The context of a command sent as ``body``: its business time and its fingerprint."""
    return command_context(
        request,
        clock,
        principal,
        occurred_at=body.occurred_at,
        idempotency_key=idempotency_key,
        body=body.model_dump(mode="json"),
    )
