"""The state of the good offices is a fold of their stream: replaying the events gives the same
state, and a stream takes only its own case's good-offices events."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from good_offices.domain.commands import (
    RecordBureauNotification,
    RecordTravelInformation,
    RecordVerification,
    RequestAssistance,
    ShareTravelInformationWithCourt,
)
from good_offices.domain.state import GoodOfficesState, evolve, fold
from noncoop_shared.auth.roles import RegionalGroup
from noncoop_shared.catalogue.base import EventPayload
from noncoop_shared.catalogue.good_offices import (
    ActivationBasis,
    Assistant,
    FocalPointTermEnded,
    GoodOfficesContinuedUnder7a,
    TravelStatus,
    Verification,
)

ACTIVATED_AT = datetime(2026, 3, 31, 23, 30, tzinfo=UTC)
NOTIFIED_AT = datetime(2026, 4, 1, 7, 45, tzinfo=UTC)
TRAVEL = RecordTravelInformation(
    "T-1", "A. N. Example", "XMP", date(2026, 4, 2), None, TravelStatus.CONFIRMED
)


def _history(log):
    log.run(RecordBureauNotification("Letter"), NOTIFIED_AT)
    log.run(RequestAssistance(Assistant.FOCAL_POINT, RegionalGroup.AFRICAN), NOTIFIED_AT)
    log.run(RecordVerification(Verification.VERIFIED), NOTIFIED_AT)
    log.run(TRAVEL, NOTIFIED_AT)
    log.run(ShareTravelInformationWithCourt("T-1", "Registry"), NOTIFIED_AT)


def test_before_its_first_event_the_stream_knows_only_its_case():
    state = fold([], case_id="NC-2026-001")

    assert state == GoodOfficesState(case_id="NC-2026-001")
    assert not state.exists
    assert not state.activated
    assert not state.active
    assert state.version == 0
    assert state.awaited() == []


def test_the_version_counts_the_events_of_the_stream(active_7b):
    _history(active_7b)

    assert active_7b.state.version == 6


def test_a_stream_folds_to_its_whole_history(active_7b):
    _history(active_7b)

    state = fold(active_7b.events, case_id="NC-2026-001")

    assert state.exists
    assert state.basis is ActivationBasis.OWN_INITIATIVE_7B
    assert state.activated_at == ACTIVATED_AT
    assert state.bureau_notification.done_at == NOTIFIED_AT
    assert state.assigned_regions == {RegionalGroup.AFRICAN}
    assert (state.verification, state.verified_at) == (Verification.VERIFIED, NOTIFIED_AT)
    assert state.travel["T-1"].shared_at == NOTIFIED_AT
    assert state.awaited() == []


def test_folding_in_steps_is_the_same_as_folding_at_once(active_7b):
    _history(active_7b)

    stepwise = GoodOfficesState(case_id="NC-2026-001")
    for payload, occurred_at in active_7b.events:
        stepwise = evolve(stepwise, payload, occurred_at)

    assert stepwise == fold(active_7b.events, case_id="NC-2026-001")


def test_an_event_of_the_roster_is_not_folded_into_the_good_offices_on_a_case():
    ended = FocalPointTermEnded(focal_point_id="fp-1", ended_on=date(2026, 4, 1), reason="other")

    with pytest.raises(TypeError, match="FocalPointTermEnded is not an event of a good-offices"):
        evolve(GoodOfficesState(case_id="NC-2026-001"), ended, ACTIVATED_AT)


def test_an_event_of_another_stream_is_not_folded_into_the_good_offices():
    class BureauMeetingHeld(EventPayload):
        case_id: str

    with pytest.raises(TypeError, match="BureauMeetingHeld is not an event of a good-offices"):
        evolve(GoodOfficesState(), BureauMeetingHeld(case_id="NC-2026-001"), ACTIVATED_AT)


def test_an_event_of_another_case_is_not_folded_into_the_good_offices_on_a_case():
    other = GoodOfficesContinuedUnder7a(case_id="NC-2026-002")

    with pytest.raises(ValueError, match="event of case NC-2026-002 cannot be folded"):
        fold([(other, ACTIVATED_AT)], case_id="NC-2026-001")
