"""Commands of the formal response on one case (annex II paras 13-14): what an actor, a policy
or the scheduler asks this service to record.

Imperative names; each is answered by ``decide()`` with past-tense events or a named refusal.
Business time is not a field: the application passes it to ``decide()`` as ``now``. Nor is the
case id: the command goes to the stream ``formal-response:<case id>``. Nor is a session or a
Bureau meeting chosen here: ``decide()`` is given the calendar and the Bureau's meetings and
computes "the next Bureau meeting" (P14c) and "the next (or on-going) session" (P14d, P14e,
P14f) itself. A caller may name the meeting, letter or session it means; ``decide()`` refuses
one that is not the one the rule says. Free text records actions, never the merits of the
Court's request (P12).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from noncoop_shared.catalogue.bureau import Announcement, StopReason

OPEN_LETTER_REPLY = "open_letter_reply"
"""The deadline kind of P14b, one per letter: ``open_letter_reply:<letter reference>``."""
OMNIBUS_NOTING = "omnibus_noting"
"""The deadline kind of P14e: noted by the end of the session after the Court decision."""


def open_letter_reply_kind(letter_reference: str) -> str:
    """P14b: the deadline of the reply to one open letter."""
    return f"{OPEN_LETTER_REPLY}:{letter_reference}"


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
    """Issued by the scheduler, at the deadline's due instant (its business time), when a
    deadline of the stream passes (``open_letter_reply:<reference>``, ``omnibus_noting``); may
    be issued more than once for the same deadline."""

    kind: str


# --- (a) Emergency Bureau meetings (several per case) -----------------------------------------


@dataclass(frozen=True)
class ConveneEmergencyMeeting:
    """P14a: the emergency Bureau meeting ``meeting_id`` (scheduled as an emergency meeting) is
    convened on the case."""

    meeting_id: str


@dataclass(frozen=True)
class RecordEmergencyMeetingHeld:
    """P14a: the meeting received the President's report and decided further action;
    ``meeting_id`` may be left out when one convened meeting only is not yet held."""

    held_on: date
    decisions: tuple[str, ...] = ()
    meeting_id: str | None = None


@dataclass(frozen=True)
class AnnounceEmergencyMeeting:
    """P14a: the fact of convening, or the decisions, announced to all States Parties;
    ``meeting_id`` may be left out when one meeting only awaits that announcement."""

    announcement: Announcement
    text: str = ""
    meeting_id: str | None = None


# --- (b) Open letters (several per case) -------------------------------------------------------


@dataclass(frozen=True)
class SendOpenLetter:
    """P14b: the President's open letter to the requested State, asking for its views by
    ``reply_due_on``; copied to all States Parties."""

    letter_reference: str
    reply_due_on: date


@dataclass(frozen=True)
class RecordOpenLetterReply:
    """P14b: the requested State replied to the open letter ``letter_reference`` (may be left
    out when one letter only awaits a reply)."""

    received_on: date
    summary: str = ""
    letter_reference: str | None = None


# --- (c) and (d) The next Bureau meeting and the New York Working Group ------------------------


@dataclass(frozen=True)
class InviteRequestedState:
    """P14c: a representative of the requested State is invited to the next Bureau meeting
    (after the command's business day), or to ``meeting_id`` when named."""

    meeting_id: str | None = None


@dataclass(frozen=True)
class RecordAttendance:
    """P14c: the meeting was held; whether the requested State's representative attended."""

    attended: bool


@dataclass(frozen=True)
class RequestNywgPublicMeeting:
    """P14d: the Bureau asks the New York Working Group for a public meeting."""


# --- (e), (f) and (g) The session and the Security Council --------------------------------------


@dataclass(frozen=True)
class RecordOmnibusNoting:
    """P14e: the decision is noted in the omnibus resolution of the next (or on-going) session
    after the Court decision; ``session_id``, when given, must be that session."""

    session_id: str | None = None


@dataclass(frozen=True)
class RecordPlenaryDiscussion:
    """P14f: the Bureau report was discussed in plenary on ``held_on``, a day of the next (or
    on-going) session after the Court decision."""

    held_on: date
    session_id: str | None = None


@dataclass(frozen=True)
class AppointFacilitator:
    """P14f: the Bureau appointed a facilitator to consult on a draft resolution for the next
    (or on-going) session after the Court decision."""

    facilitator: str
    session_id: str | None = None


@dataclass(frozen=True)
class SendSecurityCouncilLetter:
    """P14g: the President writes to the President of the Security Council, following the
    Court decision ``decision_reference`` (default: the case's decision)."""

    letter_reference: str
    decision_reference: str | None = None


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
