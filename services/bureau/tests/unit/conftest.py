"""Fixtures of the formal response domain tests.

What the case register says of the case (``CaseFacts``), factories of the calendar's sessions
and the Bureau's meetings, and ``FormalResponseLog``: a given-when-then harness that runs
commands through ``decide()`` with the calendar and meetings it holds (``sessions``,
``meetings``, changed by a test as the Secretariat would) and keeps what they record, so a test
reads as "given these commands, when this one, then these events".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta

import pytest

from bureau.domain.commands import FormalResponseCommand, OpenFormalResponse
from bureau.domain.decide import decide
from bureau.domain.facts import CaseFacts
from bureau.domain.state import FormalResponseState, fold
from bureau.domain.values import Meeting
from noncoop_shared.calendar import CalendarSession, SessionKind
from noncoop_shared.catalogue.base import EventPayload
from noncoop_shared.decisions import Decision, PendingEvent

CASE_ID = "NC-2026-007"
DECIDED_ON = date(2026, 10, 30)
"""The date of the Court's decision: no step is dated before it; P14e and P14f count from it."""
OPENED_AT = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
"""When referrals' Court decision reached this service."""

CASE = CaseFacts(
    case_id=CASE_ID,
    court_decision_reference="ICC-01/99-01/26-123",
    referred_to_security_council=False,
    requested_state_code="EXA",
    decision_date=DECIDED_ON,
)
"""A Court decision in force, addressed to the Assembly only."""


@dataclass
class FormalResponseLog:
    """One formal-response stream, in memory, and what the case register tells ``decide()``
    (``case``, changed by a test as the register would)."""

    case: CaseFacts | None = CASE
    sessions: list[CalendarSession] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    events: list[tuple[EventPayload, datetime]] = field(default_factory=list)
    recorded: list[PendingEvent] = field(default_factory=list)

    @property
    def state(self) -> FormalResponseState:
        return fold(self.events, case_id=CASE_ID)

    def meeting(
        self, meets_on: date, *, emergency: bool = False, held_on: date | None = None
    ) -> str:
        """A Bureau meeting put on the Bureau's meetings; its id."""
        entry = bureau_meeting(meets_on, emergency=emergency, held_on=held_on)
        self.meetings = [m for m in self.meetings if m.meeting_id != entry.meeting_id] + [entry]
        return entry.meeting_id

    def hold(self, meeting_id: str, held_on: date) -> None:
        """The Bureau's meetings record ``meeting_id`` as held on ``held_on``."""
        self.meetings = [
            replace(m, held_on=held_on) if m.meeting_id == meeting_id else m for m in self.meetings
        ]

    def run(self, command: FormalResponseCommand, at: datetime) -> Decision:
        decision = decide(
            self.state,
            command,
            case=self.case,
            now=at,
            sessions=tuple(self.sessions),
            meetings=tuple(self.meetings),
        )
        self.events.extend((pending.payload, at) for pending in decision.events)
        self.recorded.extend(decision.events)
        return decision

    def payloads(self) -> list[EventPayload]:
        return [payload for payload, _ in self.events]


def session_starting(
    starts_on: date,
    session_id: str = "ASP-25",
    *,
    number: int = 25,
    kind: SessionKind = SessionKind.REGULAR,
    days: int = 10,
    marked: bool = False,
) -> CalendarSession:
    """A session (regular unless told) of ``days`` days from ``starts_on``."""
    return CalendarSession(
        session_id=session_id,
        number=number,
        kind=kind,
        starts_on=starts_on,
        ends_on=starts_on + timedelta(days=days - 1),
        venue="The Hague",
        takes_up_non_cooperation=marked,
    )


def bureau_meeting(
    meets_on: date, *, emergency: bool = False, held_on: date | None = None
) -> Meeting:
    kind = "EM" if emergency else "BM"
    return Meeting(f"{kind}-{meets_on.isoformat()}", meets_on, emergency, held_on)


@pytest.fixture(scope="session")
def case() -> CaseFacts:
    return CASE


@pytest.fixture(scope="session")
def seized_case() -> CaseFacts:
    """The Court also referred its finding to the Security Council."""
    return replace(CASE, referred_to_security_council=True)


@pytest.fixture(scope="session")
def session_on() -> Callable[..., CalendarSession]:
    return session_starting


@pytest.fixture(scope="session")
def meeting_on() -> Callable[..., Meeting]:
    return bureau_meeting


@pytest.fixture(scope="session")
def new_log() -> Callable[..., FormalResponseLog]:
    """A factory, for hypothesis tests that need a fresh stream per example."""
    return FormalResponseLog


@pytest.fixture
def log() -> FormalResponseLog:
    """An empty stream on ``CASE``."""
    return FormalResponseLog()


@pytest.fixture
def opened(log: FormalResponseLog) -> FormalResponseLog:
    """The formal response opened at ``OPENED_AT`` on ``CASE``."""
    log.run(OpenFormalResponse(), OPENED_AT)
    return log
