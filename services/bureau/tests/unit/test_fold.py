"""The formal response is the fold of its stream: each event, in order, with its business time;
events of another stream or another case are never folded into it."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bureau.domain.state import FormalResponseState, OpenLetter, evolve, fold
from noncoop_shared.calendar import SessionKind
from noncoop_shared.catalogue.bureau import (
    FormalResponseOpened,
    FormalResponseStopped,
    OpenLetterReplyReceived,
    OpenLetterSent,
    SessionScheduled,
    StopReason,
)

AT = datetime(2026, 11, 2, 23, 30, tzinfo=UTC)
OPENED = FormalResponseOpened(
    case_id="NC-2026-007",
    court_decision_reference="ICC-01/99-01/26-123",
    referred_to_security_council=True,
    requested_state_code="EXA",
)


def test_an_empty_stream_is_a_formal_response_not_opened():
    state = fold([], case_id="NC-2026-007")

    assert state == FormalResponseState(case_id="NC-2026-007")
    assert not state.opened


def test_a_stream_folds_into_the_steps_done_and_the_stop():
    letter = OpenLetterSent(
        case_id="NC-2026-007", letter_reference="L-1", reply_due_on=date(2026, 11, 30)
    )
    # A reply recorded when a case had one letter only names none: it answers that letter.
    reply = OpenLetterReplyReceived(case_id="NC-2026-007", received_on=date(2026, 12, 2), late=True)
    stopped = FormalResponseStopped(case_id="NC-2026-007", reason=StopReason.CASE_CLOSED)

    state = fold([(OPENED, AT), (letter, AT), (reply, AT), (stopped, AT)], case_id="NC-2026-007")

    assert state.version == 4
    assert state.referred_to_security_council
    assert state.open_letters == (
        OpenLetter("L-1", date(2026, 11, 2), date(2026, 11, 30), date(2026, 12, 2), late=True),
    )
    assert state.stopped is StopReason.CASE_CLOSED
    assert not state.in_progress


def test_each_reply_folds_into_the_letter_it_names():
    first = OpenLetterSent(
        case_id="NC-2026-007", letter_reference="L-1", reply_due_on=date(2026, 11, 30)
    )
    second = OpenLetterSent(
        case_id="NC-2026-007", letter_reference="L-2", reply_due_on=date(2027, 1, 15)
    )
    reply = OpenLetterReplyReceived(
        case_id="NC-2026-007", letter_reference="L-2", received_on=date(2027, 1, 10), late=False
    )

    state = fold([(OPENED, AT), (first, AT), (second, AT), (reply, AT)], case_id="NC-2026-007")

    assert [x.reference for x in state.awaited_letters()] == ["L-1"]
    assert state.open_letter("L-2").reply_received_on == date(2027, 1, 10)


def test_an_event_of_another_stream_is_not_folded():
    scheduled = SessionScheduled(
        session_id="ASP-25",
        number=25,
        kind=SessionKind.REGULAR,
        starts_on=date(2026, 12, 1),
        ends_on=date(2026, 12, 10),
        venue="The Hague",
    )

    with pytest.raises(TypeError, match="not an event of a formal-response stream"):
        evolve(FormalResponseState(case_id="NC-2026-007"), scheduled, AT)


def test_an_event_of_another_case_is_not_folded():
    other = OPENED.model_copy(update={"case_id": "NC-2026-008"})

    with pytest.raises(ValueError, match="case NC-2026-008 cannot be folded"):
        fold([(OPENED, AT), (other, AT)], case_id="NC-2026-007")


def test_a_reply_without_its_letter_on_the_stream_is_not_folded():
    reply = OpenLetterReplyReceived(
        case_id="NC-2026-007", received_on=date(2026, 12, 2), late=False
    )

    with pytest.raises(ValueError, match="follows up on a step not recorded"):
        fold([(OPENED, AT), (reply, AT)], case_id="NC-2026-007")
