"""Request bodies of the Bureau API."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from noncoop_shared.business_time import BusinessDate
from noncoop_shared.calendar import SessionKind
from noncoop_shared.catalogue.bureau import Announcement
from noncoop_shared.web.commands import CommandBody
from noncoop_shared.web.examples import with_examples

Reference = Annotated[str, Field(min_length=1, max_length=200)]
IDENTIFIER_PATTERN = r"^[A-Za-z0-9._-]{1,60}$"
"""A session's or a meeting's id, in a body that makes one and in the paths that name it."""
Identifier = Annotated[str, Field(pattern=IDENTIFIER_PATTERN)]


class SessionSchedule(CommandBody):
    model_config = with_examples(
        {
            "session_id": "asp-16",
            "number": 16,
            "kind": "regular",
            "starts_on": "2017-12-04",
            "ends_on": "2017-12-14",
            "venue": "United Nations Headquarters, New York",
        }
    )

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

    model_config = with_examples(
        {"reason": "The Bureau decided that the special session takes up non-cooperation."}
    )

    reason: str = Field(default="", max_length=4000)


class SessionChange(CommandBody):
    model_config = with_examples(
        {
            "starts_on": "2017-12-04",
            "ends_on": "2017-12-15",
            "venue": "United Nations Headquarters, New York",
            "reason": "One more day for the resumed debate.",
        }
    )

    starts_on: BusinessDate
    ends_on: BusinessDate
    venue: str = Field(min_length=1, max_length=200)
    reason: str = Field(default="", max_length=4000)


class MeetingSchedule(CommandBody):
    model_config = with_examples(
        {
            "meeting_id": "bureau-2018-01",
            "meets_on": "2018-01-17",
            "agenda": "Non-cooperation: the Court's decision ICC-02/05-01/09-309.",
        }
    )

    meeting_id: Identifier
    meets_on: BusinessDate
    emergency: bool = False
    agenda: str = Field(default="", max_length=4000)


class MeetingHeld(CommandBody):
    model_config = with_examples(
        {
            "held_on": "2018-01-17",
            "decisions": ["The Bureau invites Jordan to a meeting to exchange views."],
        }
    )

    held_on: BusinessDate
    decisions: list[Annotated[str, Field(min_length=1, max_length=2000)]] = Field(
        default_factory=list, max_length=50
    )


class EmergencyMeetingConvening(CommandBody):
    model_config = with_examples({"meeting_id": "bureau-emergency-2017-03"})

    meeting_id: Identifier


class EmergencyMeetingHolding(CommandBody):
    model_config = with_examples(
        {
            "meeting_id": "bureau-emergency-2017-03",
            "held_on": "2017-03-24",
            "decisions": ["The President is asked to write to the Minister for Foreign Affairs."],
        }
    )

    meeting_id: Identifier | None = Field(
        default=None, description="default: the one convened meeting not yet held"
    )
    held_on: BusinessDate
    decisions: list[Annotated[str, Field(min_length=1, max_length=2000)]] = Field(
        default_factory=list, max_length=50
    )


class EmergencyMeetingAnnouncement(CommandBody):
    model_config = with_examples(
        {
            "meeting_id": "bureau-emergency-2017-03",
            "announcement": "decisions",
            "text": "The Bureau met on 24 March 2017 on an urgent matter of non-cooperation.",
        }
    )

    meeting_id: Identifier | None = Field(
        default=None, description="default: the one meeting awaiting this announcement"
    )
    announcement: Announcement
    text: str = Field(default="", max_length=4000)


class OpenLetter(CommandBody):
    model_config = with_examples(
        {"letter_reference": "ICC-ASP/16/PRES/2018/02", "reply_due_on": "2018-02-28"}
    )

    letter_reference: Reference
    reply_due_on: BusinessDate


class OpenLetterReply(CommandBody):
    model_config = with_examples(
        {
            "letter_reference": "ICC-ASP/16/PRES/2018/02",
            "received_on": "2018-02-20",
            "summary": "The State restates its view on immunities and asks for consultations.",
        }
    )

    letter_reference: Reference | None = Field(
        default=None, description="default: the one letter awaiting a reply"
    )
    received_on: BusinessDate
    summary: str = Field(default="", max_length=4000)


class Invitation(CommandBody):
    model_config = with_examples({"meeting_id": "bureau-2018-01"})

    meeting_id: Identifier | None = Field(
        default=None,
        description="default: the next Bureau meeting after the invitation's day (P14c)",
    )


class Attendance(CommandBody):
    model_config = with_examples({"attended": True})

    attended: bool


class NywgRequest(CommandBody):
    """P14d: the dates come from the case (the day the meeting of (c) was held) and the
    calendar."""

    model_config = with_examples({"occurred_at": "2018-01-18T09:00:00Z"})


SessionOfDecision = Annotated[
    Identifier | None,
    Field(
        description="optional: the session meant; refused unless it is the next (or on-going) "
        "session after the Court decision's date, which the service computes"
    ),
]


class SessionStep(CommandBody):
    """P14e: the session is the next (or on-going) one after the Court decision's date."""

    model_config = with_examples({"session_id": "asp-16"})

    session_id: SessionOfDecision = None


class PlenaryDiscussion(CommandBody):
    model_config = with_examples({"held_on": "2017-12-14", "session_id": "asp-16"})

    held_on: BusinessDate
    session_id: SessionOfDecision = None


class FacilitatorAppointment(CommandBody):
    model_config = with_examples(
        {"facilitator": "Ambassador Sergio Ugalde", "session_id": "asp-17"}
    )

    facilitator: str = Field(min_length=1, max_length=300)
    session_id: SessionOfDecision = None


class SecurityCouncilLetter(CommandBody):
    model_config = with_examples(
        {
            "letter_reference": "ICC-ASP/16/PRES/2018/03",
            "decision_reference": "ICC-02/05-01/09-309",
        }
    )

    letter_reference: Reference
    decision_reference: Reference | None = Field(
        default=None,
        description="the Court decision the letter follows (default: the case's decision); "
        "refused unless it referred the matter to the Security Council (P14g)",
    )
