"""P14a: emergency Bureau meetings (several may be convened on a case) receive the President's
report and decide further action; the convening and the decisions of each are announced to all
States Parties. The meeting is one of the Bureau's meetings, looked up by ``decide()``."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bureau.domain.commands import (
    AnnounceEmergencyMeeting,
    ConveneEmergencyMeeting,
    RecordEmergencyMeetingHeld,
)
from noncoop_shared.access import Classification
from noncoop_shared.catalogue.bureau import (
    Announcement,
    EmergencyMeetingAnnounced,
    EmergencyMeetingConvened,
    EmergencyMeetingHeld,
)
from noncoop_shared.errors import (
    BusinessTimeOutOfBoundsError,
    InvalidTransitionError,
    NotFoundError,
)

AT = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)
MEETS_ON = date(2026, 11, 4)
HELD_AT = datetime(2026, 11, 4, 18, 0, tzinfo=UTC)


@pytest.fixture
def convened(opened):
    opened.run(ConveneEmergencyMeeting(opened.meeting(MEETS_ON, emergency=True)), AT)
    return opened


@pytest.fixture
def held(convened):
    convened.run(RecordEmergencyMeetingHeld(MEETS_ON, ("Send an open letter.",)), HELD_AT)
    return convened


def test_P14a_an_emergency_meeting_is_convened_on_the_case(opened):
    decision = opened.run(ConveneEmergencyMeeting(opened.meeting(MEETS_ON, emergency=True)), AT)

    (recorded,) = decision.events
    assert recorded.payload == EmergencyMeetingConvened(
        case_id="NC-2026-007", meeting_id="EM-2026-11-04", meets_on=MEETS_ON
    )
    assert recorded.effective_classification() is Classification.BUREAU
    assert [m.meeting_id for m in opened.state.emergency_meetings] == ["EM-2026-11-04"]


def test_P14a_an_unknown_meeting_is_not_convened(opened):
    with pytest.raises(NotFoundError, match="No Bureau meeting EM-9 is scheduled"):
        opened.run(ConveneEmergencyMeeting("EM-9"), AT)


def test_P14a_an_ordinary_bureau_meeting_is_not_convened_as_an_emergency_meeting(opened):
    with pytest.raises(InvalidTransitionError) as refused:
        opened.run(ConveneEmergencyMeeting(opened.meeting(MEETS_ON)), AT)

    assert "BM-2026-11-04 of 2026-11-04 is not scheduled as an emergency" in refused.value.detail
    assert opened.state.emergency_meetings == ()


def test_P14a_several_emergency_meetings_are_convened_on_one_case(convened):
    second = convened.meeting(date(2026, 11, 9), emergency=True)

    convened.run(ConveneEmergencyMeeting(second), AT)

    assert [m.meeting_id for m in convened.state.emergency_meetings] == [
        "EM-2026-11-04",
        "EM-2026-11-09",
    ]


def test_P14a_the_same_meeting_is_convened_once(convened):
    with pytest.raises(InvalidTransitionError) as refused:
        convened.run(ConveneEmergencyMeeting("EM-2026-11-04"), AT)

    assert "EM-2026-11-04 (2026-11-04) was already convened" in refused.value.detail


def test_P14a_a_meeting_convened_before_the_court_decision_is_out_of_bounds(opened):
    meeting = opened.meeting(MEETS_ON, emergency=True)

    with pytest.raises(BusinessTimeOutOfBoundsError) as refused:
        opened.run(ConveneEmergencyMeeting(meeting), datetime(2026, 10, 29, 23, 0, tzinfo=UTC))

    assert refused.value.field == "body.occurred_at"
    assert "before the Court decision ICC-01/99-01/26-123 (2026-10-30)" in refused.value.detail


def test_P14a_a_meeting_convened_on_the_day_of_the_court_decision_is_accepted(opened):
    meeting = opened.meeting(MEETS_ON, emergency=True)

    decision = opened.run(ConveneEmergencyMeeting(meeting), datetime(2026, 10, 30, tzinfo=UTC))

    assert len(decision.events) == 1


def test_P14a_the_meeting_held_records_its_decisions(convened):
    decision = convened.run(
        RecordEmergencyMeetingHeld(MEETS_ON, ("Send an open letter.",)), HELD_AT
    )

    assert [p.payload for p in decision.events] == [
        EmergencyMeetingHeld(
            case_id="NC-2026-007",
            meeting_id="EM-2026-11-04",
            held_on=MEETS_ON,
            decisions=["Send an open letter."],
        )
    ]
    assert convened.state.emergency_meetings[0].decisions == ("Send an open letter.",)


def test_P14a_with_two_meetings_not_yet_held_the_one_held_is_named(convened):
    convened.run(ConveneEmergencyMeeting(convened.meeting(date(2026, 11, 9), emergency=True)), AT)

    with pytest.raises(InvalidTransitionError, match="Name the emergency Bureau meeting"):
        convened.run(RecordEmergencyMeetingHeld(MEETS_ON), HELD_AT)
    decision = convened.run(
        RecordEmergencyMeetingHeld(date(2026, 11, 9), meeting_id="EM-2026-11-09"),
        datetime(2026, 11, 9, 18, tzinfo=UTC),
    )

    assert decision.events[0].payload.meeting_id == "EM-2026-11-09"


def test_P14a_a_meeting_not_convened_is_not_held(opened):
    with pytest.raises(InvalidTransitionError) as refused:
        opened.run(RecordEmergencyMeetingHeld(MEETS_ON), HELD_AT)

    assert "No emergency Bureau meeting was convened" in refused.value.detail


@pytest.mark.parametrize(
    ("held_on", "accepted"),
    [(date(2026, 11, 1), False), (date(2026, 11, 2), True), (date(2026, 11, 3), True)],
)
def test_P14a_a_meeting_is_not_held_before_the_day_it_was_convened(convened, held_on, accepted):
    command = RecordEmergencyMeetingHeld(held_on)

    if accepted:
        assert len(convened.run(command, HELD_AT).events) == 1
    else:
        with pytest.raises(BusinessTimeOutOfBoundsError) as refused:
            convened.run(command, HELD_AT)
        assert refused.value.field == "body.held_on"
        assert "before the day it was convened (2026-11-02)" in refused.value.detail


def test_P14a_the_meeting_is_held_once(held):
    with pytest.raises(InvalidTransitionError) as refused:
        held.run(RecordEmergencyMeetingHeld(date(2026, 11, 5), meeting_id="EM-2026-11-04"), HELD_AT)

    assert "was already held on 2026-11-04" in refused.value.detail


def test_P14a_a_meeting_is_not_recorded_as_held_on_a_day_not_yet_begun_anywhere(convened):
    with pytest.raises(InvalidTransitionError) as refused:
        convened.run(RecordEmergencyMeetingHeld(date(2026, 11, 4)), AT)

    assert "dated 2026-11-04, a day that had not yet begun anywhere" in refused.value.detail


def test_P14a_the_convening_is_announced_before_the_meeting_is_held(convened):
    decision = convened.run(AnnounceEmergencyMeeting(Announcement.CONVENING, "Meets 4 Nov."), AT)

    (recorded,) = decision.events
    assert recorded.payload == EmergencyMeetingAnnounced(
        case_id="NC-2026-007",
        meeting_id="EM-2026-11-04",
        announcement=Announcement.CONVENING,
        text="Meets 4 Nov.",
    )
    assert recorded.effective_classification() is Classification.STATES_PARTIES


def test_P14a_decisions_are_not_announced_before_the_meeting_is_held(convened):
    with pytest.raises(InvalidTransitionError) as refused:
        convened.run(
            AnnounceEmergencyMeeting(Announcement.DECISIONS, meeting_id="EM-2026-11-04"), AT
        )

    assert "has not been held" in refused.value.detail


def test_P14a_decisions_are_not_announced_dated_before_the_day_held(held):
    with pytest.raises(BusinessTimeOutOfBoundsError, match="before the meeting"):
        held.run(
            AnnounceEmergencyMeeting(Announcement.DECISIONS), datetime(2026, 11, 3, tzinfo=UTC)
        )


def test_P14a_each_announcement_is_made_once(held):
    held.run(AnnounceEmergencyMeeting(Announcement.DECISIONS), HELD_AT)

    with pytest.raises(InvalidTransitionError) as refused:
        held.run(
            AnnounceEmergencyMeeting(Announcement.DECISIONS, meeting_id="EM-2026-11-04"), HELD_AT
        )

    assert "The decisions of the emergency Bureau meeting" in refused.value.detail


def test_P14a_is_done_once_a_meeting_is_held_and_both_announcements_made(held):
    held.run(AnnounceEmergencyMeeting(Announcement.DECISIONS), HELD_AT)
    assert "P14a" in held.state.remaining_steps()

    held.run(AnnounceEmergencyMeeting(Announcement.CONVENING), HELD_AT)

    assert "P14a" not in held.state.remaining_steps()
