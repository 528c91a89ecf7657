"""Commands of the formal response on one case (annex II paras 13-14): what an actor, a policy
or the scheduler asks this service to record.

Imperative names; each is answered by ``decide()`` with past-tense events or a named refusal.
Business time is not a field: the application passes it to ``decide()`` as ``now``. Nor is the
case id: the command goes to the stream ``formal-response:<case id>``. Sessions and Bureau
meetings come in as the values the calendar and meetings modules computed (``Session``,
``Meeting``), as they stand when the command is decided: a session moved since a step was
planned is passed with its new dates. Free text records actions, never the merits of the
Court's request (P12).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bureau.domain.values import Meeting, Session
from noncoop_shared.catalogue.bureau import Announcement, StopReason

OPEN_LETTER_REPLY = "open_letter_reply"
"""The deadline kind of P14b: the requested State's reply to the open letter."""


# --- Issued by policies and the scheduler ------------------------------------------------------


@dataclass(frozen=True)
class OpenFormalResponse:
    """Referrals recorded a Court decision addressed to the Assembly, or continued a 7(b) case
    as 7(a) (P13, S7b-to-7a). Issued by a policy; a redelivery may issue it twice."""


@dataclass(frozen=True)
class StopFormalResponse:
    """The Court reversed or withdrew its decision, or the case closed: the remaining steps
    stop. Issued by a policy; a redelivery may issue it twice."""

    reason: StopReason


@dataclass(frozen=True)
class MarkDeadlineOverdue:
    """Issued by the scheduler when a deadline of the stream passes (``open_letter_reply``);
    may be issued more than once for the same deadline."""

    kind: str


# --- (a) The emergency Bureau meeting ----------------------------------------------------------


@dataclass(frozen=True)
class ConveneEmergencyMeeting:
    """P14a: an emergency Bureau meeting is convened at short notice on the case."""

    meeting: Meeting


@dataclass(frozen=True)
class RecordEmergencyMeetingHeld:
    """P14a: the meeting received the President's report and decided further action."""

    held_on: date
    decisions: tuple[str, ...] = ()


@dataclass(frozen=True)
class AnnounceEmergencyMeeting:
    """P14a: the fact of convening, or the decisions, announced to all States Parties."""

    announcement: Announcement
    text: str = ""


# --- (b) The open letter -----------------------------------------------------------------------


@dataclass(frozen=True)
class SendOpenLetter:
    """P14b: the President's open letter to the requested State, asking for its views by
    ``reply_due_on``; copied to all States Parties."""

    letter_reference: str
    reply_due_on: date


@dataclass(frozen=True)
class RecordOpenLetterReply:
    """P14b: the requested State replied to the open letter."""

    received_on: date
    summary: str = ""


# --- (c) and (d) The next Bureau meeting and the New York Working Group ------------------------


@dataclass(frozen=True)
class InviteRequestedState:
    """P14c: a representative of the requested State is invited to the next Bureau meeting."""

    meeting: Meeting


@dataclass(frozen=True)
class RecordAttendance:
    """P14c: whether the requested State's representative attended."""

    attended: bool


@dataclass(frozen=True)
class RequestNywgPublicMeeting:
    """P14d: the Bureau asks the New York Working Group for a public meeting. ``next_session``
    is the next Assembly session as scheduled now (``None``: none is scheduled)."""

    next_session: Session | None


# --- (e), (f) and (g) The session and the Security Council --------------------------------------


@dataclass(frozen=True)
class RecordOmnibusNoting:
    """P14e: the decision is noted in the omnibus resolution of ``session``, the next or
    on-going session (``None``: none is scheduled)."""

    session: Session | None


@dataclass(frozen=True)
class RecordPlenaryDiscussion:
    """P14f: the Bureau report was discussed in plenary at ``session`` on ``held_on``."""

    session: Session
    held_on: date


@dataclass(frozen=True)
class AppointFacilitator:
    """P14f: the Bureau appointed a facilitator to consult on a draft resolution at ``session``."""

    session: Session
    facilitator: str


@dataclass(frozen=True)
class SendSecurityCouncilLetter:
    """P14g: the President writes to the President of the Security Council."""

    letter_reference: str


FormalResponseCommand = (
    OpenFormalResponse
    | ConveneEmergencyMeeting
    | RecordEmergencyMeetingHeld
    | AnnounceEmergencyMeeting
    | SendOpenLetter
    | RecordOpenLetterReply
    | InviteRequestedState
    | RecordAttendance
    | RequestNywgPublicMeeting
    | RecordOmnibusNoting
    | RecordPlenaryDiscussion
    | AppointFacilitator
    | SendSecurityCouncilLetter
    | StopFormalResponse
    | MarkDeadlineOverdue
)
"""Every command on a ``formal-response`` stream."""
