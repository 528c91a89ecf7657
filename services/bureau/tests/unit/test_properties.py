"""Properties that hold whatever commands arrive, in whatever order, at whatever times, and
whatever the case register says of the case meanwhile: the scheduler's promise (an overdue
reply is flagged at most once per letter, and only after its due date), the stop's finality
(nothing dated after it is recorded), and the policies' idempotence."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from bureau.domain.commands import (
    AnnounceEmergencyMeeting,
    AppointFacilitator,
    ConveneEmergencyMeeting,
    InviteRequestedState,
    MarkDeadlineOverdue,
    OpenFormalResponse,
    RecordAttendance,
    RecordEmergencyMeetingHeld,
    RecordOmnibusNoting,
    RecordOpenLetterReply,
    RecordPlenaryDiscussion,
    RequestNywgPublicMeeting,
    SendOpenLetter,
    SendSecurityCouncilLetter,
    StopFormalResponse,
)
from bureau.domain.facts import CaseFacts, DecisionStatus
from bureau.domain.values import Meeting
from noncoop_shared.calendar import CalendarSession, SessionKind
from noncoop_shared.catalogue.bureau import (
    Announcement,
    FormalResponseStopped,
    OpenLetterReplyOverdue,
    OpenLetterSent,
    StopReason,
)
from noncoop_shared.decisions import Decision
from noncoop_shared.errors import DomainError

START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
DAYS = st.integers(min_value=0, max_value=120)
IN_FORCE = CaseFacts(
    "NC-2026-007", "ICC-01/99-01/26-123", False, "EXA", decision_date=date(2026, 10, 30)
)
CASES = st.sampled_from(
    [
        IN_FORCE,
        IN_FORCE,
        IN_FORCE,
        replace(
            IN_FORCE, decision_status=DecisionStatus.AMENDED, referred_to_security_council=True
        ),
        replace(IN_FORCE, decision_status=DecisionStatus.REVERSED),
        replace(IN_FORCE, decision_status=DecisionStatus.WITHDRAWN),
        replace(IN_FORCE, closed=True),
        None,
    ]
)
"""What the register says of the case at each command: mostly a decision in force."""
REGISTERED = CASES.filter(lambda case: case is not None)
"""A policy's command on a case the register's projection has not seen yet is refused (404) and
redelivered later; idempotence is about a case the register holds."""


def _day(offset: int) -> date:
    return START.date() + timedelta(days=offset)


def _session(session_id: str, number: int, offset: int) -> CalendarSession:
    starts_on = _day(offset)
    return CalendarSession(
        session_id, number, SessionKind.REGULAR, starts_on, starts_on + timedelta(9), "NY"
    )


SESSIONS = [_session("ASP-25", 25, 30), _session("ASP-26", 26, 400)]
MEETINGS = [
    Meeting(f"{kind}-{d}", _day(d), kind == "M", held_on=_day(d) if d % 3 else None)
    for d in range(121)
    for kind in ("M", "B")
]
"""The Bureau's meetings: an emergency (M) and an ordinary (B) meeting every day, two in three
recorded as held on their day."""


COMMANDS = st.one_of(
    st.just(OpenFormalResponse()),
    st.builds(StopFormalResponse, st.sampled_from(StopReason)),
    st.sampled_from(
        [MarkDeadlineOverdue(k) for k in ("open_letter_reply:L-1", "open_letter_reply:L-2")]
    ),
    st.just(MarkDeadlineOverdue("omnibus_noting")),
    st.builds(lambda d, kind: ConveneEmergencyMeeting(f"{kind}-{d}"), DAYS, st.sampled_from("MB")),
    st.builds(lambda d: RecordEmergencyMeetingHeld(_day(d), ("Decided.",)), DAYS),
    st.builds(AnnounceEmergencyMeeting, st.sampled_from(Announcement)),
    st.builds(lambda d, ref: SendOpenLetter(ref, _day(d)), DAYS, st.sampled_from(["L-1", "L-2"])),
    st.builds(lambda d: RecordOpenLetterReply(_day(d)), DAYS),
    st.builds(lambda d: InviteRequestedState(f"B-{d}"), DAYS) | st.just(InviteRequestedState()),
    st.builds(RecordAttendance, st.booleans()),
    st.just(RequestNywgPublicMeeting()),
    st.sampled_from([RecordOmnibusNoting(), RecordOmnibusNoting("ASP-26")]),
    st.builds(lambda d: RecordPlenaryDiscussion(_day(d)), DAYS),
    st.just(AppointFacilitator("A. Facilitator")),
    st.just(SendSecurityCouncilLetter("SC-1")),
)
STEPS = st.lists(st.tuples(COMMANDS, DAYS, st.integers(0, 23), CASES), max_size=30)


def _run_all(new_log, steps):
    """Runs the steps in the order of their times, as the application would, skipping refusals."""
    log = new_log()
    log.sessions = SESSIONS
    log.meetings = MEETINGS
    timed = sorted(steps, key=lambda step: (step[1], step[2]))
    for command, days, hours, case in timed:
        log.case = case
        with suppress(DomainError):
            log.run(command, START + timedelta(days=days, hours=hours))
    return log


@settings(max_examples=300, deadline=None)
@given(STEPS)
def test_P14b_each_overdue_reply_is_flagged_at_most_once_and_only_after_its_due_date(
    new_log, steps
):
    log = _run_all(new_log, steps)

    overdue = [
        (payload, at) for payload, at in log.events if isinstance(payload, OpenLetterReplyOverdue)
    ]
    letters = {
        payload.letter_reference: payload
        for payload, _ in log.events
        if isinstance(payload, OpenLetterSent)
    }
    references = [payload.letter_reference for payload, _ in overdue]
    assert len(references) == len(set(references))
    assert all(at.date() > letters[p.letter_reference].reply_due_on for p, at in overdue)


@settings(max_examples=300, deadline=None)
@given(STEPS)
def test_nothing_is_recorded_after_the_formal_response_stopped(new_log, steps):
    log = _run_all(new_log, steps)

    kinds = [type(payload) for payload in log.payloads()]
    assert kinds.count(FormalResponseStopped) <= 1
    assert FormalResponseStopped not in kinds[:-1]


@settings(max_examples=200, deadline=None)
@given(
    STEPS,
    st.sampled_from(
        [
            OpenFormalResponse(),
            StopFormalResponse(StopReason.CASE_CLOSED),
            MarkDeadlineOverdue("open_letter_reply:L-1"),
            MarkDeadlineOverdue("omnibus_noting"),
        ]
    ),
    REGISTERED,
)
def test_a_policy_or_scheduler_command_delivered_again_decides_nothing(
    new_log, steps, command, case
):
    log = _run_all(new_log, steps)
    log.case = case
    at = START + timedelta(days=200)
    log.run(command, at)

    assert log.run(command, at) == Decision()
