"""Res. 35 / annex I 3(j): travel information on a person subject to an arrest warrant, received
by a focal point, is shared promptly with the Court: due a service level after it is recorded,
settled when shared, flagged overdue exactly once, on any registered case (or on none: see
``test_travel_without_case.py``), whether or not the President is active, and still due after the
good offices or the case ended. Potential travel is later confirmed or cancelled; each change is
due with the Court again."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from good_offices.domain.commands import (
    Conclude,
    MarkDeadlineOverdue,
    NoteCaseClosed,
    RecordTravelInformation,
    ShareTravelInformationWithCourt,
)
from good_offices.domain.decide import ServiceLevels
from good_offices.domain.travel import CancelTravel, ConfirmTravel, TravelRecord
from noncoop_shared.access import Classification
from noncoop_shared.catalogue.good_offices import (
    Outcome,
    SharedTravelStatus,
    TravelInformationCancelled,
    TravelInformationConfirmed,
    TravelInformationRecorded,
    TravelInformationSharedWithCourt,
    TravelInformationSharingOverdue,
    TravelStatus,
)
from noncoop_shared.decisions import DeadlineSet, DeadlineSettled, Decision
from noncoop_shared.errors import (
    BusinessTimeOutOfBoundsError,
    InvalidTransitionError,
    NotFoundError,
)

RECEIVED_AT = datetime(2026, 2, 28, 18, 0, tzinfo=UTC)
DUE_AT = datetime(2026, 3, 1, 18, 0, tzinfo=UTC)
"""24 hours after the information was recorded, across the end of February (2026: no leap day)."""
MINUTE = timedelta(minutes=1)

TRAVEL = RecordTravelInformation(
    travel_id="T-1",
    person="A. N. Example",
    destination_state="XMP",
    travel_from=date(2026, 3, 2),
    travel_to=date(2026, 3, 4),
    status=TravelStatus.POTENTIAL,
    details="Invited to a summit in the capital.",
    warrant_reference="ICC-01/99-01/26-2",
)
SHARE = ShareTravelInformationWithCourt("T-1", "Registry secure channel")
OVERDUE = MarkDeadlineOverdue("travel_sharing:T-1")


@pytest.fixture
def travelling(log):
    """Travel information ``T-1`` recorded at ``RECEIVED_AT``, good offices never activated."""
    log.run(TRAVEL, RECEIVED_AT)
    return log


def test_Res35_travel_information_is_due_with_the_court_24_hours_after_it_is_recorded(log):
    decision = log.run(TRAVEL, RECEIVED_AT)

    assert decision.deadlines == [DeadlineSet("travel_sharing:T-1", DUE_AT, "Res35")]
    (recorded,) = decision.events
    assert recorded.payload == TravelInformationRecorded(
        case_id="NC-2026-001",
        travel_id="T-1",
        person="A. N. Example",
        destination_state="XMP",
        travel_from=date(2026, 3, 2),
        travel_to=date(2026, 3, 4),
        status=TravelStatus.POTENTIAL,
        details="Invited to a summit in the capital.",
        share_due_at=DUE_AT,
        warrant_reference="ICC-01/99-01/26-2",
    )
    assert recorded.effective_classification() is Classification.RESTRICTED


def test_Res35_the_service_level_is_a_setting_and_counts_the_leap_day(new_log):
    log = new_log(levels=ServiceLevels(travel_sharing=timedelta(hours=30)))

    decision = log.run(TRAVEL, datetime(2028, 2, 28, 20, 0, tzinfo=UTC))

    assert decision.deadlines == [
        DeadlineSet("travel_sharing:T-1", datetime(2028, 3, 1, 2, 0, tzinfo=UTC), "Res35")
    ]


@pytest.mark.parametrize(
    "case",
    ["urgent_case", "referred_case", "continued_case", "closed_case", "information_only_case"],
)
def test_Res35_travel_information_is_recorded_on_any_registered_case_without_good_offices(
    log, request, case
):
    log.case = request.getfixturevalue(case)

    log.run(TRAVEL, RECEIVED_AT)

    state = log.state
    assert not state.activated
    assert state.travel["T-1"] == TravelRecord(
        travel_id="T-1",
        person="A. N. Example",
        destination_state="XMP",
        travel_from=date(2026, 3, 2),
        travel_to=date(2026, 3, 4),
        status=SharedTravelStatus.POTENTIAL,
        recorded_at=RECEIVED_AT,
        changed_at=RECEIVED_AT,
        due_at=DUE_AT,
        warrant_reference="ICC-01/99-01/26-2",
    )


def test_Res35_travel_information_is_recorded_while_the_good_offices_are_active(active_7b):
    active_7b.run(TRAVEL, datetime(2026, 4, 1, 9, 0, tzinfo=UTC))

    assert set(active_7b.state.travel) == {"T-1"}


def test_travel_information_is_recorded_only_on_a_case_the_register_holds(log):
    log.case = None

    with pytest.raises(NotFoundError) as refused:
        log.run(TRAVEL, RECEIVED_AT)

    assert "No case NC-2026-001 is registered" in refused.value.detail


def test_a_travel_id_is_used_once_in_a_case(travelling):
    with pytest.raises(InvalidTransitionError) as refused:
        travelling.run(replace(TRAVEL, status=TravelStatus.CONFIRMED), DUE_AT)

    assert "id T-1 is already taken on case NC-2026-001" in refused.value.detail
    # Not when the record holding it was received: it may be one the caller may not read.
    assert "2026-02-28" not in refused.value.detail


def test_a_travel_does_not_end_before_it_begins(log):
    with pytest.raises(InvalidTransitionError) as refused:
        log.run(replace(TRAVEL, travel_to=date(2026, 3, 1)), RECEIVED_AT)

    assert "T-1 ends on 2026-03-01, before it begins on 2026-03-02" in refused.value.detail


@pytest.mark.parametrize("travel_to", [date(2026, 3, 2), None], ids=["same day", "open-ended"])
def test_a_travel_may_end_on_the_day_it_begins_or_have_no_known_end(log, travel_to):
    log.run(replace(TRAVEL, travel_to=travel_to), RECEIVED_AT)

    assert log.state.travel["T-1"].travel_to == travel_to


def test_Res35_travel_information_shared_within_the_service_level_is_on_time_and_settles_it(
    travelling,
):
    decision = travelling.run(SHARE, DUE_AT - MINUTE)

    assert decision.deadlines == [DeadlineSettled("travel_sharing:T-1")]
    (recorded,) = decision.events
    assert recorded.payload == TravelInformationSharedWithCourt(
        case_id="NC-2026-001",
        travel_id="T-1",
        channel="Registry secure channel",
        due_at=DUE_AT,
        late=False,
        status=SharedTravelStatus.POTENTIAL,
    )
    record = travelling.state.travel["T-1"]
    assert (record.shared_at, record.channel, record.late) == (
        DUE_AT - MINUTE,
        "Registry secure channel",
        False,
    )


def test_Res35_travel_information_shared_at_the_due_time_itself_is_on_time(travelling):
    (recorded,) = travelling.run(SHARE, DUE_AT).events

    assert isinstance(recorded.payload, TravelInformationSharedWithCourt)
    assert recorded.payload.late is False


def test_Res35_travel_information_shared_after_the_due_time_is_late(travelling):
    (recorded,) = travelling.run(SHARE, DUE_AT + MINUTE).events

    assert isinstance(recorded.payload, TravelInformationSharedWithCourt)
    assert recorded.payload.late is True
    assert travelling.state.travel["T-1"].late


def test_Res35_travel_information_is_shared_once(travelling):
    travelling.run(SHARE, datetime(2026, 3, 1, 9, 30, tzinfo=UTC))

    with pytest.raises(InvalidTransitionError) as refused:
        travelling.run(SHARE, DUE_AT)

    assert (
        "T-1 on case NC-2026-001, as potential, was already shared with the Court on "
        "2026-03-01 09:30 UTC (Registry secure channel)" in refused.value.detail
    )


def test_only_travel_information_recorded_on_the_case_is_shared(travelling):
    with pytest.raises(InvalidTransitionError) as refused:
        travelling.run(ShareTravelInformationWithCourt("T-9", "Registry secure channel"), DUE_AT)

    assert "No travel information T-9 is recorded on case NC-2026-001" in refused.value.detail


def test_Res35_travel_information_not_shared_by_its_due_time_is_flagged_overdue(travelling):
    decision = travelling.run(OVERDUE, DUE_AT)

    assert [p.payload for p in decision.events] == [
        TravelInformationSharingOverdue(case_id="NC-2026-001", travel_id="T-1", due_at=DUE_AT)
    ]
    assert travelling.state.travel["T-1"].overdue


def test_Res35_nothing_is_flagged_overdue_before_the_due_time(travelling):
    assert travelling.run(OVERDUE, DUE_AT - MINUTE) == Decision()


def test_Res35_travel_information_is_flagged_overdue_once_however_often_the_scheduler_fires(
    travelling,
):
    travelling.run(OVERDUE, DUE_AT)

    assert travelling.run(OVERDUE, DUE_AT + MINUTE) == Decision()
    assert travelling.run(OVERDUE, DUE_AT + timedelta(days=31)) == Decision()
    assert len(travelling.recorded) == 2


def test_Res35_travel_information_shared_before_the_scheduler_fires_is_never_overdue(travelling):
    travelling.run(SHARE, DUE_AT - MINUTE)

    assert travelling.run(OVERDUE, DUE_AT + MINUTE) == Decision()


def test_Res35_travel_information_flagged_overdue_is_still_shared_late_and_settles_it(
    travelling,
):
    travelling.run(OVERDUE, DUE_AT)

    decision = travelling.run(SHARE, DUE_AT + timedelta(hours=3))

    (recorded,) = decision.events
    assert isinstance(recorded.payload, TravelInformationSharedWithCourt)
    assert recorded.payload.late is True
    assert decision.deadlines == [DeadlineSettled("travel_sharing:T-1")]


def test_Res35_each_travel_has_its_own_deadline(travelling):
    later = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    travelling.run(replace(TRAVEL, travel_id="T-2"), later)

    travelling.run(OVERDUE, DUE_AT)

    assert not travelling.state.travel["T-2"].overdue
    assert travelling.run(MarkDeadlineOverdue("travel_sharing:T-2"), DUE_AT) == Decision()
    assert travelling.state.awaited() == ["travel_sharing:T-1", "travel_sharing:T-2"]


def test_the_scheduler_may_only_fire_the_sharing_of_travel_recorded_on_the_case(travelling):
    with pytest.raises(InvalidTransitionError) as refused:
        travelling.run(MarkDeadlineOverdue("travel_sharing:T-9"), DUE_AT)

    assert "No travel information T-9" in refused.value.detail


@pytest.mark.parametrize(
    ("case", "ending"),
    [("urgent_case", Conclude(Outcome.NO_RESULT)), ("closed_case", NoteCaseClosed())],
    ids=["concluded", "case closed"],
)
def test_Res35_travel_information_is_still_due_with_the_court_once_the_good_offices_ended(
    active_7b, request, case, ending
):
    received_at = datetime(2026, 4, 1, 8, 0, tzinfo=UTC)
    active_7b.run(replace(TRAVEL, travel_from=date(2026, 4, 3), travel_to=None), received_at)
    active_7b.case = request.getfixturevalue(case)

    decision = active_7b.run(ending, received_at + timedelta(hours=1))

    assert DeadlineSettled("travel_sharing:T-1") not in decision.deadlines
    due_at = received_at + timedelta(hours=24)
    assert [type(p.payload) for p in active_7b.run(OVERDUE, due_at).events] == [
        TravelInformationSharingOverdue
    ]
    assert [type(p.payload) for p in active_7b.run(SHARE, due_at + MINUTE).events] == [
        TravelInformationSharedWithCourt
    ]


# --- Confirmed or cancelled later; each change shared again ----------------------------------

CONFIRM = ConfirmTravel("T-1", date(2026, 3, 3), date(2026, 3, 4), "Flight booked.")
CANCEL = CancelTravel("T-1", "The summit was postponed.")
CHANGED_AT = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("change", "event", "status"),
    [
        (CONFIRM, TravelInformationConfirmed, SharedTravelStatus.CONFIRMED),
        (CANCEL, TravelInformationCancelled, SharedTravelStatus.CANCELLED),
    ],
)
def test_Res35_a_change_to_shared_travel_is_due_with_the_court_again_from_its_own_time(
    travelling, change, event, status
):
    travelling.run(SHARE, DUE_AT - MINUTE)

    decision = travelling.run(change, CHANGED_AT)

    (recorded,) = decision.events
    assert isinstance(recorded.payload, event)
    due = CHANGED_AT + timedelta(hours=24)
    assert decision.deadlines == [DeadlineSet("travel_sharing:T-1", due, "Res35")]
    record = travelling.state.travel["T-1"]
    assert (record.status, record.due_at, record.shared_at) == (status, due, None)
    (shared,) = travelling.run(SHARE, due).events
    assert shared.payload.status is status
    assert shared.payload.late is False


def test_Res35_only_potential_travel_is_confirmed_and_a_cancelled_one_not_again(travelling):
    travelling.run(CONFIRM, CHANGED_AT)
    with pytest.raises(InvalidTransitionError, match="only potential travel is confirmed"):
        travelling.run(CONFIRM, CHANGED_AT + MINUTE)
    travelling.run(CANCEL, CHANGED_AT + MINUTE)
    with pytest.raises(InvalidTransitionError, match="cancelled once"):
        travelling.run(CANCEL, CHANGED_AT + 2 * MINUTE)


@pytest.mark.parametrize("change", [CONFIRM, CANCEL, SHARE])
def test_Time_a_change_or_sharing_is_not_dated_before_the_travel_information_it_follows(
    travelling, change
):
    with pytest.raises(BusinessTimeOutOfBoundsError) as refused:
        travelling.run(change, RECEIVED_AT - MINUTE)

    assert refused.value.field == "body.occurred_at"


def test_Res35_a_change_not_shared_in_time_is_overdue_from_its_own_due_time(travelling):
    travelling.run(SHARE, DUE_AT - MINUTE)
    travelling.run(CANCEL, CHANGED_AT)
    change_due = CHANGED_AT + timedelta(hours=24)

    assert travelling.run(OVERDUE, change_due - MINUTE) == Decision()
    (overdue,) = travelling.run(OVERDUE, change_due).events
    assert overdue.payload == TravelInformationSharingOverdue(
        case_id="NC-2026-001", travel_id="T-1", due_at=change_due
    )
