"""Request bodies of the Bureau API."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field

from noncoop_shared.catalogue.bureau import Announcement, SessionKind
from noncoop_shared.web.commands import CommandBody

Reference = Annotated[str, Field(min_length=1, max_length=200)]
Identifier = Annotated[str, Field(pattern=r"^[A-Za-z0-9._-]{1,60}$")]


class SessionSchedule(CommandBody):
    session_id: Identifier
    number: int = Field(ge=1)
    kind: SessionKind
    starts_on: dt.date
    ends_on: dt.date
    venue: str = Field(min_length=1, max_length=200)


class SessionChange(CommandBody):
    starts_on: dt.date
    ends_on: dt.date
    venue: str = Field(min_length=1, max_length=200)
    reason: str = Field(default="", max_length=4000)


class MeetingSchedule(CommandBody):
    meeting_id: Identifier
    meets_on: dt.date
    emergency: bool = False
    agenda: str = Field(default="", max_length=4000)


class MeetingHeld(CommandBody):
    held_on: dt.date
    decisions: list[Annotated[str, Field(min_length=1, max_length=2000)]] = Field(
        default_factory=list, max_length=50
    )


class EmergencyMeetingConvening(CommandBody):
    meeting_id: Identifier


class EmergencyMeetingHolding(CommandBody):
    held_on: dt.date
    decisions: list[Annotated[str, Field(min_length=1, max_length=2000)]] = Field(
        default_factory=list, max_length=50
    )


class EmergencyMeetingAnnouncement(CommandBody):
    announcement: Announcement
    text: str = Field(default="", max_length=4000)


class OpenLetter(CommandBody):
    letter_reference: Reference
    reply_due_on: dt.date


class OpenLetterReply(CommandBody):
    received_on: dt.date
    summary: str = Field(default="", max_length=4000)


class Invitation(CommandBody):
    meeting_id: Identifier | None = Field(
        default=None, description="default: the next Bureau meeting on the calendar (P14c)"
    )


class Attendance(CommandBody):
    attended: bool


class NywgRequest(CommandBody):
    """P14d: the dates come from the case (the meeting of (c)) and the calendar."""


class SessionStep(CommandBody):
    """P14e/f: the session is the next (or on-going) one on the calendar."""


class PlenaryDiscussion(CommandBody):
    held_on: dt.date


class FacilitatorAppointment(CommandBody):
    facilitator: str = Field(min_length=1, max_length=300)


class SecurityCouncilLetter(CommandBody):
    letter_reference: Reference
