"""Request bodies of the Bureau API."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from noncoop_shared.business_time import BusinessDate
from noncoop_shared.calendar import SessionKind
from noncoop_shared.catalogue.bureau import Announcement
from noncoop_shared.web.commands import CommandBody

Reference = Annotated[str, Field(min_length=1, max_length=200)]
Identifier = Annotated[str, Field(pattern=r"^[A-Za-z0-9._-]{1,60}$")]


class SessionSchedule(CommandBody):
    session_id: Identifier
    number: int = Field(ge=1)
    kind: SessionKind
    starts_on: BusinessDate
    ends_on: BusinessDate
    venue: str = Field(min_length=1, max_length=200)
    takes_up_non_cooperation: bool = Field(
        default=False,
        description="a special session the Bureau marked as taking up non-cooperation",
    )


class SessionMark(CommandBody):
    """The Bureau marks a scheduled special session as taking up non-cooperation."""

    reason: str = Field(default="", max_length=4000)


class SessionChange(CommandBody):
    starts_on: BusinessDate
    ends_on: BusinessDate
    venue: str = Field(min_length=1, max_length=200)
    reason: str = Field(default="", max_length=4000)


class MeetingSchedule(CommandBody):
    meeting_id: Identifier
    meets_on: BusinessDate
    emergency: bool = False
    agenda: str = Field(default="", max_length=4000)


class MeetingHeld(CommandBody):
    held_on: BusinessDate
    decisions: list[Annotated[str, Field(min_length=1, max_length=2000)]] = Field(
        default_factory=list, max_length=50
    )


class EmergencyMeetingConvening(CommandBody):
    meeting_id: Identifier


class EmergencyMeetingHolding(CommandBody):
    meeting_id: Identifier | None = Field(
        default=None, description="default: the one convened meeting not yet held"
    )
    held_on: BusinessDate
    decisions: list[Annotated[str, Field(min_length=1, max_length=2000)]] = Field(
        default_factory=list, max_length=50
    )


class EmergencyMeetingAnnouncement(CommandBody):
    meeting_id: Identifier | None = Field(
        default=None, description="default: the one meeting awaiting this announcement"
    )
    announcement: Announcement
    text: str = Field(default="", max_length=4000)


class OpenLetter(CommandBody):
    letter_reference: Reference
    reply_due_on: BusinessDate


class OpenLetterReply(CommandBody):
    letter_reference: Reference | None = Field(
        default=None, description="default: the one letter awaiting a reply"
    )
    received_on: BusinessDate
    summary: str = Field(default="", max_length=4000)


class Invitation(CommandBody):
    meeting_id: Identifier | None = Field(
        default=None,
        description="default: the next Bureau meeting after the invitation's day (P14c)",
    )


class Attendance(CommandBody):
    attended: bool


class NywgRequest(CommandBody):
    """P14d: the dates come from the case (the day the meeting of (c) was held) and the
    calendar."""


SessionOfDecision = Annotated[
    Identifier | None,
    Field(
        description="optional: the session meant; refused unless it is the next (or on-going) "
        "session after the Court decision's date, which the service computes"
    ),
]


class SessionStep(CommandBody):
    """P14e: the session is the next (or on-going) one after the Court decision's date."""

    session_id: SessionOfDecision = None


class PlenaryDiscussion(CommandBody):
    held_on: BusinessDate
    session_id: SessionOfDecision = None


class FacilitatorAppointment(CommandBody):
    facilitator: str = Field(min_length=1, max_length=300)
    session_id: SessionOfDecision = None


class SecurityCouncilLetter(CommandBody):
    letter_reference: Reference
    decision_reference: Reference | None = Field(
        default=None,
        description="the Court decision the letter follows (default: the case's decision); "
        "refused unless it referred the matter to the Security Council (P14g)",
    )
