"""The service levels of P13: forwarding to States Parties (P13-forward) and the press release
(P13-press) are due after the referral, settled when done, and flagged overdue exactly once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from noncoop_shared.catalogue.referrals import (
    CourtDecisionReceived,
    DecisionForwardedToStatesParties,
    DecisionForwardingOverdue,
    PressReleaseIssued,
    PressReleaseOverdue,
)
from noncoop_shared.decisions import DeadlineSet, DeadlineSettled, Decision
from noncoop_shared.errors import InvalidTransitionError
from referrals.domain.commands import (
    MarkDeadlineOverdue,
    RecordForwarding,
    RecordPressRelease,
)
from referrals.domain.decide import ServiceLevels
from referrals.domain.state import DeadlineKind

REFERRED_AT = datetime(2026, 3, 31, 23, 30, tzinfo=UTC)
DUE_AT = datetime(2026, 4, 1, 23, 30, tzinfo=UTC)
"""One day after the referral, across the month end."""
MINUTE = timedelta(minutes=1)

FORWARD = RecordForwarding("ICC-ASP/25/SP/31")
PRESS = RecordPressRelease("ICC-ASP-20260401-PR12", "President of the Assembly on Examplia")


def test_P13_forward_and_P13_press_are_due_one_day_after_the_referral_across_a_month_end(
    register, log
):
    decision = log.run(register, REFERRED_AT)

    assert decision.deadlines == [
        DeadlineSet("forwarding", DUE_AT, "P13-forward"),
        DeadlineSet("press_release", DUE_AT, "P13-press"),
    ]
    (recorded,) = decision.events
    assert isinstance(recorded.payload, CourtDecisionReceived)
    assert recorded.payload.forwarding_due_at == DUE_AT
    assert recorded.payload.press_release_due_at == DUE_AT


def test_service_levels_are_settings(register, new_log):
    log = new_log(levels=ServiceLevels(forwarding=timedelta(hours=4), press_release=timedelta(2)))

    decision = log.run(register, REFERRED_AT)

    assert decision.deadlines == [
        DeadlineSet("forwarding", datetime(2026, 4, 1, 3, 30, tzinfo=UTC), "P13-forward"),
        DeadlineSet("press_release", datetime(2026, 4, 2, 23, 30, tzinfo=UTC), "P13-press"),
    ]


def test_a_service_level_cannot_be_negative():
    with pytest.raises(ValueError, match="not negative"):
        ServiceLevels(forwarding=timedelta(hours=-1))


def test_P13_forward_a_forwarding_within_the_service_level_is_on_time_and_settles_it(referred):
    decision = referred.run(FORWARD, DUE_AT - MINUTE)

    assert decision.deadlines == [DeadlineSettled("forwarding")]
    (recorded,) = decision.events
    assert recorded.payload == DecisionForwardedToStatesParties(
        case_id="NC-2026-001",
        communication_reference="ICC-ASP/25/SP/31",
        due_at=DUE_AT,
        late=False,
    )


def test_P13_forward_a_forwarding_at_the_due_time_itself_is_on_time(referred):
    (recorded,) = referred.run(FORWARD, DUE_AT).events

    assert isinstance(recorded.payload, DecisionForwardedToStatesParties)
    assert recorded.payload.late is False


def test_P13_forward_a_forwarding_after_the_due_time_is_late(referred):
    (recorded,) = referred.run(FORWARD, DUE_AT + MINUTE).events

    assert isinstance(recorded.payload, DecisionForwardedToStatesParties)
    assert recorded.payload.late is True


def test_P13_press_a_press_release_after_the_due_time_is_late_and_settles_it(referred):
    decision = referred.run(PRESS, DUE_AT + timedelta(days=3))

    assert decision.deadlines == [DeadlineSettled("press_release")]
    (recorded,) = decision.events
    assert recorded.payload == PressReleaseIssued(
        case_id="NC-2026-001",
        reference="ICC-ASP-20260401-PR12",
        title="President of the Assembly on Examplia",
        due_at=DUE_AT,
        late=True,
    )


def test_P13_press_a_press_release_within_the_service_level_is_on_time(referred):
    (recorded,) = referred.run(PRESS, DUE_AT - MINUTE).events

    assert isinstance(recorded.payload, PressReleaseIssued)
    assert recorded.payload.late is False


def test_the_case_keeps_when_each_step_was_done_and_its_reference(referred):
    forwarded_at = datetime(2026, 4, 1, 10, 15, tzinfo=UTC)
    released_at = datetime(2026, 4, 2, 8, 0, tzinfo=UTC)
    referred.run(FORWARD, forwarded_at)
    referred.run(PRESS, released_at)

    state = referred.state
    assert (state.forwarding.done_at, state.forwarding.reference) == (
        forwarded_at,
        "ICC-ASP/25/SP/31",
    )
    assert not state.forwarding.late
    assert (state.press_release.done_at, state.press_release.reference) == (
        released_at,
        "ICC-ASP-20260401-PR12",
    )
    assert state.press_release.late
    assert state.awaited() == []


@pytest.mark.parametrize(
    ("command", "says"),
    [
        (FORWARD, "already forwarded to States Parties on 2026-04-01 10:15 UTC"),
        (PRESS, "already announced by press release on 2026-04-01 10:15 UTC"),
    ],
)
def test_each_P13_step_is_recorded_once(referred, command, says):
    referred.run(command, datetime(2026, 4, 1, 10, 15, tzinfo=UTC))

    with pytest.raises(InvalidTransitionError) as refused:
        referred.run(command, datetime(2026, 4, 1, 11, 0, tzinfo=UTC))

    assert says in refused.value.detail
    assert "NC-2026-001" in refused.value.detail


@pytest.mark.parametrize(
    ("case", "says"),
    [
        ("urgent", "known only as an urgent incident (7(b))"),
        ("for_information", "recorded for information only"),
    ],
)
@pytest.mark.parametrize("command", [FORWARD, PRESS], ids=["forwarding", "press release"])
def test_nothing_is_forwarded_or_announced_on_a_case_the_court_has_not_referred(
    request, case, says, command
):
    log = request.getfixturevalue(case)

    with pytest.raises(InvalidTransitionError) as refused:
        log.run(command, DUE_AT)

    assert says in refused.value.detail


@pytest.mark.parametrize(
    ("kind", "overdue"),
    [
        ("forwarding", DecisionForwardingOverdue(case_id="NC-2026-001", due_at=DUE_AT)),
        ("press_release", PressReleaseOverdue(case_id="NC-2026-001", due_at=DUE_AT)),
    ],
)
def test_a_step_not_done_by_its_due_time_is_flagged_overdue(referred, kind, overdue):
    decision = referred.run(MarkDeadlineOverdue(kind), DUE_AT)

    assert [p.payload for p in decision.events] == [overdue]
    assert referred.state.step(DeadlineKind(kind)).overdue


@pytest.mark.parametrize("kind", ["forwarding", "press_release"])
def test_no_step_is_flagged_overdue_before_its_due_time(referred, kind):
    assert referred.run(MarkDeadlineOverdue(kind), DUE_AT - MINUTE) == Decision()


@pytest.mark.parametrize("kind", ["forwarding", "press_release"])
def test_a_step_is_flagged_overdue_once_however_often_the_scheduler_fires(referred, kind):
    referred.run(MarkDeadlineOverdue(kind), DUE_AT)

    assert referred.run(MarkDeadlineOverdue(kind), DUE_AT + MINUTE) == Decision()
    assert referred.run(MarkDeadlineOverdue(kind), DUE_AT + timedelta(days=9)) == Decision()
    assert len(referred.recorded) == 2  # the referral and one overdue flag


@pytest.mark.parametrize(
    ("kind", "done"), [("forwarding", FORWARD), ("press_release", PRESS)], ids=["fwd", "press"]
)
def test_a_step_done_before_the_scheduler_fires_is_never_overdue(referred, kind, done):
    referred.run(done, DUE_AT - MINUTE)

    assert referred.run(MarkDeadlineOverdue(kind), DUE_AT + MINUTE) == Decision()


def test_flagging_one_step_overdue_leaves_the_other_awaited(referred):
    referred.run(MarkDeadlineOverdue("forwarding"), DUE_AT)

    assert not referred.state.press_release.overdue
    assert len(referred.run(MarkDeadlineOverdue("press_release"), DUE_AT).events) == 1


def test_a_step_flagged_overdue_is_still_recorded_when_done_and_is_late(referred):
    referred.run(MarkDeadlineOverdue("forwarding"), DUE_AT)

    decision = referred.run(FORWARD, DUE_AT + timedelta(hours=5))

    (recorded,) = decision.events
    assert isinstance(recorded.payload, DecisionForwardedToStatesParties)
    assert recorded.payload.late is True
    assert decision.deadlines == [DeadlineSettled("forwarding")]
    assert referred.state.forwarding.overdue
    assert referred.state.forwarding.done_at == DUE_AT + timedelta(hours=5)


def test_a_case_never_referred_has_nothing_to_flag_overdue(urgent):
    assert urgent.run(MarkDeadlineOverdue("forwarding"), DUE_AT) == Decision()


def test_the_scheduler_may_only_fire_the_deadlines_the_register_sets(referred):
    with pytest.raises(InvalidTransitionError) as refused:
        referred.run(MarkDeadlineOverdue("open_letter_reply"), DUE_AT)

    assert "'open_letter_reply'" in refused.value.detail
    assert "'forwarding', 'press_release'" in refused.value.detail
