"""How the good offices end, and what the case register's later steps do to them: the President
concludes them; a closure of the case concludes them (policy); a Court referral of the 7(b) case
continues them under 7(a) (policy, S7b-to-7a). Policies may deliver the same step twice."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from good_offices.domain.commands import (
    Conclude,
    ContinueUnder7a,
    NoteCaseClosed,
    RecordBureauNotification,
    RecordContact,
    RecordVerification,
)
from good_offices.domain.state import Conclusion
from noncoop_shared.catalogue.base import meta_of
from noncoop_shared.catalogue.good_offices import (
    ActivationBasis,
    Counterpart,
    GoodOfficesConcluded,
    GoodOfficesContinuedUnder7a,
    Outcome,
    TriggerInformationVerified,
    Verification,
)
from noncoop_shared.decisions import DeadlineSettled, Decision
from noncoop_shared.errors import BusinessTimeOutOfBoundsError, InvalidTransitionError

AT = datetime(2026, 4, 1, 10, 0, tzinfo=UTC)
LATER = datetime(2026, 4, 30, 16, 0, tzinfo=UTC)


def test_concluding_records_the_outcome_and_ends_the_good_offices(active_7b):
    decision = active_7b.run(Conclude(Outcome.COOPERATION_OBTAINED, "Surrendered."), AT)

    assert [p.payload for p in decision.events] == [
        GoodOfficesConcluded(
            case_id="NC-2026-001", outcome=Outcome.COOPERATION_OBTAINED, summary="Surrendered."
        )
    ]
    state = active_7b.state
    assert not state.active
    assert state.activated
    assert state.conclusion == Conclusion(Outcome.COOPERATION_OBTAINED, AT)


def test_good_offices_are_concluded_once(active_7b):
    active_7b.run(Conclude(Outcome.NO_RESULT), AT)

    with pytest.raises(InvalidTransitionError) as refused:
        active_7b.run(Conclude(Outcome.OTHER), LATER)

    assert "were not active on 2026-04-30 16:00 UTC" in refused.value.detail


def test_the_president_does_not_conclude_as_case_closed_while_the_register_has_the_case_open(
    active_7b,
):
    with pytest.raises(InvalidTransitionError) as refused:
        active_7b.run(Conclude(Outcome.CASE_CLOSED), AT)

    assert "when the case register closes the case" in refused.value.detail
    assert active_7b.state.active


@pytest.mark.parametrize(
    ("verified", "says"),
    [(None, "no verification is recorded"), (Verification.VERIFIED, "recorded as verified")],
)
def test_concluding_as_information_not_confirmed_needs_a_verification_that_did_not_confirm_it(
    active_7b, verified, says
):
    if verified is not None:
        active_7b.run(RecordVerification(verified), AT)

    with pytest.raises(InvalidTransitionError) as refused:
        active_7b.run(Conclude(Outcome.INFORMATION_NOT_CONFIRMED), LATER)

    assert says in refused.value.detail
    assert "Record the verification first (annex II para 20)" in refused.value.detail


def test_good_offices_conclude_as_information_not_confirmed_once_it_was_not_confirmed(active_7b):
    active_7b.run(RecordVerification(Verification.NOT_CONFIRMED), AT)

    active_7b.run(Conclude(Outcome.INFORMATION_NOT_CONFIRMED), LATER)

    state = active_7b.state
    assert state.conclusion == Conclusion(Outcome.INFORMATION_NOT_CONFIRMED, LATER)
    assert state.verification is Verification.NOT_CONFIRMED


def test_a_conclusion_as_not_confirmed_is_not_dated_before_the_verification_it_rests_on(
    active_7b,
):
    """Time: the verification is recorded first but dated LATER; a conclusion dated AT rests on
    a fact that had not happened then, whatever the order of recording."""
    active_7b.run(RecordVerification(Verification.NOT_CONFIRMED), LATER)

    with pytest.raises(BusinessTimeOutOfBoundsError) as refused:
        active_7b.run(Conclude(Outcome.INFORMATION_NOT_CONFIRMED), AT)

    assert "before the verification that did not confirm it" in refused.value.detail
    assert active_7b.run(Conclude(Outcome.INFORMATION_NOT_CONFIRMED), LATER).events


def test_Time_of_two_conclusions_the_earlier_in_business_time_ends_the_good_offices(active_7b):
    """The conclusion dated LATER is recorded first; one dated AT, while they were still active,
    is entered after it (a history entered late). Recorded day by day, AT's would have ended
    them and LATER's been refused: AT's stands, and a step dated between is refused."""
    active_7b.run(Conclude(Outcome.NO_RESULT), LATER)

    assert active_7b.run(Conclude(Outcome.COOPERATION_OBTAINED), AT).events
    state = active_7b.state
    assert state.conclusion == Conclusion(Outcome.COOPERATION_OBTAINED, AT)
    assert [p.concluded_at for p in state.periods] == [AT]

    contact = RecordContact(Counterpart.OTHER_STAKEHOLDER, "Embassy", "Called.")
    with pytest.raises(InvalidTransitionError, match="were not active on"):
        active_7b.run(contact, AT + timedelta(days=1))


def test_Time_a_conclusion_dated_in_an_earlier_period_ends_that_period_not_the_current_one(
    active_7b, own_initiative_7b
):
    """Good offices concluded AT and begun again LATER; a conclusion dated in the first period,
    before AT, is entered now. It ends the first period there; the second goes on, its Bureau
    notification still awaited (no deadline settled)."""
    active_7b.run(Conclude(Outcome.NO_RESULT), AT)
    active_7b.run(own_initiative_7b, LATER)
    in_first_period = AT - timedelta(hours=1)

    decision = active_7b.run(Conclude(Outcome.OTHER), in_first_period)

    assert decision.deadlines == []
    state = active_7b.state
    assert state.active and state.conclusion is None
    assert [p.concluded_at for p in state.periods] == [in_first_period, None]
    assert state.awaiting_notification() is not None


def test_Time_a_conclusion_dated_in_an_earlier_period_rests_on_that_periods_verification(
    active_7b, own_initiative_7b
):
    """P20 with Time: the first period's information was not confirmed (AT), the period ended
    LATER with no result, and a second period began, not verified yet. A conclusion as
    information not confirmed dated in the first period, entered now, rests on the first
    period's verification, as it would have recorded day by day: accepted there, and refused
    in the second period, which has none."""
    active_7b.run(RecordVerification(Verification.NOT_CONFIRMED), AT)
    active_7b.run(Conclude(Outcome.NO_RESULT), LATER)
    active_7b.run(own_initiative_7b, LATER + timedelta(days=1))

    in_first_period = AT + timedelta(hours=1)
    assert active_7b.run(Conclude(Outcome.INFORMATION_NOT_CONFIRMED), in_first_period).events
    with pytest.raises(InvalidTransitionError, match="no verification is recorded"):
        active_7b.run(Conclude(Outcome.INFORMATION_NOT_CONFIRMED), LATER + timedelta(days=2))

    state = active_7b.state
    assert [p.concluded_at for p in state.periods] == [in_first_period, None]
    assert state.active


def test_Time_a_conclusion_dated_in_an_earlier_period_does_not_rest_on_a_later_verification(
    active_7b, own_initiative_7b
):
    """The other way round: the first period ended LATER unverified; the second period's
    information was not confirmed. A conclusion as information not confirmed dated in the first
    period is refused as that period has no verification (not as dated before the second
    period's verification, which it never rested on)."""
    active_7b.run(Conclude(Outcome.NO_RESULT), LATER)
    second = LATER + timedelta(days=1)
    active_7b.run(own_initiative_7b, second)
    active_7b.run(RecordVerification(Verification.NOT_CONFIRMED), second + timedelta(hours=1))

    with pytest.raises(InvalidTransitionError) as refused:
        active_7b.run(Conclude(Outcome.INFORMATION_NOT_CONFIRMED), AT)

    assert "no verification is recorded" in refused.value.detail
    assert [p.concluded_at for p in active_7b.state.periods] == [LATER, None]


def test_a_closure_of_the_case_concludes_active_good_offices_and_settles_the_notification(
    active_7b, closed_case
):
    active_7b.case = closed_case

    decision = active_7b.run(NoteCaseClosed(), AT)

    assert [p.payload for p in decision.events] == [
        GoodOfficesConcluded(case_id="NC-2026-001", outcome=Outcome.CASE_CLOSED)
    ]
    assert decision.deadlines == [DeadlineSettled("bureau_notification")]
    assert active_7b.state.conclusion == Conclusion(Outcome.CASE_CLOSED, AT)


def test_a_closure_delivered_twice_concludes_the_good_offices_once(active_7b):
    active_7b.run(NoteCaseClosed(), AT)

    assert active_7b.run(NoteCaseClosed(), AT) == Decision()
    assert len(active_7b.recorded) == 2  # the activation and one conclusion


def test_a_closure_concludes_nothing_where_the_president_never_became_active(log, closed_case):
    log.case = closed_case

    assert log.run(NoteCaseClosed(), AT) == Decision()


def test_a_closure_leaves_good_offices_the_president_concluded_as_they_were(active_7b):
    active_7b.run(Conclude(Outcome.NO_RESULT), AT)

    assert active_7b.run(NoteCaseClosed(), LATER) == Decision()
    assert active_7b.state.conclusion == Conclusion(Outcome.NO_RESULT, AT)


def test_Time_a_closure_dated_before_a_conclusion_recorded_first_concludes_them_as_closed(
    active_7b,
):
    """A history entered late: the President's conclusion dated LATER is recorded first, the
    register's closure dated AT after it. Recorded day by day, the closure would have concluded
    them, and the President's conclusion been refused: the closure's stands."""
    active_7b.run(Conclude(Outcome.NO_RESULT), LATER)

    (recorded,) = active_7b.run(NoteCaseClosed(), AT).events

    assert recorded.payload == GoodOfficesConcluded(
        case_id="NC-2026-001", outcome=Outcome.CASE_CLOSED
    )
    assert active_7b.state.conclusion == Conclusion(Outcome.CASE_CLOSED, AT)
    assert active_7b.run(NoteCaseClosed(), AT) == Decision()  # delivered again: once


def test_a_closure_after_the_bureau_was_notified_settles_nothing_more(active_7b):
    active_7b.run(RecordBureauNotification("Letter to the Bureau"), AT)

    decision = active_7b.run(NoteCaseClosed(), LATER)

    assert len(decision.events) == 1
    assert decision.deadlines == []


def test_S7b_to_7a_active_good_offices_continue_under_7a(active_7b, continued_case):
    active_7b.case = continued_case

    decision = active_7b.run(ContinueUnder7a(), AT)

    (recorded,) = decision.events
    assert recorded.payload == GoodOfficesContinuedUnder7a(case_id="NC-2026-001")
    assert meta_of(recorded.payload).rule == "S7b-to-7a"
    assert decision.deadlines == []
    state = active_7b.state
    assert state.continued_under_7a
    assert state.active
    assert state.basis is ActivationBasis.OWN_INITIATIVE_7B


def test_S7b_to_7a_a_continuation_delivered_twice_is_recorded_once(active_7b):
    active_7b.run(ContinueUnder7a(), AT)

    assert active_7b.run(ContinueUnder7a(), LATER) == Decision()
    assert len(active_7b.recorded) == 2


def test_S7b_to_7a_good_offices_never_begun_have_nothing_to_continue(log):
    assert log.run(ContinueUnder7a(), AT) == Decision()
    assert not log.state.continued_under_7a


def test_S7b_to_7a_concluded_good_offices_are_not_continued(active_7b):
    active_7b.run(Conclude(Outcome.NO_RESULT), AT)

    assert active_7b.run(ContinueUnder7a(), LATER) == Decision()


def test_S7b_to_7a_the_7b_information_is_still_verified_after_the_continuation(
    active_7b, continued_case
):
    active_7b.case = continued_case
    active_7b.run(ContinueUnder7a(), AT)

    (recorded,) = active_7b.run(RecordVerification(Verification.VERIFIED), LATER).events

    assert isinstance(recorded.payload, TriggerInformationVerified)
