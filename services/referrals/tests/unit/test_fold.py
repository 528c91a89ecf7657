"""The case state is a fold of the case stream: replaying the events gives the same state."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from noncoop_shared.access import Classification
from noncoop_shared.catalogue import CATALOGUE
from noncoop_shared.catalogue.base import EventPayload
from noncoop_shared.catalogue.referrals import (
    CaseClosed,
    ClosureReason,
    CourtFindingRecordedForInformation,
)
from referrals.domain.commands import ContinueUnderCourtReferral, RecordForwarding
from referrals.domain.state import CaseState, Scenario, evolve, fold

REPORTED_AT = datetime(2026, 3, 20, 9, 0, tzinfo=UTC)
REFERRED_AT = datetime(2026, 3, 31, 23, 30, tzinfo=UTC)
FORWARDED_AT = datetime(2026, 4, 1, 8, 0, tzinfo=UTC)


def test_before_its_first_event_a_case_does_not_exist_and_reveals_nothing():
    state = fold([])

    assert state == CaseState()
    assert not state.exists
    assert state.version == 0
    assert state.visibility is Classification.RESTRICTED


def test_the_version_counts_the_events_of_the_stream(urgent, referral_decision):
    urgent.run(ContinueUnderCourtReferral(referral_decision), REFERRED_AT)
    urgent.run(RecordForwarding("ICC-ASP/25/SP/31"), FORWARDED_AT)

    assert urgent.state.version == 3


def test_a_7b_case_continued_as_7a_folds_to_its_whole_history(urgent, referral_decision):
    """S7b-to-7a: replaying the stream keeps the report, the referral and what followed."""
    urgent.run(ContinueUnderCourtReferral(referral_decision), REFERRED_AT)
    urgent.run(RecordForwarding("ICC-ASP/25/SP/31"), FORWARDED_AT)

    state = fold(urgent.events)

    assert state.scenario is Scenario.URGENT_CONTINUED_UNDER_REFERRAL
    assert state.urgent_incident is not None
    assert state.urgent_incident.reported_at == REPORTED_AT
    assert state.opened_at == REPORTED_AT
    assert state.referred_at == REFERRED_AT
    assert state.forwarding.done_at == FORWARDED_AT
    assert state.press_release.done_at is None


def test_folding_in_steps_is_the_same_as_folding_at_once(urgent, referral_decision):
    urgent.run(ContinueUnderCourtReferral(referral_decision), REFERRED_AT)

    stepwise = CaseState()
    for payload, occurred_at in urgent.events:
        stepwise = evolve(stepwise, payload, occurred_at)

    assert stepwise == fold(urgent.events)


def test_a_case_once_public_stays_public_whatever_restricted_event_follows(
    referred, new_log, report_urgent
):
    """Visibility is the least restrictive way the case became known: a restricted report
    folded after a public referral (as a later 7(b) episode would be) does not hide the case."""
    reported = new_log()
    reported.run(report_urgent, REPORTED_AT)

    state = fold([*referred.events, *reported.events])

    assert state.visibility is Classification.PUBLIC


def test_an_event_of_another_stream_is_not_folded_into_a_case():
    class BureauMeetingHeld(EventPayload):
        case_id: str

    with pytest.raises(TypeError, match="BureauMeetingHeld is not an event of a case stream"):
        evolve(CaseState(), BureauMeetingHeld(case_id="NC-2026-001"), REFERRED_AT)


def test_version_1_records_on_the_log_are_read_as_version_2_through_their_upcasters(
    examplia, arrest_request, finding_not_referred
):
    """case_closed.v1 and court_finding_recorded_for_information.v1 stay on the log as
    written; the fold reads them as v2 with the new fields at their defaults."""
    closed = CATALOGUE.decode(
        "noncoop.referrals.case_closed.v1", {"case_id": "NC-2026-001", "reason": "other"}
    )
    finding = CATALOGUE.decode(
        "noncoop.referrals.court_finding_recorded_for_information.v1",
        {
            "case_id": "NC-2026-001",
            "requested_state": examplia.model_dump(mode="json"),
            "court_request": arrest_request.model_dump(mode="json"),
            "decision": finding_not_referred.model_dump(mode="json"),
            "why_no_procedure": "not_referred",
        },
    )

    assert closed == CaseClosed(case_id="NC-2026-001", reason=ClosureReason.OTHER)
    assert isinstance(finding, CourtFindingRecordedForInformation)
    assert finding.bound_by_security_council_resolution is False
    assert finding.security_council_resolution is None
    state = fold([(finding, REFERRED_AT), (closed, FORWARDED_AT)])
    assert state.scenario is Scenario.INFORMATION_ONLY
