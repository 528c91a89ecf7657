"""Events of the Bureau service: the Assembly calendar, Bureau meetings and the formal response
to a Court referral (annex II paras 13-15; docs/procedures.md P13-P15).

Streams: ``assembly-calendar`` (sessions), ``bureau-meetings`` (the Bureau's meetings), both
registry streams keyed by their own name; and ``formal-response:<case id>`` per case (Kafka key:
the case id). Classifications: meeting records are the Bureau's; what is announced to States
Parties (the convening and decisions of an emergency meeting, open letters and their copies, the
invitation of the requested State) is ``states_parties``; the calendar, a public NYWG meeting,
the omnibus resolution and the plenary are ``public``.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import Field

from noncoop_shared.access import Classification
from noncoop_shared.calendar import SessionKind
from noncoop_shared.catalogue.base import EventPayload, PersonalData, event
from noncoop_shared.rules import Rule

SERVICE = "bureau"
CALENDAR_STREAM = "assembly-calendar"
MEETINGS_STREAM = "bureau-meetings"
FORMAL_RESPONSE_STREAM_PREFIX = "formal-response:"

Reference = Annotated[str, Field(min_length=1, max_length=200)]
Text = Annotated[str, Field(max_length=4000)]


def formal_response_stream(case_id: str) -> str:
    return f"{FORMAL_RESPONSE_STREAM_PREFIX}{case_id}"


# --- The Assembly calendar -------------------------------------------------------------------


@event(service=SERVICE, name="session_scheduled", version=1, classification=Classification.PUBLIC)
class SessionScheduled(EventPayload):
    """A session of the Assembly is scheduled: regular (numbered), resumed or special."""

    session_id: str = Field(pattern=r"^[A-Za-z0-9._-]{1,40}$", examples=["ASP-25"])
    number: int = Field(ge=1, description="the regular session it belongs to (or follows)")
    kind: SessionKind
    starts_on: dt.date
    ends_on: dt.date
    venue: str = Field(min_length=1, max_length=200)
    takes_up_non_cooperation: bool = Field(
        default=False,
        description="a special session: the Bureau marked it as taking up non-cooperation, so it "
        "counts as 'the next (or on-going) session' (docs/procedures.md, The Assembly calendar)",
    )


@event(
    service=SERVICE,
    name="session_marked_for_non_cooperation",
    version=1,
    classification=Classification.PUBLIC,
)
class SessionMarkedForNonCooperation(EventPayload):
    """The Bureau marked a scheduled special session as taking up non-cooperation: from now on
    it counts as 'the next (or on-going) session' (P14d, P14e, P14f, P15)."""

    session_id: str
    reason: Text = ""


@event(service=SERVICE, name="session_rescheduled", version=1, classification=Classification.PUBLIC)
class SessionRescheduled(EventPayload):
    session_id: str
    starts_on: dt.date
    ends_on: dt.date
    venue: str = Field(min_length=1, max_length=200)
    reason: Text = ""


# --- The Bureau's meetings -------------------------------------------------------------------


@event(
    service=SERVICE,
    name="bureau_meeting_scheduled",
    version=1,
    classification=Classification.BUREAU,
)
class BureauMeetingScheduled(EventPayload):
    meeting_id: str = Field(pattern=r"^[A-Za-z0-9._-]{1,60}$")
    meets_on: dt.date
    emergency: bool = False
    agenda: Text = ""


@event(service=SERVICE, name="bureau_meeting_held", version=1, classification=Classification.BUREAU)
class BureauMeetingHeld(EventPayload):
    meeting_id: str
    held_on: dt.date
    decisions: list[Annotated[str, Field(min_length=1, max_length=2000)]] = Field(
        default_factory=list, max_length=50
    )


# --- The formal response on a case (P13-P14) -----------------------------------------------------


@event(
    service=SERVICE,
    name="formal_response_opened",
    version=1,
    classification=Classification.STATES_PARTIES,
    rule=Rule.P13,
)
class FormalResponseOpened(EventPayload):
    """Opened by a policy when referrals records a Court decision addressed to the Assembly
    (never by hand, P13)."""

    case_id: str
    court_decision_reference: str
    referred_to_security_council: bool
    requested_state_code: str
    court_decision_date: dt.date | None = Field(
        default=None,
        description="the date of the Court's decision: no step of the formal response is dated "
        "before it, and it fixes the session of P14e and P14f",
    )


@event(
    service=SERVICE,
    name="emergency_meeting_convened",
    version=1,
    classification=Classification.BUREAU,
    rule=Rule.P14A,
)
class EmergencyMeetingConvened(EventPayload):
    """(a) An emergency Bureau meeting, convened at short notice for the case."""

    case_id: str
    meeting_id: str
    meets_on: dt.date


@event(
    service=SERVICE,
    name="emergency_meeting_held",
    version=1,
    classification=Classification.BUREAU,
    rule=Rule.P14A,
)
class EmergencyMeetingHeld(EventPayload):
    """(a) It received the President's report and decided further action."""

    case_id: str
    meeting_id: str
    held_on: dt.date
    decisions: list[Annotated[str, Field(min_length=1, max_length=2000)]] = Field(
        default_factory=list, max_length=50
    )


class Announcement(StrEnum):
    CONVENING = "convening"
    DECISIONS = "decisions"


@event(
    service=SERVICE,
    name="emergency_meeting_announced",
    version=1,
    classification=Classification.STATES_PARTIES,
    rule=Rule.P14A,
)
class EmergencyMeetingAnnounced(EventPayload):
    """(a) The fact of convening, or the decisions, announced to all States Parties."""

    case_id: str
    meeting_id: str
    announcement: Announcement
    text: Text = ""


