"""Rule Time: every command is judged in business time, not in the order facts arrive.

A command is decided against the case as it stood at its own business time: a fact dated
later, even if recorded first, does not refuse it. A fact is never dated before the fact it
follows, nor before 1 July 2002, nor after the business time of its own record.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from noncoop_shared.catalogue.referrals import (
    CaseClosed,
    ClosureReason,
    CourtDecisionAmended,
    DecisionForwardedToStatesParties,
    PressReleaseIssued,
)
from noncoop_shared.errors import BusinessTimeOutOfBoundsError, InvalidTransitionError
from referrals.domain.commands import (
    CloseCase,
    ContinueUnderCourtReferral,
    DecisionChangeKind,
    MarkDeadlineOverdue,
    RecordCourtDecisionChange,
    RecordCourtDecisionWithoutFinding,
    RecordForwarding,
    RecordPressRelease,
)
from referrals.domain.state import DecisionStatus

from .conftest import REFERRED_AT, REPORTED_AT

SECOND = timedelta(seconds=1)
DUE_AT = REFERRED_AT + timedelta(days=1)
FORWARD = RecordForwarding("ICC-ASP/25/SP/31")
PRESS = RecordPressRelease("ICC-ASP-20260401-PR12", "President of the Assembly on Examplia")
CLOSE = CloseCase(ClosureReason.COOPERATION_OBTAINED)


def _change(kind: DecisionChangeKind, on: date) -> RecordCourtDecisionChange:
    return RecordCourtDecisionChange(
        kind=kind,
        decision_reference="ICC-01/99-01/25-57",
        change_reference="ICC-01/99-01/25-70",
        change_date=on,
    )


# -- order of arrival -------------------------------------------------------------------------


def test_a_forwarding_dated_before_a_closure_recorded_first_is_accepted(referred):
    referred.run(CLOSE, REFERRED_AT + timedelta(days=10))

    decision = referred.run(FORWARD, REFERRED_AT + timedelta(hours=2))

    (recorded,) = decision.events
    assert isinstance(recorded.payload, DecisionForwardedToStatesParties)
    assert recorded.payload.late is False
    # The closure settled the deadline already: the scheduler is not told twice.
    assert decision.deadlines == []


def test_a_press_release_dated_after_a_closure_is_refused(referred):
    referred.run(CLOSE, REFERRED_AT + timedelta(days=10))

    with pytest.raises(InvalidTransitionError, match="was closed on 2026-04-10 23:30 UTC"):
        referred.run(PRESS, REFERRED_AT + timedelta(days=10) + SECOND)


def test_a_step_is_recorded_once_whatever_business_time_the_second_one_carries(referred):
    referred.run(FORWARD, REFERRED_AT + timedelta(hours=5))

    with pytest.raises(InvalidTransitionError, match="recorded once"):
        referred.run(FORWARD, REFERRED_AT + timedelta(hours=1))


def test_a_forwarding_dated_before_a_reversal_recorded_first_is_accepted_after_it_refused(
    referred,
):
    reversed_at = REFERRED_AT + timedelta(days=3)
    referred.run(_change(DecisionChangeKind.REVERSED, reversed_at.date()), reversed_at)

    referred.run(FORWARD, reversed_at - SECOND)
    with pytest.raises(InvalidTransitionError, match="ended when"):
        referred.run(PRESS, reversed_at + SECOND)


@pytest.mark.parametrize(
    ("amended_at", "accepted"),
    [
        (REFERRED_AT + timedelta(days=5) - SECOND, True),
        (REFERRED_AT + timedelta(days=5) + SECOND, False),
    ],
)
def test_an_amendment_is_judged_on_the_decision_as_it_stood_at_its_business_time(
    referred, amended_at, accepted
):
    reversed_at = REFERRED_AT + timedelta(days=5)
    referred.run(_change(DecisionChangeKind.REVERSED, reversed_at.date()), reversed_at)

    amend = _change(DecisionChangeKind.AMENDED, amended_at.date())
    if accepted:
        (recorded,) = referred.run(amend, amended_at).events
        assert isinstance(recorded.payload, CourtDecisionAmended)
        # The fold follows business time: the reversal, dated later, is the last word.
        assert referred.state.decision_status is DecisionStatus.REVERSED
    else:
        with pytest.raises(InvalidTransitionError, match="no longer in force"):
            referred.run(amend, amended_at)


@pytest.mark.parametrize(
    "recorded",
    [DecisionChangeKind.AMENDED, DecisionChangeKind.REVERSED, DecisionChangeKind.WITHDRAWN],
)
@pytest.mark.parametrize("ending", [DecisionChangeKind.REVERSED, DecisionChangeKind.WITHDRAWN])
def test_an_ending_dated_before_a_change_already_recorded_is_refused_naming_it(
    referred, recorded, ending
):
    """In the order of their dates the change recorded first would have been refused (the
    decision no longer in force): the two Court records contradict each other."""
    changed_at = REFERRED_AT + timedelta(days=5)
    referred.run(_change(recorded, changed_at.date()), changed_at)
    earlier = REFERRED_AT + timedelta(days=2)

    with pytest.raises(BusinessTimeOutOfBoundsError) as refused:
        referred.run(_change(ending, earlier.date()), earlier)

    message = str(refused.value)
    name = {"amended": "amendment", "reversed": "reversal", "withdrawn": "withdrawal"}[recorded]
    assert f"Court's {name} ICC-01/99-01/25-70 of decision ICC-01/99-01/25-57" in message
    assert "(2026-04-05 23:30:00 UTC)" in message and "rule Time" in message
    assert refused.value.field == "body.occurred_at"


def test_a_closure_for_a_reversed_decision_dated_before_the_reversal_is_refused(referred):
    """The closure cannot precede the reversal it cites (nor any fact of the open case)."""
    reversed_at = REFERRED_AT + timedelta(days=5)
    referred.run(_change(DecisionChangeKind.REVERSED, reversed_at.date()), reversed_at)

    with pytest.raises(BusinessTimeOutOfBoundsError, match="last fact recorded"):
        referred.run(CloseCase(ClosureReason.DECISION_REVERSED), reversed_at - SECOND)
    (recorded,) = referred.run(CloseCase(ClosureReason.DECISION_REVERSED), reversed_at).events
    assert isinstance(recorded.payload, CaseClosed)


# -- not before the fact it follows -----------------------------------------------------------


@pytest.mark.parametrize("command", [FORWARD, PRESS], ids=["forwarding", "press_release"])
@pytest.mark.parametrize(
    ("offset", "accepted"), [(-SECOND, False), (timedelta(0), True), (SECOND, True)]
)
def test_a_P13_step_is_not_dated_before_the_decision_reached_the_assembly(
    referred, command, offset, accepted
):
    if accepted:
        (recorded,) = referred.run(command, REFERRED_AT + offset).events
        assert isinstance(recorded.payload, DecisionForwardedToStatesParties | PressReleaseIssued)
        return
    with pytest.raises(BusinessTimeOutOfBoundsError) as refused:
        referred.run(command, REFERRED_AT + offset)
    assert refused.value.field == "body.occurred_at"
    assert refused.value.rule == "Time"
    assert "2026-03-31 23:29:59 UTC" in refused.value.detail
    assert "2026-03-31 23:30:00 UTC" in refused.value.detail


@pytest.mark.parametrize(
    "command",
    [
        CLOSE,
        RecordCourtDecisionChange(
            DecisionChangeKind.AMENDED,
            "ICC-01/99-01/25-57",
            "ICC-01/99-01/25-70",
            date(2026, 3, 31),
        ),
    ],
    ids=["closure", "decision_change"],
)
def test_a_closure_or_decision_change_is_not_dated_before_the_case_opened(referred, command):
    with pytest.raises(BusinessTimeOutOfBoundsError, match="before the case was opened"):
        referred.run(command, REFERRED_AT - SECOND)

    assert len(referred.run(command, REFERRED_AT).events) == 1


def test_a_closure_is_not_dated_before_a_fact_recorded_on_the_open_case(referred):
    forwarded_at = REFERRED_AT + timedelta(hours=3)
    referred.run(FORWARD, forwarded_at)

    with pytest.raises(BusinessTimeOutOfBoundsError, match="last fact recorded"):
        referred.run(CLOSE, forwarded_at - SECOND)
    assert len(referred.run(CLOSE, forwarded_at).events) == 1


@pytest.mark.parametrize(("offset", "accepted"), [(-SECOND, False), (timedelta(0), True)])
def test_a_continuation_is_not_dated_before_the_urgent_incident_report(
    urgent, referral_decision, offset, accepted
):
    decision = referral_decision.model_copy(update={"date": REPORTED_AT.date()})
    command = ContinueUnderCourtReferral(decision)
    if accepted:
        assert len(urgent.run(command, REPORTED_AT + offset).events) == 1
        return
    with pytest.raises(BusinessTimeOutOfBoundsError, match="urgent incident was reported"):
        urgent.run(command, REPORTED_AT + offset)


# -- dates the commands carry -----------------------------------------------------------------

STATUTE = datetime(2002, 7, 1, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("decision_date", "accepted"),
    [(date(2002, 6, 30), False), (date(2002, 7, 1), True)],
)
def test_a_court_decision_is_not_dated_before_1_july_2002(register, log, decision_date, accepted):
    command = replace(
        register,
        decision=register.decision.model_copy(update={"date": decision_date}),
        court_request=register.court_request.model_copy(update={"date": None}),
    )
    if accepted:
        assert len(log.run(command, STATUTE).events) == 1
        return
    with pytest.raises(BusinessTimeOutOfBoundsError) as refused:
        log.run(command, STATUTE)
    assert refused.value.field == "body.decision.date"
    assert "2002-06-30" in refused.value.detail


@pytest.mark.parametrize(("days_after_receipt", "accepted"), [(0, True), (1, False)])
def test_a_court_decision_is_not_dated_after_it_reached_the_assembly(
    register, log, days_after_receipt, accepted
):
    decision_date = REFERRED_AT.date() + timedelta(days=days_after_receipt)
    command = replace(
        register, decision=register.decision.model_copy(update={"date": decision_date})
    )
    if accepted:
        assert len(log.run(command, REFERRED_AT).events) == 1
        return
    with pytest.raises(BusinessTimeOutOfBoundsError) as refused:
        log.run(command, REFERRED_AT)
    assert refused.value.field == "body.decision.date"


def test_a_court_request_is_not_dated_before_1_july_2002(register, log):
    command = replace(
        register,
        court_request=register.court_request.model_copy(update={"date": date(2002, 6, 30)}),
    )

    with pytest.raises(BusinessTimeOutOfBoundsError) as refused:
        log.run(command, REFERRED_AT)
    assert refused.value.field == "body.court_request.date"


@pytest.mark.parametrize(
    ("change_date", "accepted"),
    [(REFERRED_AT.date(), True), (REFERRED_AT.date() + timedelta(days=1), False)],
)
def test_a_decision_change_is_not_dated_after_its_own_record(referred, change_date, accepted):
    command = _change(DecisionChangeKind.AMENDED, change_date)
    if accepted:
        assert len(referred.run(command, REFERRED_AT).events) == 1
        return
    with pytest.raises(BusinessTimeOutOfBoundsError) as refused:
        referred.run(command, REFERRED_AT)
    assert refused.value.field == "body.change_date"


# -- deadlines in business time ---------------------------------------------------------------


def test_P13_deadlines_run_from_the_business_time_of_the_receipt_not_from_its_recording(
    register, log
):
    received_at = datetime(2012, 5, 1, 10, 0, tzinfo=UTC)
    command = replace(
        register, decision=register.decision.model_copy(update={"date": date(2012, 4, 30)})
    )
    command = replace(
        command, court_request=command.court_request.model_copy(update={"date": date(2012, 1, 3)})
    )

    decision = log.run(command, received_at)

    assert [d.due_at for d in decision.deadlines] == [received_at + timedelta(days=1)] * 2


@pytest.mark.parametrize("forwarded_offset", [-SECOND, SECOND], ids=["on_time", "late"])
def test_a_step_fulfilled_at_any_business_time_is_not_flagged_overdue(referred, forwarded_offset):
    referred.run(FORWARD, DUE_AT + forwarded_offset)

    assert referred.run(MarkDeadlineOverdue("forwarding"), DUE_AT).events == []


def test_the_overdue_flag_is_recorded_at_the_due_instant(referred):
    (recorded,) = referred.run(MarkDeadlineOverdue("forwarding"), DUE_AT).events

    assert recorded.payload.due_at == DUE_AT
    assert referred.events[-1][1] == DUE_AT


def test_a_forwarding_dated_before_the_due_time_entered_after_the_overdue_flag_is_on_time(
    referred,
):
    referred.run(MarkDeadlineOverdue("forwarding"), DUE_AT)

    (recorded,) = referred.run(FORWARD, DUE_AT - SECOND).events

    assert recorded.payload.late is False
    assert referred.state.forwarding.late is False


def test_a_decision_change_on_a_continued_case_is_not_dated_before_the_referral(
    urgent, referral_decision
):
    urgent.run(ContinueUnderCourtReferral(referral_decision), REFERRED_AT)
    change = _change(DecisionChangeKind.AMENDED, REFERRED_AT.date())

    with pytest.raises(BusinessTimeOutOfBoundsError, match="reached the Assembly"):
        urgent.run(change, REFERRED_AT - SECOND)
    assert len(urgent.run(change, REFERRED_AT).events) == 1


# -- refusals on a 7(b) case continued as 7(a) name what the Court may read (ADR 0023) ----------


def _refusal(log, command, at: datetime) -> str:
    with pytest.raises((BusinessTimeOutOfBoundsError, InvalidTransitionError)) as refused:
        log.run(command, at)
    return refused.value.detail


@pytest.mark.parametrize(
    "command",
    [
        RecordCourtDecisionChange(
            DecisionChangeKind.AMENDED,
            "ICC-01/99-01/25-57",
            "ICC-01/99-01/25-70",
            date(2026, 3, 31),
        ),
        RecordCourtDecisionWithoutFinding(
            "ICC-01/99-01/25-61", date(2026, 1, 2), "Pre-Trial Chamber I", "no_finding"
        ),
        "continuation",
    ],
    ids=["decision_change", "no_finding", "continuation"],
)
def test_a_refusal_on_a_continued_7b_case_never_names_its_hidden_opening(
    urgent, referral_decision, command
):
    """Finding "the Court learns the hidden opening instant from a Time refusal": the Court
    reads a 7(b) case continued as 7(a) from the referral on (its 7(b) report is restricted).
    A command of the Court dated before the report names the referral, which it may read, not
    the report's instant; dated before and after the report, a continuation gets one answer."""
    urgent.run(ContinueUnderCourtReferral(referral_decision), REFERRED_AT)
    if command == "continuation":
        command = ContinueUnderCourtReferral(referral_decision)
    hidden = (REPORTED_AT.strftime("%Y-%m-%d %H:%M"), "was reported", "case was opened")

    too_early = _refusal(urgent, command, REPORTED_AT - timedelta(days=50))

    assert not [word for word in hidden if word in too_early], too_early
    if isinstance(command, ContinueUnderCourtReferral):
        assert too_early == _refusal(urgent, command, REPORTED_AT + SECOND)
    else:
        assert REFERRED_AT.strftime("%Y-%m-%d %H:%M:%S UTC") in too_early


def test_a_refusal_on_a_case_opened_in_public_still_names_its_opening(referred):
    """A 7(a) case is public from its opening: the refusal names it, as before."""
    detail = _refusal(referred, CLOSE, REFERRED_AT - SECOND)

    assert f"before the case was opened ({REFERRED_AT:%Y-%m-%d %H:%M:%S} UTC)" in detail
