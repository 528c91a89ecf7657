"""What the case register (referrals) has told this service about a case.

The good offices act only on a case the register holds (docs/architecture.md §2: "good_offices
refuses activation on a case that referrals has not registered"). The application keeps these facts
in a projection of referrals' events on the shared log and hands them to ``decide()``; ``None``
there means that referrals has registered no such case (or that the projection has not seen it yet).
The values below are the ones referrals uses on the wire and in its case view.

The facts keep the business time of each change of the register (the case opened, continued
under 7(a), its procedure ended by a reversal, closed), so a command is judged against the case
*as it stood at the command's business time* (``on``): a closure dated after a contact does not
refuse the contact, whatever the order in which the two were recorded.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from noncoop_shared.catalogue.common import CooperationArticle


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
    """One registered case, as the register last described it, with the business time of each
    change (``None`` where the register did not say, e.g. rows kept from before times were)."""

    case_id: str
    scenario: Scenario
    status: CaseStatus
    requested_state_code: str
    court_request_article: CooperationArticle | None = None
    """S4: art. 89 (arrest and surrender) or art. 93 (other assistance); P18-own-7a needs 89."""
    opened_at: datetime | None = None
    continued_at: datetime | None = None
    """S7b-to-7a: when the Court's referral continued the 7(b) case as 7(a)."""
    procedure_ended_at: datetime | None = None
    """When a reversal or withdrawal of the Court's decision ended the procedure."""
    closed_at: datetime | None = None

    def on(self, at: datetime) -> CaseFacts:
        """The case as it stood at business time ``at``: a continuation or closure dated later
        has not happened yet."""
        scenario, status = self.scenario, self.status
        if (
            scenario is Scenario.URGENT_CONTINUED_UNDER_REFERRAL
            and self.continued_at is not None
            and at < self.continued_at
        ):
            scenario = Scenario.URGENT_INCIDENT
        if status is CaseStatus.CLOSED and self.closed_at is not None and at < self.closed_at:
            status = CaseStatus.OPEN
        return replace(self, scenario=scenario, status=status)

    def procedure_ended_on(self, at: datetime) -> bool:
        return self.procedure_ended_at is not None and self.procedure_ended_at <= at

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
