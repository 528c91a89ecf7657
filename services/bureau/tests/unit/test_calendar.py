"""The Assembly calendar: sessions scheduled and moved, never overlapping, and "the next (or
on-going) session" that P14d, P14e, P14f and P15 read from it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bureau.domain.calendar import (
    CalendarCommand,
    CalendarState,
    RescheduleSession,
    ScheduleSession,
    decide_calendar,
    fold,
    next_or_ongoing_session,
    next_session_after,
    session_ongoing_at,
)
from bureau.domain.values import Session
from noncoop_shared.catalogue.base import EventPayload
from noncoop_shared.catalogue.bureau import SessionKind, SessionRescheduled, SessionScheduled
from noncoop_shared.decisions import Decision
from noncoop_shared.errors import InvalidTransitionError

REGULAR, RESUMED, SPECIAL = SessionKind.REGULAR, SessionKind.RESUMED, SessionKind.SPECIAL
NOW = datetime(2026, 1, 5, 10, 0, tzinfo=UTC)


@dataclass
class CalendarLog:
    """The calendar stream in memory: commands run through ``decide_calendar`` in turn."""

    events: list[tuple[EventPayload, datetime]] = field(default_factory=list)

    @property
    def state(self) -> CalendarState:
        return fold(self.events)

    def run(self, command: CalendarCommand) -> Decision:
        decision = decide_calendar(self.state, command, NOW)
        self.events.extend((pending.payload, NOW) for pending in decision.events)
        return decision

    def payloads(self) -> list[EventPayload]:
        return [payload for payload, _ in self.events]


def schedule(
    session_id: str,
    starts_on: date,
    ends_on: date,
    kind: SessionKind = REGULAR,
    number: int = 25,
) -> ScheduleSession:
    return ScheduleSession(session_id, number, kind, starts_on, ends_on, "The Hague")


def calendar(*commands: CalendarCommand) -> CalendarLog:
    log = CalendarLog()
    for command in commands:
        log.run(command)
    return log


def refused(log: CalendarLog, command: CalendarCommand) -> InvalidTransitionError:
    """Runs a command that must be refused, and checks that it recorded nothing."""
    before = list(log.events)
    with pytest.raises(InvalidTransitionError) as raised:
        log.run(command)
    assert log.events == before
    return raised.value


def ids(session: Session | None) -> str | None:
    return session.session_id if session is not None else None


# Two regular sessions a year apart, with a resumed session of the first in between.
ASP25 = schedule("ASP-25", date(2026, 12, 1), date(2026, 12, 9))
ASP25R = schedule("ASP-25-R", date(2027, 6, 1), date(2027, 6, 2), RESUMED)
ASP26 = schedule("ASP-26", date(2027, 11, 30), date(2027, 12, 8), number=26)


def two_years() -> CalendarState:
    return calendar(ASP25, ASP25R, ASP26).state


# --- Scheduling ------------------------------------------------------------------------------


def test_a_scheduled_session_is_on_the_calendar_as_scheduled():
    log = calendar()

    log.run(schedule("ASP-25", date(2026, 12, 1), date(2026, 12, 9)))

    assert log.payloads() == [
        SessionScheduled(
            session_id="ASP-25",
            number=25,
            kind=REGULAR,
            starts_on=date(2026, 12, 1),
            ends_on=date(2026, 12, 9),
            venue="The Hague",
        )
    ]
    assert log.state.sessions == {
        "ASP-25": Session("ASP-25", 25, REGULAR, date(2026, 12, 1), date(2026, 12, 9), "The Hague")
    }
    assert log.state.version == 1


def test_a_one_day_session_is_scheduled():
    log = calendar(schedule("S-1", date(2026, 3, 2), date(2026, 3, 2), SPECIAL))

    assert ids(session_ongoing_at(log.state, date(2026, 3, 2))) == "S-1"


def test_a_session_id_already_on_the_calendar_is_refused():
    log = calendar(ASP25)

    error = refused(log, schedule("ASP-25", date(2028, 1, 1), date(2028, 1, 5)))

    assert "ASP-25 is already on the calendar, from 2026-12-01 to 2026-12-09" in error.detail


def test_a_session_ending_before_it_starts_is_refused():
    error = refused(calendar(), schedule("ASP-25", date(2026, 12, 9), date(2026, 12, 1)))

    assert "would end on 2026-12-01, before it starts on 2026-12-09" in error.detail


@pytest.mark.parametrize(
    ("starts_on", "ends_on"),
    [
        (date(2026, 11, 20), date(2026, 12, 1)),  # ends the day ASP-25 starts
        (date(2026, 12, 9), date(2026, 12, 12)),  # starts the day ASP-25 ends
        (date(2026, 12, 3), date(2026, 12, 4)),  # within it
        (date(2026, 11, 1), date(2026, 12, 31)),  # around it
    ],
)
def test_a_session_sharing_a_day_with_another_is_refused(starts_on, ends_on):
    log = calendar(ASP25)

    error = refused(log, schedule("S-1", starts_on, ends_on, SPECIAL))

    assert (
        f"Session S-1, from {starts_on.isoformat()} to {ends_on.isoformat()}, would overlap "
        "the regular session ASP-25, from 2026-12-01 to 2026-12-09" in error.detail
    )


def test_a_resumed_session_overlapping_its_regular_session_is_refused():
    log = calendar(ASP25)

    error = refused(log, schedule("ASP-25-R", date(2026, 12, 8), date(2026, 12, 10), RESUMED))

    assert "would overlap the regular session ASP-25" in error.detail


def test_sessions_on_consecutive_days_are_both_scheduled():
    log = calendar(ASP25)

    log.run(schedule("ASP-25-R", date(2026, 12, 10), date(2026, 12, 11), RESUMED))

    assert set(log.state.sessions) == {"ASP-25", "ASP-25-R"}


# --- Rescheduling ----------------------------------------------------------------------------


def test_a_rescheduled_session_keeps_its_id_kind_and_number_with_new_dates_and_venue():
    log = calendar(ASP25)

    log.run(RescheduleSession("ASP-25", date(2026, 12, 7), date(2026, 12, 15), "New York", "venue"))

    assert log.payloads()[-1] == SessionRescheduled(
        session_id="ASP-25",
        starts_on=date(2026, 12, 7),
        ends_on=date(2026, 12, 15),
        venue="New York",
        reason="venue",
    )
    assert log.state.sessions["ASP-25"] == Session(
        "ASP-25", 25, REGULAR, date(2026, 12, 7), date(2026, 12, 15), "New York"
    )
    assert log.state.version == 2


def test_a_session_may_be_moved_over_its_own_former_dates():
    log = calendar(ASP25)

    log.run(RescheduleSession("ASP-25", date(2026, 12, 2), date(2026, 12, 10), "The Hague"))

    assert log.state.sessions["ASP-25"].starts_on == date(2026, 12, 2)


def test_rescheduling_an_unknown_session_is_refused():
    error = refused(
        calendar(ASP25), RescheduleSession("ASP-99", date(2027, 1, 1), date(2027, 1, 2), "X")
    )

    assert "No session ASP-99 is on the calendar" in error.detail


def test_rescheduling_a_session_to_end_before_it_starts_is_refused():
    log = calendar(ASP25)

    error = refused(log, RescheduleSession("ASP-25", date(2026, 12, 9), date(2026, 12, 8), "X"))

    assert "would end on 2026-12-08, before it starts on 2026-12-09" in error.detail


def test_rescheduling_a_session_onto_another_is_refused():
    log = calendar(ASP25, ASP25R)

    error = refused(
        log, RescheduleSession("ASP-25-R", date(2026, 12, 9), date(2026, 12, 10), "The Hague")
    )

    assert "would overlap the regular session ASP-25, from 2026-12-01 to 2026-12-09" in (
        error.detail
    )


def test_rescheduled_events_for_a_session_never_scheduled_do_not_fold():
    moved = SessionRescheduled(
        session_id="ASP-9", starts_on=date(2026, 1, 1), ends_on=date(2026, 1, 2), venue="X"
    )

    with pytest.raises(ValueError, match="ASP-9 was never scheduled"):
        fold([(moved, NOW)])


# --- The next (or on-going) session ----------------------------------------------------------


def test_during_a_session_the_ongoing_session_wins_over_the_next():
    state = two_years()

    assert ids(next_or_ongoing_session(state, date(2026, 12, 5))) == "ASP-25"
    assert ids(next_session_after(state, date(2026, 12, 5))) == "ASP-25-R"


@pytest.mark.parametrize("day", [date(2026, 12, 1), date(2026, 12, 9)])
def test_a_session_is_ongoing_on_its_first_and_its_last_day(day):
    state = two_years()

    assert ids(session_ongoing_at(state, day)) == "ASP-25"
    assert ids(next_or_ongoing_session(state, day)) == "ASP-25"


def test_the_day_before_a_session_starts_it_is_the_next_session_not_an_ongoing_one():
    state = two_years()

    assert session_ongoing_at(state, date(2026, 11, 30)) is None
    assert ids(next_session_after(state, date(2026, 11, 30))) == "ASP-25"
    assert ids(next_or_ongoing_session(state, date(2026, 11, 30))) == "ASP-25"


def test_next_session_after_is_strictly_after_the_day():
    state = two_years()

    assert ids(next_session_after(state, date(2026, 12, 1))) == "ASP-25-R"


def test_the_day_after_a_session_ends_the_next_session_is_the_following_one():
    state = two_years()

    assert session_ongoing_at(state, date(2026, 12, 10)) is None
    assert ids(next_or_ongoing_session(state, date(2026, 12, 10))) == "ASP-25-R"


def test_between_sessions_the_next_is_the_earliest_to_start_whatever_the_order_scheduled():
    state = calendar(ASP26, ASP25R, ASP25).state

    assert ids(next_or_ongoing_session(state, date(2026, 6, 1))) == "ASP-25"
    assert ids(next_or_ongoing_session(state, date(2027, 7, 1))) == "ASP-26"


def test_after_the_last_session_there_is_no_next_session():
    state = two_years()

    assert next_or_ongoing_session(state, date(2027, 12, 9)) is None
    assert next_session_after(state, date(2027, 12, 8)) is None
    assert ids(next_or_ongoing_session(state, date(2027, 12, 8))) == "ASP-26"


def test_an_empty_calendar_has_no_next_or_ongoing_session():
    assert next_or_ongoing_session(CalendarState(), date(2026, 1, 1)) is None


def test_a_resumed_session_counts_as_the_next_or_ongoing_session():
    state = two_years()

    assert next_or_ongoing_session(state, date(2027, 6, 2)) == Session(
        "ASP-25-R", 25, RESUMED, date(2027, 6, 1), date(2027, 6, 2), "The Hague"
    )
    assert ids(next_or_ongoing_session(state, date(2027, 1, 15))) == "ASP-25-R"


def test_a_special_session_counts_as_the_next_or_ongoing_session():
    special = schedule("SS-1", date(2027, 3, 15), date(2027, 3, 16), SPECIAL, number=25)
    state = calendar(ASP25, special, ASP26).state

    assert ids(next_or_ongoing_session(state, date(2027, 1, 1))) == "SS-1"
    assert ids(next_or_ongoing_session(state, date(2027, 3, 16))) == "SS-1"
    assert ids(next_or_ongoing_session(state, date(2027, 3, 17))) == "ASP-26"


def test_month_and_year_ends_are_days_like_any_other():
    across = schedule("ASP-25", date(2026, 12, 31), date(2027, 1, 1))
    february = schedule("SS-1", date(2028, 2, 28), date(2028, 2, 29), SPECIAL)  # leap year
    state = calendar(across, february).state

    assert ids(next_or_ongoing_session(state, date(2026, 12, 30))) == "ASP-25"
    assert ids(session_ongoing_at(state, date(2027, 1, 1))) == "ASP-25"
    assert ids(next_or_ongoing_session(state, date(2027, 1, 2))) == "SS-1"
    assert ids(session_ongoing_at(state, date(2028, 2, 29))) == "SS-1"
    assert next_or_ongoing_session(state, date(2028, 3, 1)) is None


def test_a_session_moved_after_a_query_answers_differently_once_rescheduled():
    log = calendar(ASP25, ASP26)
    asked_on = date(2026, 12, 3)
    before = next_or_ongoing_session(log.state, asked_on)

    log.run(RescheduleSession("ASP-25", date(2026, 12, 7), date(2026, 12, 15), "The Hague"))

    assert ids(before) == "ASP-25"
    assert before is not None and before.starts_on == date(2026, 12, 1)
    moved = next_or_ongoing_session(log.state, asked_on)
    assert moved is not None
    assert (moved.session_id, moved.starts_on) == ("ASP-25", date(2026, 12, 7))
    assert session_ongoing_at(log.state, asked_on) is None


def test_a_session_moved_later_than_another_is_no_longer_the_next():
    special = schedule("SS-1", date(2027, 3, 1), date(2027, 3, 2), SPECIAL)
    log = calendar(special, ASP26)

    log.run(RescheduleSession("SS-1", date(2028, 3, 1), date(2028, 3, 2), "New York"))

    assert ids(next_or_ongoing_session(log.state, date(2027, 1, 1))) == "ASP-26"


# --- Property: the answer is the on-going session or the earliest start after the day -------

EPOCH = date(2026, 1, 1)


@st.composite
def calendars_and_days(draw: st.DrawFn) -> tuple[CalendarState, date]:
    """Non-overlapping sessions of random kinds and lengths, in a random order, and a day."""
    gaps = draw(st.lists(st.tuples(st.integers(1, 60), st.integers(0, 20)), max_size=8))
    spans = []
    start = EPOCH
    for gap, length in gaps:
        start += timedelta(days=gap)
        end = start + timedelta(days=length)
        spans.append((start, end))
        start = end
    kinds = draw(st.lists(st.sampled_from(SessionKind), min_size=len(spans), max_size=len(spans)))
    commands = [
        schedule(f"S-{index}", s, e, kind)
        for index, ((s, e), kind) in enumerate(zip(spans, kinds, strict=True))
    ]
    state = calendar(*draw(st.permutations(commands))).state
    day = EPOCH + timedelta(days=draw(st.integers(-5, 700)))
    return state, day


@given(calendars_and_days())
def test_next_or_ongoing_session_is_ongoing_or_the_earliest_start_after_the_day(case):
    state, day = case
    sessions = list(state.sessions.values())
    ongoing = [s for s in sessions if s.starts_on <= day <= s.ends_on]
    later = sorted((s for s in sessions if day < s.starts_on), key=lambda s: s.starts_on)

    answer = next_or_ongoing_session(state, day)

    assert len(ongoing) <= 1
    expected = ongoing[0] if ongoing else (later[0] if later else None)
    assert answer == expected
    assert session_ongoing_at(state, day) == (ongoing[0] if ongoing else None)
    assert next_session_after(state, day) == (later[0] if later else None)
