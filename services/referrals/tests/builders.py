"""Commands and contexts the referrals tests build the same way: a 7(a) referral of 2015 decided
years before it is recorded (business time, docs/procedures.md), and a command's context."""

from __future__ import annotations

from datetime import date, datetime

from noncoop_shared.catalogue.common import (
    CooperationArticle,
    CourtDecision,
    CourtRequest,
    LegalBasis,
    RequestedState,
    StateStatus,
)
from noncoop_shared.commands import CommandContext
from referrals.domain.commands import RegisterCourtReferral

DECIDED_ON = date(2015, 3, 2)


def context(
    occurred_at: datetime, *, role: str = "court", key: str | None = None
) -> CommandContext:
    """A command of ``role`` at business time ``occurred_at``."""
    return CommandContext(
        actor_role=role,
        actor_id=f"{role}-1",
        occurred_at=occurred_at,
        correlation_id="corr-app",
        idempotency_key=key,
        route="/v1/test",
        body={"at": occurred_at.isoformat()},
    )


def register_referral(case_id: str) -> RegisterCourtReferral:
    """The Court refers Examplia's failure to arrest (art. 87(7)), decided on ``DECIDED_ON``."""
    return RegisterCourtReferral(
        case_id=case_id,
        decision=CourtDecision(
            reference="ICC-02/05-01/09-195",
            date=DECIDED_ON,
            chamber="Pre-Trial Chamber II",
            legal_basis=LegalBasis.STATE_PARTY,
            referred_to_assembly=True,
            referred_to_security_council=False,
        ),
        requested_state=RequestedState(
            name="Republic of Examplia", code="EXA", status=StateStatus.STATE_PARTY
        ),
        court_request=CourtRequest(
            article=CooperationArticle.ARREST_AND_SURRENDER,
            reference="ICC-02/05-01/09-1",
            date=date(2014, 11, 3),
        ),
    )
