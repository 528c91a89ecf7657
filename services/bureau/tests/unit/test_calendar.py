"""The Assembly calendar: sessions scheduled and moved, never overlapping, and "the next (or
on-going) session" that P14d, P14e, P14f and P15 read from it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import pytest

from bureau.domain.calendar import (
    CalendarCommand,
    CalendarState,
    MarkSessionForNonCooperation,
    RescheduleSession,
    ScheduleSession,
    decide_calendar,
    fold,
)
from noncoop_shared.calendar import (
    CalendarSession,
    DueSession,
    SessionKind,
    next_or_ongoing_session,
)
from noncoop_shared.catalogue.base import EventPayload
from noncoop_shared.catalogue.bureau import (
    SessionMarkedForNonCooperation,
    SessionRescheduled,
    SessionScheduled,
)
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
    *,
    marked: bool = False,
) -> ScheduleSession:
    return ScheduleSession(session_id, number, kind, starts_on, ends_on, "The Hague", marked)


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


def due(state: CalendarState, on: date) -> DueSession | None:
    """The next (or on-going) session on ``on``, asked of the shared function as ``decide``
    asks it: with every part of the calendar."""
    return next_or_ongoing_session(state.parts, on)


def ids(answer: DueSession | None) -> str | None:
    return answer.session_id if answer is not None else None


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
        "ASP-25": CalendarSession(
            "ASP-25", 25, REGULAR, date(2026, 12, 1), date(2026, 12, 9), "The Hague"
        )
    }
    assert log.state.version == 1


def test_a_one_day_session_is_scheduled():
    log = calendar(schedule("S-1", date(2026, 3, 2), date(2026, 3, 2), SPECIAL, marked=True))

    answer = due(log.state, date(2026, 3, 2))
    assert answer is not None and answer.ongoing
    assert answer.session_id == "S-1"


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
    assert log.state.sessions["ASP-25"] == CalendarSession(
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


# --- The next (or on-going) session, as decide() asks it ------------------------------------


def test_during_the_regular_part_that_session_is_ongoing():
    answer = due(two_years(), date(2026, 12, 5))

    assert answer is not None
    assert (answer.session_id, answer.ongoing) == ("ASP-25", True)
    assert [p.session_id for p in answer.parts] == ["ASP-25", "ASP-25-R"]
    assert answer.closes_on == date(2027, 6, 2)


@pytest.mark.parametrize("day", [date(2027, 6, 1), date(2027, 6, 2)])
def test_a_resumed_part_is_its_regular_session_ongoing_not_a_session_of_its_own(day):
    answer = due(two_years(), day)

    assert answer is not None
    assert (answer.session_id, answer.ongoing) == ("ASP-25", True)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 11, 30), ("ASP-25", False)),  # the day before: next, not on-going
        (date(2026, 12, 1), ("ASP-25", True)),  # first day
        (date(2026, 12, 9), ("ASP-25", True)),  # last day of the regular part
        (date(2026, 12, 10), ("ASP-26", False)),  # between the parts: the next regular one
        (date(2027, 5, 31), ("ASP-26", False)),  # the day before the resumed part
        (date(2027, 6, 3), ("ASP-26", False)),  # the day after it
        (date(2027, 12, 8), ("ASP-26", True)),
    ],
)
def test_between_its_parts_a_session_is_not_ongoing_and_a_resumed_part_never_is_next(day, expected):
    answer = due(two_years(), day)

    assert answer is not None
    assert (answer.session_id, answer.ongoing) == expected


def test_after_the_last_session_there_is_no_next_session():
    assert due(two_years(), date(2027, 12, 9)) is None
    assert due(CalendarState(), date(2026, 1, 1)) is None


def test_an_unmarked_special_session_is_not_the_next_session():
    special = schedule("SS-1", date(2027, 3, 15), date(2027, 3, 16), SPECIAL, number=25)
    state = calendar(ASP25, special, ASP26).state

    assert ids(due(state, date(2027, 1, 1))) == "ASP-26"
    assert ids(due(state, date(2027, 3, 16))) == "ASP-26"


def test_a_special_session_marked_at_scheduling_is_the_next_session():
    special = schedule("SS-1", date(2027, 3, 15), date(2027, 3, 16), SPECIAL, marked=True)
    state = calendar(ASP25, special, ASP26).state

    assert ids(due(state, date(2027, 1, 1))) == "SS-1"
    assert ids(due(state, date(2027, 3, 16))) == "SS-1"
    assert ids(due(state, date(2027, 3, 17))) == "ASP-26"


def test_the_bureau_marks_a_scheduled_special_session_later():
    log = calendar(ASP25, schedule("SS-1", date(2027, 3, 15), date(2027, 3, 16), SPECIAL), ASP26)
    assert ids(due(log.state, date(2027, 1, 1))) == "ASP-26"

    log.run(MarkSessionForNonCooperation("SS-1", "Bureau decision of 2027-01-10"))

    assert log.payloads()[-1] == SessionMarkedForNonCooperation(
        session_id="SS-1", reason="Bureau decision of 2027-01-10"
    )
    assert log.state.sessions["SS-1"].takes_up_non_cooperation
    assert ids(due(log.state, date(2027, 1, 1))) == "SS-1"


def test_marking_a_session_already_marked_records_nothing():
    log = calendar(schedule("SS-1", date(2027, 3, 15), date(2027, 3, 16), SPECIAL, marked=True))

    assert log.run(MarkSessionForNonCooperation("SS-1")) == Decision()


@pytest.mark.parametrize("session_id", ["ASP-25", "ASP-25-R"])
def test_only_a_special_session_is_marked(session_id):
    error = refused(calendar(ASP25, ASP25R), MarkSessionForNonCooperation(session_id))

    assert "only a special session is marked" in error.detail


def test_marking_an_unknown_session_is_refused():
    error = refused(calendar(ASP25), MarkSessionForNonCooperation("SS-9"))

    assert "No session SS-9 is on the calendar" in error.detail


@pytest.mark.parametrize("kind", [REGULAR, RESUMED])
def test_a_regular_or_resumed_part_is_not_scheduled_with_the_mark(kind):
    log = calendar(ASP25)

    error = refused(log, schedule("X-1", date(2027, 6, 1), date(2027, 6, 2), kind, marked=True))

    assert "Only a special session is marked" in error.detail


def test_a_resumed_part_resumes_a_regular_session_on_the_calendar():
    error = refused(calendar(), ASP25R)

    assert "resume the regular session number 25, which is not on the calendar" in error.detail


def test_a_resumed_part_starts_after_its_regular_part():
    error = refused(
        calendar(ASP26), schedule("ASP-26-R", date(2027, 1, 5), date(2027, 1, 6), RESUMED, 26)
    )

    assert "a resumed part starts after the regular part has ended" in error.detail


def test_two_regular_sessions_do_not_share_a_number():
    error = refused(calendar(ASP25), schedule("ASP-25b", date(2027, 1, 5), date(2027, 1, 6)))

    assert "regular session number 25 is already on the calendar as ASP-25" in error.detail


def test_a_session_moved_later_than_another_is_no_longer_the_next():
    special = schedule("SS-1", date(2027, 3, 1), date(2027, 3, 2), SPECIAL, 26, marked=True)
    log = calendar(special, ASP26)

    log.run(RescheduleSession("SS-1", date(2028, 3, 1), date(2028, 3, 2), "New York"))

    assert ids(due(log.state, date(2027, 1, 1))) == "ASP-26"


def test_month_and_year_ends_are_days_like_any_other():
    across = schedule("ASP-25", date(2026, 12, 31), date(2027, 1, 1))
    february = schedule("SS-1", date(2028, 2, 28), date(2028, 2, 29), SPECIAL, marked=True)
    state = calendar(across, february).state

    assert ids(due(state, date(2026, 12, 30))) == "ASP-25"
    assert ids(due(state, date(2027, 1, 2))) == "SS-1"
    answer = due(state, date(2028, 2, 29))
    assert answer is not None and answer.ongoing
    assert due(state, date(2028, 3, 1)) is None
