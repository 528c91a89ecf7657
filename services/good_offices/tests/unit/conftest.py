"""Fixtures of the good offices domain tests.

What the case register says of the case (``CaseFacts`` in each scenario), the roster's regions,
the activation commands, and ``GoodOfficesLog``: a given-when-then harness that runs commands
through ``decide()`` and keeps what they record, so a test reads as "given these commands, when
this one, then these events". Sample values are session-scoped because they are immutable (and
hypothesis accepts them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime

import pytest

from good_offices.domain.commands import (
    ActivateByBureauDecision,
    ActivateOnOwnInitiative,
    GoodOfficesCommand,
)
from good_offices.domain.decide import ServiceLevels, decide
from good_offices.domain.facts import CaseFacts, CaseStatus, Scenario
from good_offices.domain.state import GoodOfficesState, fold
from noncoop_shared.auth.roles import RegionalGroup
from noncoop_shared.catalogue.base import EventPayload
from noncoop_shared.catalogue.common import CooperationArticle
from noncoop_shared.decisions import Decision, PendingEvent

CASE_ID = "NC-2026-001"
ACTIVATED_AT = datetime(2026, 3, 31, 23, 30, tzinfo=UTC)
"""When the President became active: the day before a month end, late evening."""

URGENT_CASE = CaseFacts(
    CASE_ID,
    Scenario.URGENT_INCIDENT,
    CaseStatus.OPEN,
    "EXA",
    court_request_article=CooperationArticle.ARREST_AND_SURRENDER,
)
"""A 7(b) case, open, about a request for arrest and surrender (art. 89)."""
ROSTER = frozenset(
    {
        RegionalGroup.AFRICAN,
        RegionalGroup.ASIA_PACIFIC,
        RegionalGroup.LATIN_AMERICAN_CARIBBEAN,
        RegionalGroup.WESTERN_EUROPEAN_OTHER,
    }
)
"""Four focal points (P17): the Eastern European States have none."""


@dataclass
class GoodOfficesLog:
    """One good-offices stream, in memory, and what the rest of the system tells ``decide()``:
    the case as the register describes it (``case``, changed by a test as the register would)
    and the regions with a focal point on the roster."""

    case: CaseFacts | None = URGENT_CASE
    roster_regions: frozenset[RegionalGroup] = ROSTER
    levels: ServiceLevels = field(default_factory=ServiceLevels)
    case_roster: dict[str, RegionalGroup] = field(default_factory=dict)
    """Focal points serving that day, by id (P20: a focal point asked by name)."""
    events: list[tuple[EventPayload, datetime]] = field(default_factory=list)
    recorded: list[PendingEvent] = field(default_factory=list)

    @property
    def state(self) -> GoodOfficesState:
        return fold(self.events, case_id=CASE_ID)

    def run(self, command: GoodOfficesCommand, at: datetime) -> Decision:
        decision = decide(
            self.state,
            command,
            case=self.case,
            roster_regions=self.roster_regions,
            now=at,
            levels=self.levels,
            roster_focal_points=self.case_roster,
        )
        self.events.extend((pending.payload, at) for pending in decision.events)
        self.recorded.extend(decision.events)
        return decision

    def payloads(self) -> list[EventPayload]:
        return [payload for payload, _ in self.events]


@pytest.fixture(scope="session")
def urgent_case() -> CaseFacts:
    return URGENT_CASE


@pytest.fixture(scope="session")
def referred_case() -> CaseFacts:
    """A 7(a) case: the Court referred the matter to the Assembly."""
    return replace(URGENT_CASE, scenario=Scenario.COURT_REFERRAL)


@pytest.fixture(scope="session")
def continued_case() -> CaseFacts:
    """A 7(b) case the Court has since referred: it continues as 7(a) (S7b-to-7a)."""
    return replace(URGENT_CASE, scenario=Scenario.URGENT_CONTINUED_UNDER_REFERRAL)


@pytest.fixture(scope="session")
def closed_case() -> CaseFacts:
    return replace(URGENT_CASE, status=CaseStatus.CLOSED)


@pytest.fixture(scope="session")
def information_only_case() -> CaseFacts:
    """A Court finding recorded for information: no procedure (P13)."""
    return replace(
        URGENT_CASE, scenario=Scenario.INFORMATION_ONLY, status=CaseStatus.INFORMATION_ONLY
    )


@pytest.fixture(scope="session")
def own_initiative_7b() -> ActivateOnOwnInitiative:
    return ActivateOnOwnInitiative(court_consulted_on=date(2026, 3, 30))


@pytest.fixture(scope="session")
def own_initiative_7a() -> ActivateOnOwnInitiative:
    return ActivateOnOwnInitiative(
        court_consulted_on=date(2026, 3, 31),
        opportunity_assessment=(
            "The person is expected in the requested State on 1 April and leaves on 2 April; "
            "the Bureau cannot meet before 3 April."
        ),
    )


@pytest.fixture(scope="session")
def bureau_decision() -> ActivateByBureauDecision:
    return ActivateByBureauDecision("ICC-ASP/25/Bureau/4, decision 2")


@pytest.fixture(scope="session")
def new_log() -> Callable[..., GoodOfficesLog]:
    """A factory, for tests (hypothesis ones) that need a fresh stream per example."""
    return GoodOfficesLog


@pytest.fixture
def log() -> GoodOfficesLog:
    """An empty stream on the open 7(b) case ``URGENT_CASE``."""
    return GoodOfficesLog()


@pytest.fixture
def active_7b(log: GoodOfficesLog, own_initiative_7b: ActivateOnOwnInitiative) -> GoodOfficesLog:
    """Good offices the President began on own initiative in the 7(b) case at ``ACTIVATED_AT``."""
    log.run(own_initiative_7b, ACTIVATED_AT)
    return log


@pytest.fixture
def active_7a(
    log: GoodOfficesLog, referred_case: CaseFacts, own_initiative_7a: ActivateOnOwnInitiative
) -> GoodOfficesLog:
    """Good offices the President began on own initiative in a 7(a) case at ``ACTIVATED_AT``."""
    log.case = referred_case
    log.run(own_initiative_7a, ACTIVATED_AT)
    return log


@pytest.fixture
def active_by_bureau(
    log: GoodOfficesLog, bureau_decision: ActivateByBureauDecision
) -> GoodOfficesLog:
    """Good offices the Bureau decided on the 7(b) case, from ``ACTIVATED_AT``."""
    log.run(bureau_decision, ACTIVATED_AT)
    return log
