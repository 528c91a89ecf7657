"""Fixtures of the referrals domain tests.

A requested State, a Court request and the Court's decisions, the commands that open a case, and
``CaseLog``: a given-when-then harness that runs commands through ``decide()`` and keeps what
they record, so a test reads as "given these commands, when this one, then these events".
Sample values are session-scoped because they are immutable (and hypothesis accepts them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import pytest

from noncoop_shared.catalogue.base import EventPayload
from noncoop_shared.catalogue.common import (
    CooperationArticle,
    CourtDecision,
    CourtRequest,
    LegalBasis,
    PersonConcerned,
    RequestedState,
    StateStatus,
)
from noncoop_shared.catalogue.referrals import Urgency
from noncoop_shared.decisions import Decision, PendingEvent
from referrals.domain.commands import (
    CaseCommand,
    RecordCourtFindingForInformation,
    RegisterCourtReferral,
    ReportUrgentIncident,
)
from referrals.domain.decide import ServiceLevels, decide
from referrals.domain.state import CaseState, fold

CASE_ID = "NC-2026-001"
REFERRED_AT = datetime(2026, 3, 31, 23, 30, tzinfo=UTC)
"""When the Court's referral reached the Assembly: the day before a month end, late evening."""
REPORTED_AT = datetime(2026, 3, 20, 9, 0, tzinfo=UTC)
"""When the urgent incident was reported, before any referral."""


@dataclass
class CaseLog:
    """One case stream, in memory: what each command decided, and the state it folds to."""

    levels: ServiceLevels = field(default_factory=ServiceLevels)
    events: list[tuple[EventPayload, datetime]] = field(default_factory=list)
    recorded: list[PendingEvent] = field(default_factory=list)

    @property
    def state(self) -> CaseState:
        return fold(self.events)

    def run(self, command: CaseCommand, at: datetime) -> Decision:
        decision = decide(self.state, command, at, self.levels)
        self.events.extend((pending.payload, at) for pending in decision.events)
        self.recorded.extend(decision.events)
        return decision


@pytest.fixture(scope="session")
def examplia() -> RequestedState:
    return RequestedState(name="Republic of Examplia", code="EXA", status=StateStatus.STATE_PARTY)


@pytest.fixture(scope="session")
def arrest_request() -> CourtRequest:
    return CourtRequest(
        article=CooperationArticle.ARREST_AND_SURRENDER,
        reference="ICC-01/99-01/25-12",
        date=date(2025, 11, 3),
    )


@pytest.fixture(scope="session")
def referral_decision() -> CourtDecision:
    """A finding of non-cooperation referred to the Assembly under art. 87(7)."""
    return CourtDecision(
        reference="ICC-01/99-01/25-57",
        date=date(2026, 3, 30),
        chamber="Pre-Trial Chamber I",
        legal_basis=LegalBasis.STATE_PARTY,
        referred_to_assembly=True,
        referred_to_security_council=False,
    )


@pytest.fixture(scope="session")
def finding_not_referred(referral_decision: CourtDecision) -> CourtDecision:
    return referral_decision.model_copy(
        update={"reference": "ICC-01/99-01/25-60", "referred_to_assembly": False}
    )


@pytest.fixture(scope="session")
def register(
    examplia: RequestedState, arrest_request: CourtRequest, referral_decision: CourtDecision
) -> RegisterCourtReferral:
    return RegisterCourtReferral(
        case_id=CASE_ID,
        decision=referral_decision,
        requested_state=examplia,
        court_request=arrest_request,
        persons_concerned=(
            PersonConcerned(name="A. N. Example", warrant_reference="ICC-01/99-01/25-3"),
        ),
    )


@pytest.fixture(scope="session")
def record_finding(
    examplia: RequestedState, arrest_request: CourtRequest, finding_not_referred: CourtDecision
) -> RecordCourtFindingForInformation:
    return RecordCourtFindingForInformation(
        case_id=CASE_ID,
        decision=finding_not_referred,
        requested_state=examplia,
        court_request=arrest_request,
    )


@pytest.fixture(scope="session")
def report_urgent(examplia: RequestedState, arrest_request: CourtRequest) -> ReportUrgentIncident:
    return ReportUrgentIncident(
        case_id=CASE_ID,
        requested_state=examplia,
        court_request=arrest_request,
        urgency=Urgency.IMMINENT,
        urgency_reason="The person is announced at a summit in the requested State on 2 April.",
    )


@pytest.fixture(scope="session")
def new_log() -> Callable[[], CaseLog]:
    """A factory, for tests (hypothesis ones) that need a fresh stream per example."""
    return CaseLog


@pytest.fixture
def log() -> CaseLog:
    return CaseLog()


@pytest.fixture
def referred(log: CaseLog, register: RegisterCourtReferral) -> CaseLog:
    """A 7(a) case whose referral reached the Assembly at ``REFERRED_AT``."""
    log.run(register, REFERRED_AT)
    return log


@pytest.fixture
def urgent(log: CaseLog, report_urgent: ReportUrgentIncident) -> CaseLog:
    """A 7(b) case reported at ``REPORTED_AT`` and not referred."""
    log.run(report_urgent, REPORTED_AT)
    return log


@pytest.fixture
def for_information(log: CaseLog, record_finding: RecordCourtFindingForInformation) -> CaseLog:
    """A Court finding recorded for information at ``REFERRED_AT``."""
    log.run(record_finding, REFERRED_AT)
    return log
