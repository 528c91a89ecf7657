"""The formal response opens on a Court decision addressed to the Assembly (P13, by a policy) and
stops when the Court reverses or withdraws it or the case closes (by a policy): the steps not
done are listed, the reply no longer awaited, and nothing further is recorded. Policies may
deliver the same step twice."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from bureau.domain.commands import (
    AnnounceEmergencyMeeting,
    ConveneEmergencyMeeting,
    OpenFormalResponse,
    RecordEmergencyMeetingHeld,
    RecordOmnibusNoting,
    SendOpenLetter,
    SendSecurityCouncilLetter,
    StopFormalResponse,
)
from bureau.domain.facts import CaseChange, ChangeKind, DecisionStatus
from bureau.domain.rules import SecurityCouncilNotSeizedError
from noncoop_shared.access import Classification
from noncoop_shared.catalogue.base import meta_of
from noncoop_shared.catalogue.bureau import Announcement, FormalResponseOpened, StopReason
from noncoop_shared.decisions import DeadlineSettled, Decision
from noncoop_shared.errors import (
    BusinessTimeOutOfBoundsError,
    InvalidTransitionError,
    NotFoundError,
)

AT = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
LATER = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
ALL_STEPS = ["P14a", "P14b", "P14c", "P14d", "P14e", "P14f"]
"""Every step of para 14 but (g), on a case not referred to the Security Council."""


def test_P13_a_court_decision_addressed_to_the_assembly_opens_the_formal_response(log):
    decision = log.run(OpenFormalResponse(), AT)

    (recorded,) = decision.events
    assert recorded.payload == FormalResponseOpened(
        case_id="NC-2026-007",
        court_decision_reference="ICC-01/99-01/26-123",
        referred_to_security_council=False,
        requested_state_code="EXA",
        court_decision_date=date(2026, 10, 30),
    )
    assert meta_of(recorded.payload).rule == "P13"
    assert recorded.effective_classification() is Classification.STATES_PARTIES
    state = log.state
    assert state.opened
    assert state.opened_at == AT
    assert state.remaining_steps() == ALL_STEPS


def test_P13_an_opening_delivered_twice_opens_the_formal_response_once(opened):
    assert opened.run(OpenFormalResponse(), LATER) == Decision()
    assert len(opened.recorded) == 1


@pytest.mark.parametrize("status", [DecisionStatus.REVERSED, DecisionStatus.WITHDRAWN])
def test_P13_a_decision_the_register_already_says_no_longer_stands_opens_nothing(log, status):
    log.case = replace(log.case, decision_status=status)

    assert log.run(OpenFormalResponse(), AT) == Decision()
    assert not log.state.opened


def test_P13_a_closed_case_opens_nothing(log):
    log.case = replace(log.case, closed=True)

    assert log.run(OpenFormalResponse(), AT) == Decision()


def test_opening_on_a_case_the_register_does_not_hold_is_not_found(log):
    log.case = None

    with pytest.raises(NotFoundError) as refused:
        log.run(OpenFormalResponse(), AT)

    assert "No case NC-2026-007 is registered" in refused.value.detail


def test_a_step_on_a_case_with_no_formal_response_is_not_found(log):
    with pytest.raises(NotFoundError) as refused:
        log.run(SendOpenLetter("L-1", date(2026, 12, 1)), AT)

    assert "There is no formal response on case NC-2026-007" in refused.value.detail
    assert log.events == []


def test_a_stop_after_reversal_lists_the_steps_not_done_and_settles_the_awaited_reply(opened):
    opened.run(ConveneEmergencyMeeting(opened.meeting(date(2026, 11, 3), emergency=True)), AT)
    opened.run(RecordEmergencyMeetingHeld(date(2026, 11, 3), ("Open letter.",)), LATER)
    opened.run(AnnounceEmergencyMeeting(Announcement.CONVENING), LATER)
    opened.run(AnnounceEmergencyMeeting(Announcement.DECISIONS), LATER)
    opened.run(SendOpenLetter("L-1", date(2026, 12, 1)), LATER)
    opened.case = replace(opened.case, decision_status=DecisionStatus.REVERSED)

    decision = opened.run(StopFormalResponse(StopReason.DECISION_REVERSED), LATER)

    (recorded,) = decision.events
    assert recorded.payload.reason is StopReason.DECISION_REVERSED
    assert recorded.payload.remaining_steps == ["P14b", "P14c", "P14d", "P14e", "P14f"]
    assert decision.deadlines == [
        DeadlineSettled("open_letter_reply:L-1"),
        DeadlineSettled("omnibus_noting"),
    ]
    state = opened.state
    assert state.stopped is StopReason.DECISION_REVERSED
    assert state.emergency_meetings[0].held_on == date(2026, 11, 3)  # nothing recorded changes


def test_a_stop_with_no_reply_awaited_settles_only_the_noting(opened):
    decision = opened.run(StopFormalResponse(StopReason.CASE_CLOSED), AT)

    assert decision.events[0].payload.remaining_steps == ALL_STEPS
    assert decision.deadlines == [DeadlineSettled("omnibus_noting")]


def test_a_stopped_formal_response_refuses_later_steps_naming_the_reason(opened):
    opened.run(StopFormalResponse(StopReason.DECISION_WITHDRAWN), AT)

    with pytest.raises(InvalidTransitionError) as refused:
        opened.run(SendOpenLetter("L-1", date(2026, 12, 1)), LATER)

    assert "stopped on 2026-11-02 09:00 UTC" in refused.value.detail
    assert "the Court withdrew its decision" in refused.value.detail
    assert len(opened.recorded) == 2


def test_a_stop_delivered_twice_stops_once(opened):
    opened.run(StopFormalResponse(StopReason.DECISION_REVERSED), AT)

    assert opened.run(StopFormalResponse(StopReason.CASE_CLOSED), LATER) == Decision()
    assert opened.state.stopped is StopReason.DECISION_REVERSED


def test_a_stop_where_no_formal_response_was_opened_decides_nothing(log):
    assert log.run(StopFormalResponse(StopReason.CASE_CLOSED), AT) == Decision()


def test_a_step_is_refused_once_the_register_says_the_decision_was_withdrawn_before_the_stop(
    opened,
):
    opened.case = replace(opened.case, decision_status=DecisionStatus.WITHDRAWN)

    with pytest.raises(InvalidTransitionError) as refused:
        opened.run(SendOpenLetter("L-1", date(2026, 12, 1)), LATER)

    assert "ICC-01/99-01/26-123 on case NC-2026-007 (EXA) was withdrawn" in refused.value.detail


def test_a_step_is_refused_once_the_register_closed_the_case(opened):
    opened.case = replace(opened.case, closed=True)

    with pytest.raises(InvalidTransitionError) as refused:
        opened.run(SendOpenLetter("L-1", date(2026, 12, 1)), LATER)

    assert "case NC-2026-007 (EXA) was closed" in refused.value.detail


def test_an_amended_decision_still_stands_and_its_steps_are_recorded(opened, session_on):
    opened.sessions = [session_on(date(2026, 12, 1))]
    opened.case = replace(opened.case, decision_status=DecisionStatus.AMENDED)

    decision = opened.run(RecordOmnibusNoting(), datetime(2026, 12, 2, tzinfo=UTC))

    assert len(decision.events) == 1


# --- Business time: judged as the case stood at the command's business time -------------------

STOP_AT = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("sent_at", "accepted"),
    [
        (datetime(2026, 11, 20, 14, 59, tzinfo=UTC), True),  # dated before the stop
        (STOP_AT, False),  # at the stop
        (datetime(2026, 11, 21, tzinfo=UTC), False),  # after it
    ],
)
def test_a_step_dated_before_a_stop_recorded_earlier_is_accepted_one_dated_after_refused(
    opened, sent_at, accepted
):
    opened.run(StopFormalResponse(StopReason.CASE_CLOSED), STOP_AT)  # arrives first

    if accepted:
        assert len(opened.run(SendOpenLetter("L-1", date(2026, 12, 1)), sent_at).events) == 1
    else:
        with pytest.raises(InvalidTransitionError, match="stopped on 2026-11-20 15:00 UTC"):
            opened.run(SendOpenLetter("L-1", date(2026, 12, 1)), sent_at)


@pytest.mark.parametrize(
    ("kind", "status_word"),
    [
        (ChangeKind.CLOSED, "was closed"),
        (ChangeKind.REVERSED, "was reversed"),
        (ChangeKind.WITHDRAWN, "was withdrawn"),
    ],
)
def test_the_register_is_read_as_of_the_commands_business_time(opened, kind, status_word):
    """A case closed (or a decision reversed) on 20 November, recorded first, still accepts an
    open letter dated 19 November entered later, and refuses one dated 21 November."""
    opened.case = opened.case.with_change(CaseChange(kind, STOP_AT))

    with pytest.raises(InvalidTransitionError, match=status_word):
        opened.run(SendOpenLetter("L-2", date(2026, 12, 1)), datetime(2026, 11, 21, tzinfo=UTC))
    decision = opened.run(
        SendOpenLetter("L-1", date(2026, 12, 1)), datetime(2026, 11, 19, tzinfo=UTC)
    )

    assert len(decision.events) == 1


def test_a_security_council_referral_added_by_an_amendment_counts_from_its_business_time(
    opened,
):
    opened.case = opened.case.with_change(
        CaseChange(ChangeKind.AMENDED, STOP_AT, referred_to_security_council=True)
    )
    assert opened.case.referred_to_security_council

    with pytest.raises(SecurityCouncilNotSeizedError, match="as it stood \\(in force\\)"):
        opened.run(SendSecurityCouncilLetter("SC-1"), datetime(2026, 11, 19, tzinfo=UTC))
    decision = opened.run(SendSecurityCouncilLetter("SC-1"), datetime(2026, 11, 21, tzinfo=UTC))

    assert len(decision.events) == 1


@pytest.mark.parametrize(
    ("at", "accepted"),
    [
        (datetime(2026, 10, 29, 23, 59, tzinfo=UTC), False),
        (datetime(2026, 10, 30, tzinfo=UTC), True),
    ],
)
def test_no_step_is_dated_before_the_court_decision(opened, at, accepted):
    if accepted:
        assert len(opened.run(SendOpenLetter("L-1", date(2026, 12, 1)), at).events) == 1
    else:
        with pytest.raises(BusinessTimeOutOfBoundsError) as refused:
            opened.run(SendOpenLetter("L-1", date(2026, 12, 1)), at)
        assert refused.value.field == "body.occurred_at"
        assert "before the Court decision ICC-01/99-01/26-123 (2026-10-30)" in refused.value.detail
