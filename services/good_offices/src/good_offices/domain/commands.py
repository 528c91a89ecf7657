"""Commands of the good offices on one case: what an actor asks this service to record.

Imperative names; each is answered by ``decide()`` with past-tense events or a named refusal.
The fields that carry a rule check are optional where the rule itself must refuse their absence
(P18: the Court not consulted, the opportunity not assessed; P19: no Bureau decision), so the
refusal names the rule instead of being a bare validation error. Free text (summaries, details)
records actions and their reasons, never the merits of the Court's request (P12, para 12).

Business time is not a field: the application passes it to ``decide()`` as ``now``. Nor is the
case id: the command goes to the stream ``good-offices:<case id>``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from good_offices.domain.travel import (
    CancelTravel,
    ConfirmTravel,
    RecordTravelInformation,
    ShareTravelInformationWithCourt,
)
from noncoop_shared.auth.roles import RegionalGroup
from noncoop_shared.catalogue.good_offices import (
    Assistant,
    Counterpart,
    Outcome,
    Verification,
)

# --- Activation (P18, P19) and the Bureau's notification (P18-notify) ---------------------------


@dataclass(frozen=True)
class ActivateOnOwnInitiative:
    """The President becomes active on own initiative (P18). The basis follows from the case:
    in 7(b), after consulting the Court (P18-own-7b); in 7(a), after consulting the Court and
    assessing that the opportunity to arrest and surrender may pass before the Bureau could
    convene an emergency meeting (P18-own-7a)."""

    court_consulted_on: date | None = None
    opportunity_assessment: str | None = None


@dataclass(frozen=True)
class ActivateByBureauDecision:
    """The President becomes active as decided by the Bureau (P19)."""

    bureau_decision_reference: str | None = None


@dataclass(frozen=True)
class DecideGoodOfficesRemainActive:
    """P19: the Bureau decided that the good offices remain active, after the President began
    them on own initiative or when the 7(b) case continued as 7(a)."""

    bureau_decision_reference: str | None = None


@dataclass(frozen=True)
class RecordBureauNotification:
    """The President notified the Bureau members of the activation (P18-notify)."""

    means: str


# --- The engagement (P20-P23) -----------------------------------------------------------------


@dataclass(frozen=True)
class RecordContact:
    """A contact with an official of the requested State or another stakeholder (P20)."""

    counterpart_kind: Counterpart
    counterpart: str
    summary: str


@dataclass(frozen=True)
class RecordCourtConsultation:
    """The President consulted the Court during the engagement (P20)."""

    summary: str


@dataclass(frozen=True)
class GiveArticle97Reminder:
    """The President reminded the requested State of art. 97 consultations with the Court (P20)."""

    summary: str = ""


@dataclass(frozen=True)
class RequestAssistance:
    """A focal point, named by its regional group, or a Bureau member is asked to assist (P20).

    Exactly one of ``region`` (for a focal point) and ``bureau_member`` is given, as
    ``assistant`` says. A focal point asked is assigned to the case from then on.
    """

    assistant: Assistant
    region: RegionalGroup | None = None
    bureau_member: str | None = None
    summary: str = ""
    focal_point_id: str | None = None
    """A focal point asked by name; it must be on the roster, for ``region``, that day."""


@dataclass(frozen=True)
class RecordAssistanceEngagement:
    """A focal point or a Bureau member asked to assist engaged with officials, the Court or
    other stakeholders (P22). The application names who records it: the focal point
    (``focal_point_id``, serving for ``region`` on the roster that day) or the Bureau member
    (``bureau_member``); only the one the President asked may (P20)."""

    region: RegionalGroup | None
    summary: str
    focal_point_id: str | None = None
    bureau_member: str | None = None


@dataclass(frozen=True)
class RecordVerification:
    """In 7(b): whether the information the President became active on was confirmed (P20)."""

    outcome: Verification
    summary: str = ""


@dataclass(frozen=True)
class RecordSecretariatAssistance:
    """The Secretariat assisted or shared information, e.g. official contact points (P23)."""

    summary: str


@dataclass(frozen=True)
class SubmitReportToBureau:
    """The President reported to the Bureau on the engagement (P21)."""

    summary: str
    un_secretariat_information: str = ""


@dataclass(frozen=True)
class Conclude:
    """The President ends the good offices, saying with what outcome."""

    outcome: Outcome
    summary: str = ""


# --- Travel information (Res. 35, annex I 3(j)): the commands live in ``travel.py`` ---------


# --- Issued by policies and the scheduler -------------------------------------------------------


@dataclass(frozen=True)
class ContinueUnder7a:
    """Referrals continued the 7(b) case as 7(a) (S7b-to-7a). Issued by a policy on referrals'
    ``case_continued_under_court_referral``; a redelivery may issue it twice."""


@dataclass(frozen=True)
class NoteCaseClosed:
    """Referrals closed the case. Issued by a policy on referrals' ``case_closed``; a
    redelivery may issue it twice."""


@dataclass(frozen=True)
class MarkDeadlineOverdue:
    """Issued by the scheduler when a deadline of the stream passes (``bureau_notification`` or
    ``travel_sharing:<travel id>``); may be issued more than once for the same deadline."""

    kind: str


GoodOfficesCommand = (
    ActivateOnOwnInitiative
    | ActivateByBureauDecision
    | DecideGoodOfficesRemainActive
    | RecordBureauNotification
    | RecordContact
    | RecordCourtConsultation
    | GiveArticle97Reminder
    | RequestAssistance
    | RecordAssistanceEngagement
    | RecordVerification
    | RecordSecretariatAssistance
    | SubmitReportToBureau
    | Conclude
    | RecordTravelInformation
    | ConfirmTravel
    | CancelTravel
    | ShareTravelInformationWithCourt
    | ContinueUnder7a
    | NoteCaseClosed
    | MarkDeadlineOverdue
)
"""Every command on a ``good-offices`` stream."""

__all__ = [
    "ActivateByBureauDecision",
    "ActivateOnOwnInitiative",
    "CancelTravel",
    "Conclude",
    "ConfirmTravel",
    "ContinueUnder7a",
    "DecideGoodOfficesRemainActive",
    "GiveArticle97Reminder",
    "GoodOfficesCommand",
    "MarkDeadlineOverdue",
    "NoteCaseClosed",
    "RecordAssistanceEngagement",
    "RecordBureauNotification",
    "RecordContact",
    "RecordCourtConsultation",
    "RecordSecretariatAssistance",
    "RecordTravelInformation",
    "RecordVerification",
    "RequestAssistance",
    "ShareTravelInformationWithCourt",
    "SubmitReportToBureau",
]
