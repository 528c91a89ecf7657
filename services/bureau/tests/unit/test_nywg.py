"""P14c: the requested State is invited to the next Bureau meeting; P14c is done once that
meeting has been held and the State's attendance (or absence) recorded. P14d (hard): the Bureau
may then request a public meeting of the New York Working Group only after that meeting was
held, and only if the next (or on-going) session on the day it was **held** starts more than
three calendar months after that day; the refusal says both dates and the limit. The meeting
and the session are computed by ``decide()`` from the Bureau's meetings and the calendar."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from bureau.domain.commands import (
    InviteRequestedState,
    OpenFormalResponse,
    RecordAttendance,
    RequestNywgPublicMeeting,
)
from bureau.domain.rules import (
    NywgMeetingTooCloseToSessionError,
    NywgRequestBeforeBureauMeetingError,
)
from noncoop_shared.calendar import SessionKind
from noncoop_shared.catalogue.bureau import (
    NywgPublicMeetingRequested,
    RequestedStateAttendanceRecorded,
    RequestedStateInvited,
)
from noncoop_shared.errors import BusinessTimeOutOfBoundsError, InvalidTransitionError

AT = datetime(2026, 11, 10, 9, 0, tzinfo=UTC)


def at(day: date) -> datetime:
    return datetime.combine(day, time(15), tzinfo=UTC)


@pytest.fixture
def held_on(new_log):
    """A formal response whose requested State was invited (at ``AT``) to the Bureau meeting
    scheduled for ``meets_on``, held on ``held`` (default: that day), attendance recorded."""

    def build(meets_on: date, held: date | None = None, *, sessions=()):
        log = new_log()
        log.sessions = list(sessions)
        log.run(OpenFormalResponse(), AT)
        meeting_id = log.meeting(meets_on)
        log.run(InviteRequestedState(), AT)
        log.hold(meeting_id, held or meets_on)
        log.run(RecordAttendance(attended=False), at(held or meets_on))
        return log

    return build


# --- P14c --------------------------------------------------------------------------------------


def test_P14c_the_requested_state_is_invited_to_the_next_bureau_meeting_after_the_day(opened):
    opened.meeting(date(2026, 11, 10))  # the day itself: not the next one
    opened.meeting(date(2026, 12, 14))
    opened.meeting(date(2026, 11, 30))

    decision = opened.run(InviteRequestedState(), AT)

    assert [p.payload for p in decision.events] == [
        RequestedStateInvited(
            case_id="NC-2026-007", meeting_id="BM-2026-11-30", meets_on=date(2026, 11, 30)
        )
    ]


def test_P14c_no_invitation_while_no_bureau_meeting_is_scheduled_after_the_day(opened):
    opened.meeting(date(2026, 11, 5), held_on=date(2026, 11, 5))

    with pytest.raises(InvalidTransitionError, match="No Bureau meeting is scheduled after"):
        opened.run(InviteRequestedState(), AT)


def test_P14c_a_bureau_meeting_already_held_before_the_invitation_is_not_the_next_one(opened):
    meeting_id = opened.meeting(date(2026, 11, 5), held_on=date(2026, 11, 5))

    with pytest.raises(InvalidTransitionError) as refused:
        opened.run(InviteRequestedState(meeting_id), AT)

    assert "BM-2026-11-05 was held on 2026-11-05, before the invitation" in refused.value.detail


def test_P14c_an_invitation_dated_before_a_meeting_later_held_is_accepted(opened):
    """Order of arrival: the meeting is already recorded as held; the invitation, entered
    later, is dated before that day."""
    meeting_id = opened.meeting(date(2026, 11, 12), held_on=date(2026, 11, 12))

    decision = opened.run(InviteRequestedState(meeting_id), AT)

    assert decision.events[0].payload.meeting_id == meeting_id


def test_P14c_the_requested_state_is_invited_once(opened):
    opened.meeting(date(2026, 11, 30))
    opened.run(InviteRequestedState(), AT)
    opened.meeting(date(2026, 12, 14))

    with pytest.raises(InvalidTransitionError) as refused:
        opened.run(InviteRequestedState(), AT)

    assert "already invited to the Bureau meeting BM-2026-11-30" in refused.value.detail


def test_P14c_attendance_is_refused_before_the_meeting_was_held(opened):
    opened.meeting(date(2026, 11, 30))
    opened.run(InviteRequestedState(), AT)

    with pytest.raises(InvalidTransitionError, match="has not been recorded as held"):
        opened.run(RecordAttendance(attended=True), at(date(2026, 11, 30)))
    assert "P14c" in opened.state.remaining_steps()


@pytest.mark.parametrize(
    ("recorded_on", "accepted"),
    [(date(2026, 11, 29), False), (date(2026, 11, 30), True), (date(2026, 12, 1), True)],
)
def test_P14c_attendance_is_not_dated_before_the_day_the_meeting_was_held(
    opened, recorded_on, accepted
):
    meeting_id = opened.meeting(date(2026, 11, 30))
    opened.run(InviteRequestedState(), AT)
    opened.hold(meeting_id, date(2026, 11, 30))

    if accepted:
        assert len(opened.run(RecordAttendance(attended=True), at(recorded_on)).events) == 1
    else:
        with pytest.raises(BusinessTimeOutOfBoundsError, match="before the Bureau meeting"):
            opened.run(RecordAttendance(attended=True), at(recorded_on))


def test_P14c_is_done_when_the_meeting_was_held_and_attendance_recorded(held_on):
    log = held_on(date(2026, 11, 30), date(2026, 12, 2))

    assert log.recorded[-1].payload == RequestedStateAttendanceRecorded(
        case_id="NC-2026-007",
        meeting_id="BM-2026-11-30",
        attended=False,
        held_on=date(2026, 12, 2),
    )
    assert log.state.invitation.done
    assert "P14c" not in log.state.remaining_steps()
    with pytest.raises(InvalidTransitionError, match="did not attend"):
        log.run(RecordAttendance(attended=True), at(date(2026, 12, 3)))


def test_P14c_attendance_is_not_recorded_before_an_invitation(opened):
    with pytest.raises(InvalidTransitionError, match="was not invited"):
        opened.run(RecordAttendance(attended=True), AT)


# --- P14d: the three calendar months, from the day held --------------------------------------


@pytest.mark.parametrize(
    ("held", "refused_start", "allowed_start"),
    [
        (date(2026, 11, 30), date(2027, 2, 28), date(2027, 3, 1)),  # 30 Nov -> 28 Feb
        (date(2027, 11, 30), date(2028, 2, 29), date(2028, 3, 1)),  # 30 Nov -> 29 Feb (leap)
        (date(2027, 8, 31), date(2027, 11, 30), date(2027, 12, 1)),  # 31 Aug -> 30 Nov
        (date(2028, 1, 31), date(2028, 4, 30), date(2028, 5, 1)),  # 31 Jan -> 30 Apr (leap)
        (date(2026, 12, 15), date(2027, 3, 15), date(2027, 3, 16)),  # across the year end
    ],
)
def test_P14d_a_session_starting_on_the_limit_is_refused_and_the_day_after_accepted(
    held_on, session_on, held, refused_start, allowed_start
):
    meets_on = max(held, date(2026, 11, 11))
    log = held_on(meets_on, held, sessions=[session_on(refused_start)])
    request_at = at(held + timedelta(days=1))

    with pytest.raises(NywgMeetingTooCloseToSessionError) as refused:
        log.run(RequestNywgPublicMeeting(), request_at)
    assert refused.value.rule == "P14d"
    assert f"The Bureau meeting was held on {held.isoformat()}" in refused.value.detail
    assert f"ASP-25, starts on {refused_start.isoformat()}" in refused.value.detail
    assert f"it would have to start after {refused_start.isoformat()}" in refused.value.detail
    assert log.state.nywg_request is None

    log.sessions = [session_on(allowed_start)]
    decision = log.run(RequestNywgPublicMeeting(), request_at)

    assert [p.payload for p in decision.events] == [
        NywgPublicMeetingRequested(
            case_id="NC-2026-007",
            bureau_meeting_on=held,
            next_session_id="ASP-25",
            next_session_starts_on=allowed_start,
            bureau_meeting_id=f"BM-{meets_on.isoformat()}",
            session_must_start_after=refused_start,
        )
    ]


def test_P14d_is_measured_from_the_day_held_not_the_day_first_scheduled(held_on, session_on):
    # Scheduled for 30 November, held on 2 December: the limit is 2 March, not 28 February.
    log = held_on(date(2026, 11, 30), date(2026, 12, 2), sessions=[session_on(date(2027, 3, 1))])

    with pytest.raises(NywgMeetingTooCloseToSessionError) as refused:
        log.run(RequestNywgPublicMeeting(), at(date(2026, 12, 3)))

    assert "held on 2026-12-02" in refused.value.detail
    assert "start after 2027-03-02" in refused.value.detail


def test_P14d_is_refused_before_the_meeting_of_p14c_was_held(opened, session_on):
    opened.sessions = [session_on(date(2027, 6, 1))]
    opened.meeting(date(2026, 11, 30))
    opened.run(InviteRequestedState(), AT)

    with pytest.raises(NywgRequestBeforeBureauMeetingError) as refused:
        opened.run(RequestNywgPublicMeeting(), at(date(2026, 12, 1)))

    assert refused.value.rule == "P14d"
    assert "(scheduled for 2026-11-30) has not been recorded as held" in refused.value.detail


@pytest.mark.parametrize(
    ("request_on", "accepted"),
    [(date(2026, 12, 1), False), (date(2026, 12, 2), True)],
)
def test_P14d_a_request_dated_before_the_day_held_is_refused_even_if_recorded_after(
    held_on, session_on, request_on, accepted
):
    log = held_on(date(2026, 11, 30), date(2026, 12, 2), sessions=[session_on(date(2027, 6, 1))])

    if accepted:
        assert len(log.run(RequestNywgPublicMeeting(), at(request_on)).events) == 1
    else:
        with pytest.raises(
            NywgRequestBeforeBureauMeetingError, match="was held only on 2026-12-02"
        ):
            log.run(RequestNywgPublicMeeting(), at(request_on))


def test_P14d_a_session_ongoing_on_the_day_held_is_refused(held_on, session_on):
    log = held_on(date(2026, 12, 3), sessions=[session_on(date(2026, 12, 1))])

    with pytest.raises(NywgMeetingTooCloseToSessionError) as refused:
        log.run(RequestNywgPublicMeeting(), at(date(2026, 12, 4)))

    assert "ASP-25 (on-going on that day), starts on 2026-12-01" in refused.value.detail


def resumed_calendar(session_on):
    return [
        session_on(date(2026, 12, 7), "ASP-25"),
        session_on(date(2027, 6, 1), "ASP-25-R", kind=SessionKind.RESUMED, days=2),
        session_on(date(2027, 12, 1), "ASP-26", number=26),
    ]


@pytest.mark.parametrize(
    ("held", "accepted"),
    [
        (date(2027, 5, 31), True),  # before the resumed part: next is ASP-26 (1 Dec 2027)
        (date(2027, 6, 1), False),  # during the resumed part: ASP-25 is on-going
        (date(2027, 6, 2), False),
        (date(2027, 6, 3), True),  # after it: ASP-26 again
    ],
)
def test_P14d_a_resumed_part_is_its_session_ongoing(held_on, session_on, held, accepted):
    log = held_on(held, sessions=resumed_calendar(session_on))

    if accepted:
        event = log.run(RequestNywgPublicMeeting(), at(held)).events[0].payload
        assert event.next_session_id == "ASP-26"
    else:
        with pytest.raises(NywgMeetingTooCloseToSessionError, match="ASP-25 \\(on-going"):
            log.run(RequestNywgPublicMeeting(), at(held))


@pytest.mark.parametrize("marked", [False, True])
def test_P14d_a_special_session_counts_only_when_marked(held_on, session_on, marked):
    special = session_on(date(2027, 1, 15), "SS-1", kind=SessionKind.SPECIAL, days=2, marked=marked)
    log = held_on(date(2026, 11, 30), sessions=[special, session_on(date(2027, 6, 1))])

    if marked:
        with pytest.raises(NywgMeetingTooCloseToSessionError, match="SS-1, starts on 2027-01-15"):
            log.run(RequestNywgPublicMeeting(), at(date(2026, 12, 1)))
    else:
        event = log.run(RequestNywgPublicMeeting(), at(date(2026, 12, 1))).events[0].payload
        assert event.next_session_id == "ASP-25"


def test_P14d_no_request_before_the_requested_state_was_invited(opened, session_on):
    opened.sessions = [session_on(date(2027, 6, 1))]

    with pytest.raises(InvalidTransitionError) as refused:
        opened.run(RequestNywgPublicMeeting(), AT)

    assert "has not been invited to a Bureau meeting" in refused.value.detail


def test_P14d_no_request_when_no_next_session_is_scheduled(held_on):
    log = held_on(date(2026, 11, 30))

    with pytest.raises(NywgMeetingTooCloseToSessionError) as refused:
        log.run(RequestNywgPublicMeeting(), at(date(2026, 12, 1)))

    assert "No Assembly session on or after 2026-11-30 is on the calendar" in refused.value.detail
    assert "starts after 2027-02-28" in refused.value.detail


def test_P14d_the_public_meeting_is_requested_once(held_on, session_on):
    log = held_on(date(2026, 11, 30), sessions=[session_on(date(2027, 6, 1))])
    log.run(RequestNywgPublicMeeting(), at(date(2026, 12, 1)))

    with pytest.raises(InvalidTransitionError, match="already requested"):
        log.run(RequestNywgPublicMeeting(), at(date(2026, 12, 1)))