@event(
    service=SERVICE,
    name="open_letter_sent",
    version=1,
    classification=Classification.STATES_PARTIES,
    rule=Rule.P14B,
)
class OpenLetterSent(EventPayload):
    """(b) The President's open letter to the requested State, copied to all States Parties."""

    case_id: str
    letter_reference: Reference
    reply_due_on: dt.date


@event(
    service=SERVICE,
    name="open_letter_reply_received",
    version=1,
    classification=Classification.STATES_PARTIES,
    rule=Rule.P14B,
)
class OpenLetterReplyReceived(EventPayload):
    """(b) The requested State replied to the open letter ``letter_reference`` (absent on
    records made when a case had one letter only: that letter)."""

    case_id: str
    letter_reference: str | None = None
    received_on: dt.date
    summary: Text = ""
    late: bool


@event(
    service=SERVICE,
    name="open_letter_reply_overdue",
    version=1,
    classification=Classification.STATES_PARTIES,
    rule=Rule.P14B,
)
class OpenLetterReplyOverdue(EventPayload):
    """(b) The reply to ``letter_reference`` did not come by its due date (absent on records
    made when a case had one letter only: that letter)."""

    case_id: str
    letter_reference: str | None = None
    reply_due_on: dt.date


@event(
    service=SERVICE,
    name="requested_state_invited",
    version=1,
    classification=Classification.STATES_PARTIES,
    rule=Rule.P14C,
)
class RequestedStateInvited(EventPayload):
    """(c) A representative of the requested State is invited to the next Bureau meeting."""

    case_id: str
    meeting_id: str
    meets_on: dt.date


@event(
    service=SERVICE,
    name="requested_state_attendance_recorded",
    version=1,
    classification=Classification.BUREAU,
    rule=Rule.P14C,
)
class RequestedStateAttendanceRecorded(EventPayload):
    """(c) The Bureau meeting the requested State was invited to was held, and the State's
    attendance (or absence) recorded: P14c is done with this event."""

    case_id: str
    meeting_id: str
    attended: bool
    held_on: dt.date | None = Field(
        default=None, description="the day the meeting was held (absent on older records)"
    )


@event(
    service=SERVICE,
    name="nywg_public_meeting_requested",
    version=1,
    classification=Classification.PUBLIC,
    rule=Rule.P14D,
)
class NywgPublicMeetingRequested(EventPayload):
    """(d) The Bureau asks the New York Working Group for a public meeting: only after the Bureau
    meeting of (c) was held, and when the next (or on-going) session then starts more than three
    calendar months after the day it was held."""

    case_id: str
    bureau_meeting_on: dt.date = Field(description="the day the Bureau meeting of (c) was held")
    next_session_id: str
    next_session_starts_on: dt.date
    bureau_meeting_id: str | None = None
    session_must_start_after: dt.date | None = Field(
        default=None, description="three calendar months after the held day"
    )


@event(
    service=SERVICE,
    name="omnibus_noting_recorded",
    version=1,
    classification=Classification.PUBLIC,
    rule=Rule.P14E,
)
class OmnibusNotingRecorded(EventPayload):
    """(e) The decision is noted in the omnibus resolution of the next (or on-going) session
    after the Court decision's date."""

    case_id: str
    session_id: str
    court_decision_date: dt.date | None = None


@event(
    service=SERVICE,
    name="omnibus_noting_overdue",
    version=1,
    classification=Classification.PUBLIC,
    rule=Rule.P14E,
)
class OmnibusNotingOverdue(EventPayload):
    """(e) The session after the Court decision closed without the decision noted in its
    omnibus resolution."""

    case_id: str
    session_id: str
    session_closed_on: dt.date


@event(
    service=SERVICE,
    name="plenary_discussion_recorded",
    version=1,
    classification=Classification.PUBLIC,
    rule=Rule.P14F,
)
class PlenaryDiscussionRecorded(EventPayload):
    case_id: str
    session_id: str
    held_on: dt.date


@event(
    service=SERVICE,
    name="facilitator_appointed",
    version=1,
    classification=Classification.STATES_PARTIES,
    rule=Rule.P14F,
)
class FacilitatorAppointed(EventPayload):
    case_id: str
    session_id: str
    facilitator: PersonalData = Field(min_length=1, max_length=300)


@event(
    service=SERVICE,
    name="security_council_letter_sent",
    version=1,
    classification=Classification.STATES_PARTIES,
    rule=Rule.P14G,
)
class SecurityCouncilLetterSent(EventPayload):
    """(g) The President writes to the President of the Security Council: only where the Court
    referred its finding to the Council."""

    case_id: str
    letter_reference: Reference
    decision_reference: str | None = Field(
        default=None,
        description="the Court decision (referring the matter to the Council) it follows",
    )


class StopReason(StrEnum):
    DECISION_REVERSED = "decision_reversed"
    DECISION_WITHDRAWN = "decision_withdrawn"
    CASE_CLOSED = "case_closed"


@event(
    service=SERVICE,
    name="formal_response_stopped",
    version=1,
    classification=Classification.STATES_PARTIES,
    rule=Rule.P13,
)
class FormalResponseStopped(EventPayload):
    """The Court reversed or withdrew its decision, or the case closed: the remaining steps stop;
    nothing recorded before changes."""

    case_id: str
    reason: StopReason
    remaining_steps: list[str] = Field(default_factory=list)
