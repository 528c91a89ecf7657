"""What the case register (referrals) has told this service about a case, with the business
time of each change.

The formal response acts on the Court's decision as the register describes it *at the command's
business time* (ADR 0015, decision 1): amended (which may add or withdraw the Security Council
referral, P14g), reversed or withdrawn (the remaining steps stop), and whether the case is
closed. A case closed on 2014-03-01 still accepts a step dated 2012-05-01 entered later, and
refuses one dated 2014-06-01. The application keeps these facts in a projection of referrals'
events on the shared log and hands them to ``decide()``; ``None`` there means that referrals has
registered no such case (or that the projection has not seen it yet).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum


class DecisionStatus(StrEnum):
    """Where the Court's decision on non-cooperation stands."""

    IN_FORCE = "in_force"
    AMENDED = "amended"
    REVERSED = "reversed"
    WITHDRAWN = "withdrawn"


class ChangeKind(StrEnum):
    """A change the register recorded on a case after its Court decision."""

    CONTINUED = "continued"
    """A 7(b) case continued as 7(a) (S7b-to-7a): the Court decision is known from then."""
    AMENDED = "amended"
    REVERSED = "reversed"
    WITHDRAWN = "withdrawn"
    CLOSED = "closed"


@dataclass(frozen=True)
class CaseChange:
    """One change, at its business time; ``referred_to_security_council`` is set when it sets
    (or changes) the Security Council referral."""

    kind: ChangeKind
    at: datetime
    referred_to_security_council: bool | None = None


@dataclass(frozen=True)
class CaseFacts:
    """One registered case with a Court decision addressed to the Assembly (P13).

    The flat fields say where the case stands after every change the register recorded;
    ``changes`` keep each change with its business time, so ``as_of`` can say where it stood at
    any time. ``referred_to_security_council`` before any change is the Court decision's own.
    """

    case_id: str
    court_decision_reference: str
    referred_to_security_council: bool
    requested_state_code: str
    decision_status: DecisionStatus = DecisionStatus.IN_FORCE
    closed: bool = False
    decision_date: date | None = None
    """The date of the Court's decision: it fixes the session of P14e and P14f and bounds every
    step's business time from below."""
    initially_referred_to_security_council: bool | None = None
    changes: tuple[CaseChange, ...] = ()

    @property
    def decision_in_force(self) -> bool:
        """The Court's decision still stands (an amended decision stands, as amended)."""
        return self.decision_status in (DecisionStatus.IN_FORCE, DecisionStatus.AMENDED)

    @property
    def name(self) -> str:
        """The case as refusals name it: ``case NC-2026-001 (EXA)``."""
        return f"case {self.case_id} ({self.requested_state_code})"

    def as_of(self, at: datetime) -> CaseFacts:
        """The case as it stood at business time ``at``: the changes dated after it are not yet
        facts. Without recorded changes, the case as it stands."""
        if not self.changes:
            return self
        initial = self.initially_referred_to_security_council
        facts = replace(
            self,
            decision_status=DecisionStatus.IN_FORCE,
            closed=False,
            referred_to_security_council=(
                self.referred_to_security_council if initial is None else initial
            ),
            changes=(),
        )
        for change in sorted(self.changes, key=lambda c: c.at):
            if change.at > at and change.kind is not ChangeKind.CONTINUED:
                continue
            facts = _apply(facts, change)
        return facts

    def with_change(self, change: CaseChange) -> CaseFacts:
        """The facts once ``change`` is recorded (the flat fields follow the latest state)."""
        initial = self.initially_referred_to_security_council
        recorded = replace(
            self,
            initially_referred_to_security_council=(
                self.referred_to_security_council if initial is None else initial
            ),
            changes=(*self.changes, change),
        )
        latest = recorded.as_of(max(c.at for c in recorded.changes))
        return replace(
            recorded,
            decision_status=latest.decision_status,
            closed=latest.closed,
            referred_to_security_council=latest.referred_to_security_council,
        )


def _apply(facts: CaseFacts, change: CaseChange) -> CaseFacts:
    referred = (
        facts.referred_to_security_council
        if change.referred_to_security_council is None
        else change.referred_to_security_council
    )
    match change.kind:
        case ChangeKind.CLOSED:
            return replace(facts, closed=True)
        case ChangeKind.CONTINUED:
            return replace(facts, referred_to_security_council=referred)
        case _:
            status = DecisionStatus(change.kind.value)
            return replace(facts, decision_status=status, referred_to_security_council=referred)
