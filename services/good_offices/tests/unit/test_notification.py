"""P18-notify: the President notifies the Bureau members of the activation; due a service level
after it, settled when done, flagged overdue exactly once, and no longer awaited once the good
offices are concluded."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from good_offices.domain.commands import (
    ActivateOnOwnInitiative,
    Conclude,
    MarkDeadlineOverdue,
    NoteCaseClosed,
    RecordBureauNotification,
)
from good_offices.domain.decide import ServiceLevels
from noncoop_shared.access import Classification
from noncoop_shared.catalogue.good_offices import (
    BureauNotificationOverdue,
    BureauNotifiedOfActivation,
    Outcome,
)
from noncoop_shared.decisions import DeadlineSet, DeadlineSettled, Decision
from noncoop_shared.errors import InvalidTransitionError

ACTIVATED_AT = datetime(2026, 3, 31, 23, 30, tzinfo=UTC)
DUE_AT = datetime(2026, 4, 1, 23, 30, tzinfo=UTC)
"""24 hours after the activation, across the month end."""
MINUTE = timedelta(minutes=1)
NOTIFY = RecordBureauNotification("E-mail to all Bureau members")
OVERDUE = MarkDeadlineOverdue("bureau_notification")


def test_P18_notify_the_bureau_is_due_to_be_notified_24_hours_after_an_own_initiative(
    log, own_initiative_7b
):
    decision = log.run(own_initiative_7b, ACTIVATED_AT)

    assert decision.deadlines == [DeadlineSet("bureau_notification", DUE_AT, "P18-notify")]
    assert log.state.bureau_notification.due_at == DUE_AT


def test_P18_notify_does_not_run_when_the_bureau_itself_decided_the_activation(
    log, bureau_decision
):
    decision = log.run(bureau_decision, ACTIVATED_AT)

    assert decision.deadlines == []
    assert log.state.awaiting_notification() is None
    with pytest.raises(InvalidTransitionError):
        log.run(NOTIFY, ACTIVATED_AT + MINUTE)


@pytest.mark.parametrize(
    ("activated_at", "due_at"),
    [
        (datetime(2026, 2, 28, 20, 0, tzinfo=UTC), datetime(2026, 3, 1, 2, 0, tzinfo=UTC)),
        (datetime(2028, 2, 28, 20, 0, tzinfo=UTC), datetime(2028, 2, 29, 2, 0, tzinfo=UTC)),
        (datetime(2026, 12, 31, 22, 0, tzinfo=UTC), datetime(2027, 1, 1, 4, 0, tzinfo=UTC)),
    ],
    ids=["end of February", "leap day", "new year"],
)
def test_P18_notify_the_service_level_is_a_setting(new_log, activated_at, due_at):
    log = new_log(levels=ServiceLevels(bureau_notification=timedelta(hours=6)))

    consulted_the_day_before = ActivateOnOwnInitiative(
        court_consulted_on=activated_at.date() - timedelta(days=1)
    )
    decision = log.run(consulted_the_day_before, activated_at)

    assert decision.deadlines == [DeadlineSet("bureau_notification", due_at, "P18-notify")]


def test_a_service_level_cannot_be_negative():
    with pytest.raises(ValueError, match="not negative"):
        ServiceLevels(travel_sharing=timedelta(hours=-1))


def test_P18_notify_a_notification_within_the_service_level_is_on_time_and_settles_it(active_7b):
    decision = active_7b.run(NOTIFY, DUE_AT - MINUTE)

    assert decision.deadlines == [DeadlineSettled("bureau_notification")]
    (recorded,) = decision.events
    assert recorded.payload == BureauNotifiedOfActivation(
        case_id="NC-2026-001", means="E-mail to all Bureau members", due_at=DUE_AT, late=False
    )
    assert recorded.effective_classification() is Classification.BUREAU


def test_P18_notify_a_notification_at_the_due_time_itself_is_on_time(active_7b):
    (recorded,) = active_7b.run(NOTIFY, DUE_AT).events

    assert isinstance(recorded.payload, BureauNotifiedOfActivation)
    assert recorded.payload.late is False


def test_P18_notify_a_notification_after_the_due_time_is_late(active_7b):
    (recorded,) = active_7b.run(NOTIFY, DUE_AT + MINUTE).events

    assert isinstance(recorded.payload, BureauNotifiedOfActivation)
    assert recorded.payload.late is True
    assert active_7b.state.bureau_notification.late


def test_the_good_offices_keep_when_and_how_the_bureau_was_notified(active_7b):
    notified_at = datetime(2026, 4, 1, 8, 15, tzinfo=UTC)
    active_7b.run(NOTIFY, notified_at)

    notification = active_7b.state.bureau_notification
    assert (notification.done_at, notification.means) == (notified_at, NOTIFY.means)
    assert not notification.late
    assert active_7b.state.awaited() == []


def test_P18_notify_the_bureau_is_notified_once_per_activation(active_7b):
    active_7b.run(NOTIFY, datetime(2026, 4, 1, 8, 15, tzinfo=UTC))

    with pytest.raises(InvalidTransitionError) as refused:
        active_7b.run(NOTIFY, datetime(2026, 4, 1, 9, 0, tzinfo=UTC))

    assert "already notified" in refused.value.detail
    assert "on 2026-04-01 08:15 UTC (E-mail to all Bureau members)" in refused.value.detail


def test_P18_notify_a_notification_dated_in_an_earlier_period_is_that_periods(
    active_7b, own_initiative_7b
):
    """Time: the good offices were concluded and begun again on own initiative; the
    notification of the first activation, dated in the first period, is entered after the
    second began. It is the first period's (due DUE_AT, so late), and the second period's
    notification is still awaited: its deadline is not settled."""
    active_7b.run(Conclude(Outcome.NO_RESULT), ACTIVATED_AT + timedelta(days=10))
    again = ACTIVATED_AT + timedelta(days=20)
    active_7b.run(own_initiative_7b, again)

    decision = active_7b.run(NOTIFY, DUE_AT + MINUTE)

    assert [p.payload for p in decision.events] == [
        BureauNotifiedOfActivation(
            case_id="NC-2026-001", means=NOTIFY.means, due_at=DUE_AT, late=True
        )
    ]
    assert decision.deadlines == []
    state = active_7b.state
    assert state.periods[0].notification is not None
    assert state.periods[0].notification.done_at == DUE_AT + MINUTE
    assert state.awaiting_notification() == again + timedelta(hours=24)
    with pytest.raises(InvalidTransitionError, match="already notified"):
        active_7b.run(NOTIFY, DUE_AT + 2 * MINUTE)  # once per activation, the first's too
    (second,) = active_7b.run(NOTIFY, again + MINUTE).events
    assert second.payload.late is False


def test_there_is_no_bureau_notification_before_the_president_becomes_active(log):
    with pytest.raises(InvalidTransitionError) as refused:
        log.run(NOTIFY, ACTIVATED_AT)

    assert "have never been active" in refused.value.detail


def test_P18_notify_a_notification_not_done_by_its_due_time_is_flagged_overdue(active_7b):
    decision = active_7b.run(OVERDUE, DUE_AT)

    assert [p.payload for p in decision.events] == [
        BureauNotificationOverdue(case_id="NC-2026-001", due_at=DUE_AT)
    ]
    assert decision.deadlines == []
    assert active_7b.state.bureau_notification.overdue


def test_P18_notify_nothing_is_flagged_overdue_before_the_due_time(active_7b):
    assert active_7b.run(OVERDUE, DUE_AT - MINUTE) == Decision()


def test_P18_notify_the_notification_is_flagged_overdue_once_however_often_the_scheduler_fires(
    active_7b,
):
    active_7b.run(OVERDUE, DUE_AT)

    assert active_7b.run(OVERDUE, DUE_AT + MINUTE) == Decision()
    assert active_7b.run(OVERDUE, DUE_AT + timedelta(days=30)) == Decision()
    assert len(active_7b.recorded) == 2  # the activation and one overdue flag


def test_P18_notify_a_notification_done_before_the_scheduler_fires_is_never_overdue(active_7b):
    active_7b.run(NOTIFY, DUE_AT - MINUTE)

    assert active_7b.run(OVERDUE, DUE_AT + MINUTE) == Decision()


def test_P18_notify_a_notification_flagged_overdue_is_still_recorded_late_and_settles_it(
    active_7b,
):
    active_7b.run(OVERDUE, DUE_AT)

    decision = active_7b.run(NOTIFY, DUE_AT + timedelta(hours=5))

    (recorded,) = decision.events
    assert isinstance(recorded.payload, BureauNotifiedOfActivation)
    assert recorded.payload.late is True
    assert decision.deadlines == [DeadlineSettled("bureau_notification")]
    assert active_7b.state.bureau_notification.overdue


@pytest.mark.parametrize(
    "ending",
    [Conclude(Outcome.COOPERATION_OBTAINED), NoteCaseClosed()],
    ids=["concluded", "case closed"],
)
def test_P18_notify_concluding_settles_the_notification_and_nothing_is_flagged_after(
    active_7b, ending
):
    decision = active_7b.run(ending, DUE_AT - MINUTE)

    assert decision.deadlines == [DeadlineSettled("bureau_notification")]
    assert active_7b.run(OVERDUE, DUE_AT + MINUTE) == Decision()
    assert active_7b.state.awaited() == []


def test_P18_notify_concluding_after_the_notification_settles_nothing_more(active_7b):
    active_7b.run(NOTIFY, DUE_AT - MINUTE)

    decision = active_7b.run(Conclude(Outcome.NO_RESULT), DUE_AT)

    assert decision.deadlines == []


def test_P18_notify_a_stream_never_activated_has_no_notification_to_flag(log):
    assert log.run(OVERDUE, DUE_AT) == Decision()


def test_the_scheduler_may_only_fire_the_deadlines_the_good_offices_set(active_7b):
    with pytest.raises(InvalidTransitionError) as refused:
        active_7b.run(MarkDeadlineOverdue("open_letter_reply"), DUE_AT)

    assert "no deadline 'open_letter_reply'" in refused.value.detail
    assert "'bureau_notification' and 'travel_sharing:<travel id>'" in refused.value.detail
