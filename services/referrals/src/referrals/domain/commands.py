"""Commands of the case register: what an actor asks the referrals service to record.

Imperative names; each is answered by ``decide()`` with past-tense events or a named refusal.
The fields that carry a rule check are optional where the rule itself must refuse their absence
(S5: no Court request; S7fn4: no urgency), so the refusal names the rule instead of being a bare
validation error. Free text (summaries, notes, urgency reasons) records actions and their
reasons, never the merits of the Court's request (P12, annex II para 12).

Business time is not a field: the application passes it to ``decide()`` as ``now``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from noncoop_shared.catalogue.common import (
    CourtDecision,
    CourtRequest,
    PersonConcerned,
    RequestedState,
)
from noncoop_shared.catalogue.referrals import ClosureReason, InformedAddressee, Urgency


@dataclass(frozen=True)
class RegisterCourtReferral:
    """Open a 7(a) case on a Court decision addressed to the Assembly (S7, P13).

    A decision about a State that is not a requested State (S4) is recorded for information
    only instead (S8); ``security_council_resolution`` names the resolution that binds it.
    """

    case_id: str
    decision: CourtDecision
    requested_state: RequestedState
    court_request: CourtRequest | None
    persons_concerned: Sequence[PersonConcerned] = ()
    security_council_resolution: str | None = None


@dataclass(frozen=True)
class RecordCourtFindingForInformation:
    """Record a Court finding for information only: not addressed to the Assembly (P13), or
    about a State that is not a requested State (S8). No procedure follows."""

    case_id: str
    decision: CourtDecision
    requested_state: RequestedState
    court_request: CourtRequest | None
    persons_concerned: Sequence[PersonConcerned] = ()
    security_council_resolution: str | None = None


@dataclass(frozen=True)
class RecordCourtInformation:
    """S-info: record a Court decision that informs the Assembly and/or the Security Council
    (e.g. of a visit of a person subject to a warrant) without referring non-cooperation."""

    case_id: str
    reference: str
    date: date
    chamber: str
    addressees: Sequence[InformedAddressee]
    subject: str
    state_concerned: RequestedState | None = None
    court_request: CourtRequest | None = None
    persons_concerned: Sequence[PersonConcerned] = ()
    related_case_id: str | None = None


@dataclass(frozen=True)
class ReportUrgentIncident:
    """Open a 7(b) case: a specific, serious incident, imminent or on-going (S7, S7fn4)."""

    case_id: str
    requested_state: RequestedState
    court_request: CourtRequest | None
    persons_concerned: Sequence[PersonConcerned] = ()
    urgency: Urgency | None = None
    urgency_reason: str | None = None


@dataclass(frozen=True)
class ContinueUnderCourtReferral:
    """The Court referred a matter handled as 7(b): the same case continues as 7(a) (S7b-to-7a).

    ``requested_state_code``, when given, is the State the decision concerns; it must be the
    case's State (S4: a case concerns one requested State).
    """

    decision: CourtDecision
    requested_state_code: str | None = None


@dataclass(frozen=True)
class RecordCourtDecisionWithoutFinding:
    """S7b-no-finding: the Court decided on the matter of a 7(b) case and made no finding of
    non-cooperation (``no_finding``) or decided not to refer it (``not_referred``)."""

    reference: str
    date: date
    chamber: str
    outcome: str
    summary: str = ""


class DecisionChangeKind(StrEnum):
    AMENDED = "amended"
    REVERSED = "reversed"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class RecordCourtDecisionChange:
    """The Court amended, reversed or withdrew the decision the case holds.

    ``referred_to_security_council`` is for an amendment that changes that referral; a reversal
    or a withdrawal does not carry it.
    """

    kind: DecisionChangeKind
    decision_reference: str
    change_reference: str
    change_date: date
    summary: str = ""
    referred_to_security_council: bool | None = None


@dataclass(frozen=True)
class RecordForwarding:
    """The Secretariat forwarded the decision to all States Parties (P13-forward)."""

    communication_reference: str


@dataclass(frozen=True)
class RecordPressRelease:
    """The President informed the public of the decision by a press release (P13-press)."""

    reference: str
    title: str


@dataclass(frozen=True)
class CloseCase:
    """End the case's procedure, saying why. ``court_made_no_finding`` cites the Court's
    decision without a finding recorded on the case (S7b-no-finding)."""

    reason: ClosureReason
    note: str = ""


@dataclass(frozen=True)
class ErasePersonalData:
    """Record that the case's personal data was erased (its data key deleted), and why."""

    reason: str


@dataclass(frozen=True)
class MarkDeadlineOverdue:
    """Issued by the scheduler when a deadline of the case (``forwarding``, ``press_release``)
    passes; may be issued more than once for the same deadline."""

    kind: str


CaseCommand = (
    RegisterCourtReferral
    | RecordCourtFindingForInformation
    | RecordCourtInformation
    | ReportUrgentIncident
    | ContinueUnderCourtReferral
    | RecordCourtDecisionWithoutFinding
    | RecordCourtDecisionChange
    | RecordForwarding
    | RecordPressRelease
    | CloseCase
    | ErasePersonalData
    | MarkDeadlineOverdue
)
"""Every command of the referrals service."""
