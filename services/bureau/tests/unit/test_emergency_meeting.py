"""P14a: an emergency Bureau meeting is convened at short notice, receives the President's
report and decides further action; its convening and its decisions are announced to all
States Parties."""

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
from noncoop_shared.errors import InvalidTransitionError

AT = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)
MEETS_ON = date(2026, 11, 4)
HELD_AT = datetime(2026, 11, 4, 18, 0, tzinfo=UTC)


@pytest.fixture
def convened(opened, meeting_on):
    opened.run(ConveneEmergencyMeeting(meeting_on(MEETS_ON, emergency=True)), AT)
    return opened


@pytest.fixture
def held(convened):
    convened.run(RecordEmergencyMeetingHeld(MEETS_ON, ("Send an open letter.",)), HELD_AT)
    return convened


def test_P14a_an_emergency_meeting_is_convened_on_the_case(opened, meeting_on):
    decision = opened.run(ConveneEmergencyMeeting(meeting_on(MEETS_ON, emergency=True)), AT)

    (recorded,) = decision.events
    assert recorded.payload == EmergencyMeetingConvened(
        case_id="NC-2026-007", meeting_id="EM-2026-11-04", meets_on=MEETS_ON
    )
    assert recorded.effective_classification() is Classification.BUREAU
    assert opened.state.emergency_meeting is not None


def test_P14a_an_ordinary_bureau_meeting_is_not_convened_as_the_emergency_meeting(
    opened, meeting_on
):
    with pytest.raises(InvalidTransitionError) as refused:
        opened.run(ConveneEmergencyMeeting(meeting_on(MEETS_ON)), AT)

    assert "BM-2026-11-04 of 2026-11-04 is not scheduled as an emergency" in refused.value.detail
    assert opened.state.emergency_meeting is None


def test_P14a_the_emergency_meeting_is_convened_once_per_case(convened, meeting_on):
    with pytest.raises(InvalidTransitionError) as refused:
        convened.run(ConveneEmergencyMeeting(meeting_on(date(2026, 11, 9), emergency=True)), AT)

    assert "(EM-2026-11-04, 2026-11-04) was already convened" in refused.value.detail


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
    assert convened.state.emergency_meeting.decisions == ("Send an open letter.",)


def test_P14a_a_meeting_not_convened_is_not_held(opened):
    with pytest.raises(InvalidTransitionError) as refused:
        opened.run(RecordEmergencyMeetingHeld(MEETS_ON), HELD_AT)

    assert "No emergency Bureau meeting was convened" in refused.value.detail


def test_P14a_the_meeting_is_held_once(held):
    with pytest.raises(InvalidTransitionError) as refused:
        held.run(RecordEmergencyMeetingHeld(date(2026, 11, 5)), HELD_AT)

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
        convened.run(AnnounceEmergencyMeeting(Announcement.DECISIONS), AT)

    assert "has not been held" in refused.value.detail


def test_P14a_each_announcement_is_made_once(held):
    held.run(AnnounceEmergencyMeeting(Announcement.DECISIONS), HELD_AT)

    with pytest.raises(InvalidTransitionError) as refused:
        held.run(AnnounceEmergencyMeeting(Announcement.DECISIONS), HELD_AT)

    assert "The decisions of the emergency Bureau meeting" in refused.value.detail


def test_P14a_remains_to_do_until_held_and_both_announcements_made(held):
    held.run(AnnounceEmergencyMeeting(Announcement.DECISIONS), HELD_AT)
    assert "P14a" in held.state.remaining_steps()

    held.run(AnnounceEmergencyMeeting(Announcement.CONVENING), HELD_AT)

    assert "P14a" not in held.state.remaining_steps()
