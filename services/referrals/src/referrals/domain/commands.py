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
from noncoop_shared.catalogue.referrals import ClosureReason, Urgency


@dataclass(frozen=True)
class RegisterCourtReferral:
    """Open a 7(a) case on a Court decision addressed to the Assembly (S7, P13)."""

    case_id: str
    decision: CourtDecision
    requested_state: RequestedState
    court_request: CourtRequest | None
    persons_concerned: Sequence[PersonConcerned] = ()


@dataclass(frozen=True)
class RecordCourtFindingForInformation:
    """Record a Court finding that is not addressed to the Assembly: no procedure follows (P13)."""

    case_id: str
    decision: CourtDecision
    requested_state: RequestedState
    court_request: CourtRequest | None
    persons_concerned: Sequence[PersonConcerned] = ()


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
    """End the case's procedure, saying why."""

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
    | ReportUrgentIncident
    | ContinueUnderCourtReferral
    | RecordCourtDecisionChange
    | RecordForwarding
    | RecordPressRelease
    | CloseCase
    | ErasePersonalData
    | MarkDeadlineOverdue
)
"""Every command of the referrals service."""
