"""P14b: the President's open letter asks the requested State for its views by a due date; its
reply is tracked, on time or late, or the due date passing (flagged once, by the scheduler)."""

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
from noncoop_shared.errors import InvalidTransitionError

SENT_AT = datetime(2026, 11, 5, 23, 30, tzinfo=UTC)
DUE_ON = date(2026, 11, 30)
LAST_MOMENT = datetime(2026, 11, 30, 23, 59, 59, tzinfo=UTC)
DAY_AFTER = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)
OVERDUE = MarkDeadlineOverdue("open_letter_reply")


@pytest.fixture
def sent(opened):
    opened.run(SendOpenLetter("ICC-ASP/P/2026/14", DUE_ON), SENT_AT)
    return opened


def test_P14b_the_open_letter_sets_the_reply_deadline_at_the_start_of_the_day_after_it_is_due(
    opened,
):
    decision = opened.run(SendOpenLetter("ICC-ASP/P/2026/14", DUE_ON), SENT_AT)

    (recorded,) = decision.events
    assert recorded.payload == OpenLetterSent(
        case_id="NC-2026-007", letter_reference="ICC-ASP/P/2026/14", reply_due_on=DUE_ON
    )
    assert recorded.effective_classification() is Classification.STATES_PARTIES
    assert decision.deadlines == [DeadlineSet("open_letter_reply", DAY_AFTER, "P14b")]
    assert opened.state.open_letter.sent_on == date(2026, 11, 5)


def test_P14b_a_reply_due_the_day_the_letter_is_sent_is_refused(opened):
    with pytest.raises(InvalidTransitionError) as refused:
        opened.run(SendOpenLetter("L-1", date(2026, 11, 5)), SENT_AT)

    assert "by 2026-11-05, which is not after the day it is sent (2026-11-05)" in (
        refused.value.detail
    )


def test_P14b_a_reply_due_the_next_day_is_accepted(opened):
    decision = opened.run(SendOpenLetter("L-1", date(2026, 11, 6)), SENT_AT)

    assert len(decision.events) == 1


def test_P14b_the_open_letter_is_sent_once(sent):
    with pytest.raises(InvalidTransitionError) as refused:
        sent.run(SendOpenLetter("L-2", date(2026, 12, 15)), SENT_AT)

    assert "ICC-ASP/P/2026/14" in refused.value.detail
    assert "already sent on 2026-11-05" in refused.value.detail


def test_P14b_a_reply_received_on_its_due_date_is_on_time(sent):
    decision = sent.run(RecordOpenLetterReply(DUE_ON, "Views sent."), LAST_MOMENT)

    assert [p.payload for p in decision.events] == [
        OpenLetterReplyReceived(
            case_id="NC-2026-007", received_on=DUE_ON, summary="Views sent.", late=False
        )
    ]
    assert decision.deadlines == [DeadlineSettled("open_letter_reply")]


def test_P14b_a_reply_received_the_day_after_its_due_date_is_late(sent):
    decision = sent.run(RecordOpenLetterReply(date(2026, 12, 1)), DAY_AFTER)

    assert decision.events[0].payload.late is True
    assert sent.state.open_letter.late


def test_P14b_a_reply_without_an_open_letter_is_refused(opened):
    with pytest.raises(InvalidTransitionError) as refused:
        opened.run(RecordOpenLetterReply(DUE_ON), LAST_MOMENT)

    assert "No open letter was sent" in refused.value.detail


def test_P14b_a_reply_dated_before_the_letter_was_sent_is_refused(sent):
    with pytest.raises(InvalidTransitionError) as refused:
        sent.run(RecordOpenLetterReply(date(2026, 11, 4)), LAST_MOMENT)

    assert "received on 2026-11-04 cannot answer" in refused.value.detail


def test_P14b_the_reply_is_recorded_once(sent):
    sent.run(RecordOpenLetterReply(date(2026, 11, 20)), LAST_MOMENT)

    with pytest.raises(InvalidTransitionError) as refused:
        sent.run(RecordOpenLetterReply(date(2026, 11, 21)), LAST_MOMENT)

    assert "already recorded, received on 2026-11-20" in refused.value.detail


def test_P14b_the_reply_is_not_overdue_during_its_due_date(sent):
    assert sent.run(OVERDUE, LAST_MOMENT) == Decision()


def test_P14b_the_reply_is_overdue_once_its_due_date_is_over(sent):
    decision = sent.run(OVERDUE, DAY_AFTER)

    assert [p.payload for p in decision.events] == [
        OpenLetterReplyOverdue(case_id="NC-2026-007", reply_due_on=DUE_ON)
    ]
    assert sent.state.open_letter.overdue
    assert "P14b" not in sent.state.remaining_steps()


def test_P14b_an_overdue_reply_is_flagged_exactly_once(sent):
    sent.run(OVERDUE, DAY_AFTER)

    assert sent.run(OVERDUE, datetime(2026, 12, 2, tzinfo=UTC)) == Decision()
    assert sum(isinstance(p, OpenLetterReplyOverdue) for p in sent.payloads()) == 1


def test_P14b_a_reply_received_is_never_flagged_overdue(sent):
    sent.run(RecordOpenLetterReply(DUE_ON), LAST_MOMENT)

    assert sent.run(OVERDUE, DAY_AFTER) == Decision()


def test_P14b_a_late_reply_after_the_overdue_flag_is_still_recorded_as_late(sent):
    sent.run(OVERDUE, DAY_AFTER)

    decision = sent.run(RecordOpenLetterReply(date(2026, 12, 3)), datetime(2026, 12, 3, tzinfo=UTC))

    assert decision.events[0].payload.late is True


def test_P14b_no_reply_is_overdue_once_the_formal_response_stopped(sent):
    sent.run(StopFormalResponse(StopReason.DECISION_WITHDRAWN), LAST_MOMENT)

    assert sent.run(OVERDUE, DAY_AFTER) == Decision()


def test_P14b_no_reply_is_overdue_where_no_letter_was_sent(opened):
    assert opened.run(OVERDUE, DAY_AFTER) == Decision()


def test_a_deadline_the_formal_response_never_set_is_refused(sent):
    with pytest.raises(InvalidTransitionError) as refused:
        sent.run(MarkDeadlineOverdue("bureau_notification"), DAY_AFTER)

    assert "no deadline 'bureau_notification'" in refused.value.detail
