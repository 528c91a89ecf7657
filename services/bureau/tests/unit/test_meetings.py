"""The Bureau's meetings: scheduled, held once with their decisions, and "the next Bureau
meeting" that P14c invites the requested State to."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import pytest

from bureau.domain.meetings import (
    MeetingsCommand,
    MeetingsState,
    RecordMeetingHeld,
    ScheduleMeeting,
    decide_meetings,
    fold,
    meeting_day,
    next_meeting_after,
)
from bureau.domain.values import Meeting
from noncoop_shared.catalogue.base import EventPayload
from noncoop_shared.catalogue.bureau import BureauMeetingHeld, BureauMeetingScheduled
from noncoop_shared.decisions import Decision
from noncoop_shared.errors import InvalidTransitionError

NOW = datetime(2026, 6, 30, 15, 0, tzinfo=UTC)


@dataclass
class MeetingsLog:
    """The meetings stream in memory: commands run through ``decide_meetings`` in turn."""

    events: list[tuple[EventPayload, datetime]] = field(default_factory=list)
    now: datetime = NOW

    @property
    def state(self) -> MeetingsState:
        return fold(self.events)

    def run(self, command: MeetingsCommand) -> Decision:
        decision = decide_meetings(self.state, command, self.now)
        self.events.extend((pending.payload, self.now) for pending in decision.events)
        return decision

    def payloads(self) -> list[EventPayload]:
        return [payload for payload, _ in self.events]


def meetings(*commands: MeetingsCommand) -> MeetingsLog:
    log = MeetingsLog()
    for command in commands:
        log.run(command)
    return log


def refused(log: MeetingsLog, command: MeetingsCommand) -> InvalidTransitionError:
    """Runs a command that must be refused, and checks that it recorded nothing."""
    before = list(log.events)
    with pytest.raises(InvalidTransitionError) as raised:
        log.run(command)
    assert log.events == before
    return raised.value


def ids(found: Meeting | None) -> str | None:
    return found.meeting_id if found is not None else None


JUNE = ScheduleMeeting("B-2026-06", date(2026, 6, 10), agenda="Non-cooperation")
JULY = ScheduleMeeting("B-2026-07", date(2026, 7, 8))
SEPTEMBER = ScheduleMeeting("B-2026-09", date(2026, 9, 2))

# --- Scheduling ------------------------------------------------------------------------------


def test_a_scheduled_meeting_is_recorded_and_not_yet_held():
    log = meetings()

    log.run(JUNE)

    assert log.payloads() == [
        BureauMeetingScheduled(
            meeting_id="B-2026-06",
            meets_on=date(2026, 6, 10),
            emergency=False,
            agenda="Non-cooperation",
        )
    ]
    assert log.state.meetings.get("B-2026-06") == Meeting("B-2026-06", date(2026, 6, 10), False)
    assert log.state.version == 1


def test_an_emergency_meeting_is_recorded_as_emergency():
    log = meetings(ScheduleMeeting("E-1", date(2026, 7, 1), emergency=True))

    found = log.state.meetings.get("E-1")
    assert found is not None
    assert found.emergency


def test_an_unknown_meeting_is_none():
    assert meetings(JUNE).state.meetings.get("B-1999-01") is None


def test_a_meeting_id_already_scheduled_is_refused():
    log = meetings(JUNE)

    error = refused(log, ScheduleMeeting("B-2026-06", date(2026, 12, 1)))

    assert "B-2026-06 is already scheduled, for 2026-06-10" in error.detail


# --- Held ------------------------------------------------------------------------------------


def test_a_meeting_held_on_its_day_is_recorded_with_its_decisions():
    log = meetings(JUNE)

    log.run(RecordMeetingHeld("B-2026-06", date(2026, 6, 10), ("Invite the State", "Report")))

    assert log.payloads()[-1] == BureauMeetingHeld(
        meeting_id="B-2026-06", held_on=date(2026, 6, 10), decisions=["Invite the State", "Report"]
    )
    assert log.state.meetings.get("B-2026-06") == Meeting(
        "B-2026-06",
        date(2026, 6, 10),
        False,
        held_on=date(2026, 6, 10),
        decisions=("Invite the State", "Report"),
    )
    assert log.state.version == 2


def test_a_postponed_meeting_is_recorded_as_held_on_the_later_day():
    log = meetings(JUNE)

    log.run(RecordMeetingHeld("B-2026-06", date(2026, 6, 12), ()))

    found = log.state.meetings.get("B-2026-06")
    assert found is not None
    assert (found.meets_on, found.held_on) == (date(2026, 6, 10), date(2026, 6, 12))
    assert meeting_day(found) == date(2026, 6, 12)


def test_a_meeting_recorded_as_held_before_its_scheduled_day_is_refused():
    log = meetings(JUNE)

    error = refused(log, RecordMeetingHeld("B-2026-06", date(2026, 6, 9), ()))

    assert "scheduled for 2026-06-10; it cannot have been held before, on 2026-06-09" in (
        error.detail
    )


def test_a_meeting_recorded_as_held_on_a_day_still_to_come_is_refused():
    log = meetings(JULY)

    error = refused(log, RecordMeetingHeld("B-2026-07", date(2026, 7, 8), ()))

    assert "held on 2026-07-08, a day still to come (today is 2026-06-30)" in error.detail


def test_a_meeting_is_recorded_as_held_today():
    log = meetings(ScheduleMeeting("E-1", NOW.date(), emergency=True))

    log.run(RecordMeetingHeld("E-1", NOW.date(), ("Convene",)))

    found = log.state.meetings.get("E-1")
    assert found is not None
    assert found.held_on == NOW.date()


def test_recording_an_unknown_meeting_as_held_is_refused():
    error = refused(meetings(JUNE), RecordMeetingHeld("B-1999-01", date(2026, 6, 10), ()))

    assert "No Bureau meeting B-1999-01 is scheduled" in error.detail


def test_a_meeting_held_twice_is_refused():
    log = meetings(JUNE, RecordMeetingHeld("B-2026-06", date(2026, 6, 10), ("First",)))

    error = refused(log, RecordMeetingHeld("B-2026-06", date(2026, 6, 11), ("Second",)))

    assert "already recorded as held on 2026-06-10; a meeting is held once" in error.detail


def test_held_events_for_a_meeting_never_scheduled_do_not_fold():
    held = BureauMeetingHeld(meeting_id="X-1", held_on=date(2026, 1, 1))

    with pytest.raises(ValueError, match="X-1 was never scheduled"):
        fold([(held, NOW)])


# --- The next Bureau meeting (P14c) ----------------------------------------------------------


def test_P14c_the_next_meeting_is_the_earliest_after_the_day_whatever_the_order_scheduled():
    state = meetings(SEPTEMBER, JULY, JUNE).state

    assert ids(next_meeting_after(state.meetings.values(), date(2026, 6, 1))) == "B-2026-06"
    assert ids(next_meeting_after(state.meetings.values(), date(2026, 6, 20))) == "B-2026-07"


def test_P14c_a_meeting_on_the_day_itself_is_not_the_next_meeting():
    state = meetings(JUNE, JULY).state

    assert ids(next_meeting_after(state.meetings.values(), date(2026, 6, 10))) == "B-2026-07"
    assert ids(next_meeting_after(state.meetings.values(), date(2026, 6, 9))) == "B-2026-06"


def test_P14c_after_the_last_meeting_there_is_no_next_meeting():
    state = meetings(JUNE, JULY).state

    assert next_meeting_after(state.meetings.values(), date(2026, 7, 8)) is None
    assert next_meeting_after((), date(2026, 1, 1)) is None


def test_P14c_an_emergency_meeting_counts_as_the_next_bureau_meeting():
    state = meetings(JULY, ScheduleMeeting("E-1", date(2026, 7, 2), emergency=True)).state

    assert ids(next_meeting_after(state.meetings.values(), date(2026, 7, 1))) == "E-1"


def test_P14c_a_postponed_meeting_counts_on_the_day_it_was_held():
    log = meetings(JUNE, ScheduleMeeting("B-2026-06b", date(2026, 6, 15)))
    log.run(RecordMeetingHeld("B-2026-06", date(2026, 6, 20), ()))

    assert ids(next_meeting_after(log.state.meetings.values(), date(2026, 6, 12))) == "B-2026-06b"
    assert ids(next_meeting_after(log.state.meetings.values(), date(2026, 6, 15))) == "B-2026-06"


def test_P14c_meetings_on_the_same_day_are_ordered_by_id():
    state = meetings(
        ScheduleMeeting("B-2", date(2026, 7, 1)), ScheduleMeeting("B-1", date(2026, 7, 1))
    ).state

    assert ids(next_meeting_after(state.meetings.values(), date(2026, 6, 30))) == "B-1"
