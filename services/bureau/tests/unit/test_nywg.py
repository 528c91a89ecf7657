"""P14c: the requested State is invited to the next Bureau meeting. P14d (hard): the Bureau may
then request a public meeting of the New York Working Group only if the next Assembly session
is scheduled to start more than three calendar months after that meeting; the refusal says both
dates. The session is taken as scheduled when the request is made."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bureau.domain.commands import (
    InviteRequestedState,
    RecordAttendance,
    RequestNywgPublicMeeting,
)
from bureau.domain.rules import NywgMeetingTooCloseToSessionError
from noncoop_shared.catalogue.bureau import (
    NywgPublicMeetingRequested,
    RequestedStateAttendanceRecorded,
    RequestedStateInvited,
)
from noncoop_shared.errors import InvalidTransitionError

AT = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)


@pytest.fixture
def invited_on(opened, meeting_on):
    """The requested State invited to the Bureau meeting of a given day."""

    def invite(meets_on: date):
        opened.run(InviteRequestedState(meeting_on(meets_on)), AT)
        return opened

    return invite


def test_P14c_the_requested_state_is_invited_to_the_next_bureau_meeting(opened, meeting_on):
    decision = opened.run(InviteRequestedState(meeting_on(date(2026, 11, 30))), AT)

    assert [p.payload for p in decision.events] == [
        RequestedStateInvited(
            case_id="NC-2026-007", meeting_id="BM-2026-11-30", meets_on=date(2026, 11, 30)
        )
    ]


def test_P14c_a_bureau_meeting_already_held_is_not_the_next_one(opened, meeting_on):
    meeting = meeting_on(date(2026, 11, 5), held_on=date(2026, 11, 5))

    with pytest.raises(InvalidTransitionError) as refused:
        opened.run(InviteRequestedState(meeting), AT)

    assert "BM-2026-11-05 was already held on 2026-11-05" in refused.value.detail


def test_P14c_the_requested_state_is_invited_once(invited_on, meeting_on):
    log = invited_on(date(2026, 11, 30))

    with pytest.raises(InvalidTransitionError) as refused:
        log.run(InviteRequestedState(meeting_on(date(2026, 12, 14))), AT)

    assert "already invited to the Bureau meeting BM-2026-11-30" in refused.value.detail


def test_P14c_attendance_is_recorded_once_for_the_meeting_invited_to(invited_on):
    log = invited_on(date(2026, 11, 30))

    decision = log.run(RecordAttendance(attended=False), AT)

    assert [p.payload for p in decision.events] == [
        RequestedStateAttendanceRecorded(
            case_id="NC-2026-007", meeting_id="BM-2026-11-30", attended=False
        )
    ]
    assert "P14c" not in log.state.remaining_steps()
    with pytest.raises(InvalidTransitionError, match="did not attend"):
        log.run(RecordAttendance(attended=True), AT)


def test_P14c_attendance_is_not_recorded_before_an_invitation(opened):
    with pytest.raises(InvalidTransitionError, match="was not invited"):
        opened.run(RecordAttendance(attended=True), AT)


def test_P14d_a_session_starting_exactly_three_calendar_months_after_the_meeting_is_refused(
    invited_on, session_on
):
    log = invited_on(date(2026, 11, 30))

    with pytest.raises(NywgMeetingTooCloseToSessionError) as refused:
        log.run(RequestNywgPublicMeeting(session_on(date(2027, 2, 28))), AT)

    assert refused.value.rule == "P14d"
    assert "The Bureau meeting was on 2026-11-30" in refused.value.detail
    assert "ASP-25, starts on 2027-02-28" in refused.value.detail
    assert log.state.nywg_request is None


def test_P14d_a_session_starting_one_day_more_than_three_months_after_the_meeting_is_allowed(
    invited_on, session_on
):
    log = invited_on(date(2026, 11, 30))

    decision = log.run(RequestNywgPublicMeeting(session_on(date(2027, 3, 1))), AT)

    assert [p.payload for p in decision.events] == [
        NywgPublicMeetingRequested(
            case_id="NC-2026-007",
            bureau_meeting_on=date(2026, 11, 30),
            next_session_id="ASP-25",
            next_session_starts_on=date(2027, 3, 1),
        )
    ]


@pytest.mark.parametrize(
    ("meeting", "refused_start", "allowed_start"),
    [
        (date(2027, 11, 30), date(2028, 2, 29), date(2028, 3, 1)),  # 30 Nov, leap year
        (date(2026, 8, 31), date(2026, 11, 30), date(2026, 12, 1)),  # 31 Aug
        (date(2028, 1, 31), date(2028, 4, 30), date(2028, 5, 1)),  # 31 Jan, leap year
    ],
)
def test_P14d_three_calendar_months_end_at_the_end_of_a_shorter_month(
    new_log, meeting_on, session_on, meeting, refused_start, allowed_start
):
    from bureau.domain.commands import OpenFormalResponse

    log = new_log()
    log.run(OpenFormalResponse(), AT)
    log.run(InviteRequestedState(meeting_on(meeting)), AT)

    with pytest.raises(NywgMeetingTooCloseToSessionError) as refused:
        log.run(RequestNywgPublicMeeting(session_on(refused_start)), AT)
    assert refused.value.rule == "P14d"
    assert f"it would have to start after {refused_start.isoformat()}" in refused.value.detail

    assert len(log.run(RequestNywgPublicMeeting(session_on(allowed_start)), AT).events) == 1


def test_P14d_a_session_moved_after_the_meeting_was_planned_changes_the_answer(
    invited_on, session_on
):
    log = invited_on(date(2026, 11, 30))
    with pytest.raises(NywgMeetingTooCloseToSessionError):
        log.run(RequestNywgPublicMeeting(session_on(date(2027, 2, 15))), AT)

    moved = session_on(date(2027, 3, 8))
    decision = log.run(RequestNywgPublicMeeting(moved), AT)

    assert decision.events[0].payload.next_session_starts_on == date(2027, 3, 8)


def test_P14d_a_session_moved_closer_to_the_meeting_is_refused(invited_on, session_on):
    log = invited_on(date(2026, 11, 30))

    with pytest.raises(NywgMeetingTooCloseToSessionError) as refused:
        log.run(RequestNywgPublicMeeting(session_on(date(2027, 1, 10), "ASP-25-moved")), AT)

    assert refused.value.rule == "P14d"
    assert "ASP-25-moved, starts on 2027-01-10" in refused.value.detail


def test_P14d_no_request_before_the_requested_state_was_invited(opened, session_on):
    with pytest.raises(InvalidTransitionError) as refused:
        opened.run(RequestNywgPublicMeeting(session_on(date(2027, 6, 1))), AT)

    assert "has not been invited to a Bureau meeting" in refused.value.detail


def test_P14d_no_request_when_no_next_session_is_scheduled(invited_on):
    log = invited_on(date(2026, 11, 30))

    with pytest.raises(InvalidTransitionError) as refused:
        log.run(RequestNywgPublicMeeting(None), AT)

    assert "No next Assembly session is scheduled" in refused.value.detail
    assert "Bureau meeting of 2026-11-30" in refused.value.detail


def test_P14d_the_public_meeting_is_requested_once(invited_on, session_on):
    log = invited_on(date(2026, 11, 30))
    log.run(RequestNywgPublicMeeting(session_on(date(2027, 6, 1))), AT)

    with pytest.raises(InvalidTransitionError, match="already requested"):
        log.run(RequestNywgPublicMeeting(session_on(date(2027, 6, 1))), AT)
