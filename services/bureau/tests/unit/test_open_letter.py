"""P14b: open letters of the President (several may be sent on a case, each with its own
reference) ask the requested State for its views by a due date; each letter's reply is tracked,
on time or late, or its due date passing (flagged once, by the scheduler, at the due instant)
under the letter's own deadline ``open_letter_reply:<reference>``."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bureau.domain.commands import (
    MarkDeadlineOverdue,
    RecordOpenLetterReply,
    SendOpenLetter,
    StopFormalResponse,
)
from noncoop_shared.access import Classification
from noncoop_shared.catalogue.bureau import (
    OpenLetterReplyOverdue,
    OpenLetterReplyReceived,
    OpenLetterSent,
    StopReason,
)
from noncoop_shared.decisions import DeadlineSet, DeadlineSettled, Decision
from noncoop_shared.errors import BusinessTimeOutOfBoundsError, InvalidTransitionError

REF = "ICC-ASP/P/2026/14"
SENT_AT = datetime(2026, 11, 5, 23, 30, tzinfo=UTC)
DUE_ON = date(2026, 11, 30)
LAST_MOMENT = datetime(2026, 11, 30, 23, 59, 59, tzinfo=UTC)
DAY_AFTER = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)
OVERDUE = MarkDeadlineOverdue(f"open_letter_reply:{REF}")


@pytest.fixture
def sent(opened):
    opened.run(SendOpenLetter(REF, DUE_ON), SENT_AT)
    return opened


def test_P14b_each_letter_sets_its_own_reply_deadline_at_the_start_of_the_day_after_it_is_due(
    opened,
):
    decision = opened.run(SendOpenLetter(REF, DUE_ON), SENT_AT)

    (recorded,) = decision.events
    assert recorded.payload == OpenLetterSent(
        case_id="NC-2026-007", letter_reference=REF, reply_due_on=DUE_ON
    )
    assert recorded.effective_classification() is Classification.STATES_PARTIES
    assert decision.deadlines == [DeadlineSet(f"open_letter_reply:{REF}", DAY_AFTER, "P14b")]
    assert opened.state.open_letter(REF).sent_on == date(2026, 11, 5)


def test_P14b_a_reply_due_the_day_the_letter_is_sent_is_refused(opened):
    with pytest.raises(InvalidTransitionError) as refused:
        opened.run(SendOpenLetter("L-1", date(2026, 11, 5)), SENT_AT)

    assert "by 2026-11-05, which is not after the day it is sent (2026-11-05)" in (
        refused.value.detail
    )


def test_P14b_a_reply_due_the_next_day_is_accepted(opened):
    decision = opened.run(SendOpenLetter("L-1", date(2026, 11, 6)), SENT_AT)

    assert len(decision.events) == 1


def test_P14b_a_letter_dated_before_the_court_decision_is_out_of_bounds(opened):
    with pytest.raises(BusinessTimeOutOfBoundsError) as refused:
        opened.run(SendOpenLetter("L-1", DUE_ON), datetime(2026, 10, 29, 12, tzinfo=UTC))

    assert refused.value.field == "body.occurred_at"


def test_P14b_several_letters_are_sent_each_with_its_own_deadline(sent):
    decision = sent.run(SendOpenLetter("L-2", date(2026, 12, 15)), SENT_AT)

    assert decision.deadlines == [
        DeadlineSet("open_letter_reply:L-2", datetime(2026, 12, 16, tzinfo=UTC), "P14b")
    ]
    assert [x.reference for x in sent.state.open_letters] == [REF, "L-2"]


def test_P14b_the_same_letter_is_sent_once(sent):
    with pytest.raises(InvalidTransitionError) as refused:
        sent.run(SendOpenLetter(REF, date(2026, 12, 15)), SENT_AT)

    assert f"{REF} to the requested State on case NC-2026-007 was already sent on 2026-11-05" in (
        refused.value.detail
    )


def test_P14b_a_reply_received_on_its_due_date_is_on_time(sent):
    decision = sent.run(RecordOpenLetterReply(DUE_ON, "Views sent."), LAST_MOMENT)

    assert [p.payload for p in decision.events] == [
        OpenLetterReplyReceived(
            case_id="NC-2026-007",
            letter_reference=REF,
            received_on=DUE_ON,
            summary="Views sent.",
            late=False,
        )
    ]
    assert decision.deadlines == [DeadlineSettled(f"open_letter_reply:{REF}")]


def test_P14b_a_reply_received_the_day_after_its_due_date_is_late(sent):
    decision = sent.run(RecordOpenLetterReply(date(2026, 12, 1)), DAY_AFTER)

    assert decision.events[0].payload.late is True
    assert sent.state.open_letter(REF).late


def test_P14b_with_two_letters_awaiting_a_reply_the_reply_names_its_letter(sent):
    sent.run(SendOpenLetter("L-2", date(2026, 12, 15)), SENT_AT)

    with pytest.raises(InvalidTransitionError, match=f"awaiting a reply are: {REF}, L-2"):
        sent.run(RecordOpenLetterReply(DUE_ON), LAST_MOMENT)
    decision = sent.run(RecordOpenLetterReply(DUE_ON, letter_reference="L-2"), LAST_MOMENT)

    assert decision.deadlines == [DeadlineSettled("open_letter_reply:L-2")]
    assert [x.reference for x in sent.state.awaited_letters()] == [REF]


def test_P14b_a_reply_without_an_open_letter_is_refused(opened):
    with pytest.raises(InvalidTransitionError) as refused:
        opened.run(RecordOpenLetterReply(DUE_ON), LAST_MOMENT)

    assert "No open letter was sent" in refused.value.detail


@pytest.mark.parametrize(
    ("received_on", "accepted"),
    [(date(2026, 11, 4), False), (date(2026, 11, 5), True), (date(2026, 11, 6), True)],
)
def test_P14b_a_reply_is_not_dated_before_its_letter(sent, received_on, accepted):
    command = RecordOpenLetterReply(received_on)

    if accepted:
        assert len(sent.run(command, LAST_MOMENT).events) == 1
    else:
        with pytest.raises(BusinessTimeOutOfBoundsError) as refused:
            sent.run(command, LAST_MOMENT)
        assert refused.value.field == "body.received_on"
        assert "dated 2026-11-04, before the letter (2026-11-05)" in refused.value.detail


def test_P14b_the_reply_is_recorded_once(sent):
    sent.run(RecordOpenLetterReply(date(2026, 11, 20)), LAST_MOMENT)

    with pytest.raises(InvalidTransitionError) as refused:
        sent.run(RecordOpenLetterReply(date(2026, 11, 21), letter_reference=REF), LAST_MOMENT)

    assert "already recorded, received on 2026-11-20" in refused.value.detail


def test_P14b_the_reply_is_not_overdue_during_its_due_date(sent):
    assert sent.run(OVERDUE, LAST_MOMENT) == Decision()


def test_P14b_the_reply_is_overdue_at_the_due_instant(sent):
    decision = sent.run(OVERDUE, DAY_AFTER)

    assert [p.payload for p in decision.events] == [
        OpenLetterReplyOverdue(case_id="NC-2026-007", reply_due_on=DUE_ON, letter_reference=REF)
    ]
    assert sent.state.open_letter(REF).overdue
    assert "P14b" not in sent.state.remaining_steps()


def test_P14b_one_letter_overdue_leaves_the_others_awaited(sent):
    sent.run(SendOpenLetter("L-2", date(2026, 12, 15)), SENT_AT)

    sent.run(OVERDUE, DAY_AFTER)

    assert not sent.state.open_letter("L-2").overdue
    assert "P14b" in sent.state.remaining_steps()


def test_P14b_an_overdue_reply_is_flagged_exactly_once(sent):
    sent.run(OVERDUE, DAY_AFTER)

    assert sent.run(OVERDUE, datetime(2026, 12, 2, tzinfo=UTC)) == Decision()
    assert sum(isinstance(p, OpenLetterReplyOverdue) for p in sent.payloads()) == 1


def test_P14b_a_reply_received_is_never_flagged_overdue(sent):
    sent.run(RecordOpenLetterReply(DUE_ON), LAST_MOMENT)

    assert sent.run(OVERDUE, DAY_AFTER) == Decision()


def test_P14b_a_reply_on_time_recorded_after_the_due_instant_still_prevents_the_overdue(sent):
    """Recorded late (a history entered after the fact): the scheduler fires later still, at
    the due instant as business time, and finds the reply."""
    sent.run(RecordOpenLetterReply(DUE_ON), datetime(2026, 12, 10, tzinfo=UTC))

    assert sent.run(OVERDUE, DAY_AFTER) == Decision()


def test_P14b_a_late_reply_after_the_overdue_flag_is_still_recorded_as_late(sent):
    sent.run(OVERDUE, DAY_AFTER)

    decision = sent.run(RecordOpenLetterReply(date(2026, 12, 3)), datetime(2026, 12, 3, tzinfo=UTC))

    assert decision.events[0].payload.late is True


def test_P14b_no_reply_is_overdue_once_the_formal_response_stopped(sent):
    decision = sent.run(StopFormalResponse(StopReason.DECISION_WITHDRAWN), LAST_MOMENT)

    assert DeadlineSettled(f"open_letter_reply:{REF}") in decision.deadlines
    assert sent.run(OVERDUE, DAY_AFTER) == Decision()


def test_P14b_no_reply_is_overdue_where_no_letter_was_sent(opened):
    assert opened.run(OVERDUE, DAY_AFTER) == Decision()


def test_a_deadline_the_formal_response_never_set_is_refused(sent):
    with pytest.raises(InvalidTransitionError) as refused:
        sent.run(MarkDeadlineOverdue("bureau_notification"), DAY_AFTER)

    assert "no deadline 'bureau_notification'" in refused.value.detail
