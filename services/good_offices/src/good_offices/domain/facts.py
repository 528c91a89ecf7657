"""What the case register (referrals) has told this service about a case.

The good offices act only on a case the register holds (DESIGN.md §2: "good_offices refuses
activation on a case that referrals has not registered"). The application keeps these facts in a
projection of referrals' events on the shared log and hands them to ``decide()``; ``None`` there
means that referrals has registered no such case (or that the projection has not seen it yet).
The values below are the ones referrals uses on the wire and in its case view.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Scenario(StrEnum):
    """How the case came to the Assembly (S7; S7b-to-7a)."""

    COURT_REFERRAL = "7a"
    URGENT_INCIDENT = "7b"
    URGENT_CONTINUED_UNDER_REFERRAL = "7b_continued_as_7a"
    INFORMATION_ONLY = "information_only"


class CaseStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    INFORMATION_ONLY = "information_only"


@dataclass(frozen=True)
class CaseFacts:
    """One registered case, as the register last described it."""

    case_id: str
    scenario: Scenario
    status: CaseStatus
    requested_state_code: str

    @property
    def with_procedure(self) -> bool:
        """A Court finding recorded for information only has no procedure (P13)."""
        return (
            self.scenario is not Scenario.INFORMATION_ONLY
            and self.status is not CaseStatus.INFORMATION_ONLY
        )

    @property
    def name(self) -> str:
        """The case as refusals name it: ``case NC-2026-001 (EXA)``."""
        return f"case {self.case_id} ({self.requested_state_code})"
