"""What the case register (referrals) has told this service about a case.

The formal response acts on the Court's decision as the register last described it: amended
(which may add or withdraw the Security Council referral, P14g), reversed or withdrawn (the
remaining steps stop), and whether the case is closed. The application keeps these facts in a
projection of referrals' events on the shared log and hands them to ``decide()``; ``None`` there
means that referrals has registered no such case (or that the projection has not seen it yet).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class DecisionStatus(StrEnum):
    """Where the Court's decision on non-cooperation stands."""

    IN_FORCE = "in_force"
    AMENDED = "amended"
    REVERSED = "reversed"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class CaseFacts:
    """One registered case with a Court decision addressed to the Assembly (P13)."""

    case_id: str
    court_decision_reference: str
    referred_to_security_council: bool
    requested_state_code: str
    decision_status: DecisionStatus = DecisionStatus.IN_FORCE
    closed: bool = False

    @property
    def decision_in_force(self) -> bool:
        """The Court's decision still stands (an amended decision stands, as amended)."""
        return self.decision_status in (DecisionStatus.IN_FORCE, DecisionStatus.AMENDED)

    @property
    def name(self) -> str:
        """The case as refusals name it: ``case NC-2026-001 (EXA)``."""
        return f"case {self.case_id} ({self.requested_state_code})"
