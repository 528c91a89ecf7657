"""How a case opens: a referral (7(a), P13), a finding for information, an urgent incident
(7(b), S7fn4); and what every other command says of a case that does not exist."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from noncoop_shared.access import Classification
from noncoop_shared.catalogue.referrals import (
    ClosureReason,
    CourtFindingRecordedForInformation,
    Urgency,
    UrgentIncidentReported,
)
from noncoop_shared.errors import InvalidTransitionError, NotFoundError
from referrals.domain.commands import (
    CloseCase,
    ContinueUnderCourtReferral,
    DecisionChangeKind,
    MarkDeadlineOverdue,
    RecordCourtDecisionChange,
    RecordForwarding,
    RecordPressRelease,
)
from referrals.domain.rules import (
    DecisionAddressedToAssemblyError,
    DecisionNotAddressedToAssemblyError,
    UrgencyNotStatedError,
)
from referrals.domain.state import CaseStatus, DecisionStatus, Scenario

AT = datetime(2026, 3, 31, 23, 30, tzinfo=UTC)


def test_a_court_referral_addressed_to_the_assembly_opens_a_public_7a_case(
    referred, referral_decision, examplia
):
    state = referred.state

    assert state.exists
    assert state.case_id == "NC-2026-001"
    assert state.scenario is Scenario.COURT_REFERRAL
    assert state.status is CaseStatus.OPEN
    assert state.requested_state == examplia
    assert state.decision == referral_decision
    assert state.decision_status is DecisionStatus.IN_FORCE
    assert state.procedure_active
    assert state.visibility is Classification.PUBLIC
    assert [p.effective_classification() for p in referred.recorded] == [Classification.PUBLIC]


def test_the_persons_concerned_are_recorded_on_the_case(referred):
    assert [p.name for p in referred.state.persons_concerned] == ["A. N. Example"]


def test_P13_a_decision_not_addressed_to_the_assembly_opens_no_formal_procedure(
    register, finding_not_referred, log
):
    with pytest.raises(DecisionNotAddressedToAssemblyError) as refused:
        log.run(replace(register, decision=finding_not_referred), AT)

    assert refused.value.rule == "P13"
    assert "ICC-01/99-01/25-60 of 2026-03-30" in refused.value.detail
    assert "record it for information instead" in refused.value.detail
    assert log.events == []


def test_P13_a_decision_addressed_to_the_assembly_is_not_recorded_for_information_only(
    record_finding, referral_decision, log
):
    with pytest.raises(DecisionAddressedToAssemblyError) as refused:
        log.run(replace(record_finding, decision=referral_decision), AT)

    assert refused.value.rule == "P13"
    assert "register it as a Court referral" in refused.value.detail
    assert log.events == []


def test_a_finding_for_information_opens_no_procedure_and_sets_no_deadline(record_finding, log):
    decision = log.run(record_finding, AT)

    assert decision.deadlines == []
    state = log.state
    assert state.scenario is Scenario.INFORMATION_ONLY
    assert state.status is CaseStatus.INFORMATION_ONLY
    assert not state.procedure_active
    assert state.visibility is Classification.PUBLIC


@pytest.mark.parametrize(
    ("referred_to_security_council", "why"),
    [(True, "referred_to_security_council_only"), (False, "not_referred")],
)
def test_a_finding_for_information_says_why_it_opens_no_procedure(
    record_finding, log, referred_to_security_council, why
):
    decision = record_finding.decision.model_copy(
        update={"referred_to_security_council": referred_to_security_council}
    )

    (recorded,) = log.run(replace(record_finding, decision=decision), AT).events

    assert isinstance(recorded.payload, CourtFindingRecordedForInformation)
    assert recorded.payload.why_no_procedure == why


def test_an_urgent_incident_opens_a_restricted_7b_case_with_no_deadline(report_urgent, log):
    decision = log.run(report_urgent, AT)

    assert decision.deadlines == []
    assert [p.effective_classification() for p in decision.events] == [Classification.RESTRICTED]
    state = log.state
    assert state.scenario is Scenario.URGENT_INCIDENT
    assert state.status is CaseStatus.OPEN
    assert state.decision is None
    assert state.visibility is Classification.RESTRICTED
    assert state.urgent_incident is not None
    assert state.urgent_incident.urgency is Urgency.IMMINENT


def test_S7fn4_an_urgent_report_must_say_whether_the_incident_is_imminent_or_ongoing(
    report_urgent, log
):
    with pytest.raises(UrgencyNotStatedError) as refused:
        log.run(replace(report_urgent, urgency=None), AT)

    assert refused.value.rule == "S7fn4"
    assert "imminent or on-going" in refused.value.detail
    assert log.events == []


@pytest.mark.parametrize("reason", [None, "", "   \n\t"])
def test_S7fn4_an_urgent_report_must_say_why_it_is_urgent(report_urgent, log, reason):
    with pytest.raises(UrgencyNotStatedError) as refused:
        log.run(replace(report_urgent, urgency_reason=reason), AT)

    assert refused.value.rule == "S7fn4"
    assert "why the imminent incident is urgent" in refused.value.detail


def test_the_urgency_reason_is_recorded_without_surrounding_blanks(report_urgent, log):
    (recorded,) = log.run(
        replace(report_urgent, urgency_reason="  On-going since 1 March.\n"), AT
    ).events

    assert isinstance(recorded.payload, UrgentIncidentReported)
    assert recorded.payload.urgency_reason == "On-going since 1 March."


@pytest.mark.parametrize("opening", ["register", "record_finding", "report_urgent"])
def test_a_case_id_is_registered_once(urgent, request, opening):
    with pytest.raises(InvalidTransitionError) as refused:
        urgent.run(request.getfixturevalue(opening), AT)

    assert "NC-2026-001 is already registered" in refused.value.detail


def test_refusing_a_taken_case_id_does_not_reveal_an_urgent_incident(urgent, register):
    with pytest.raises(InvalidTransitionError) as refused:
        urgent.run(register, AT)

    assert "urgent" not in refused.value.detail.lower()
    assert "7(b)" not in refused.value.detail


@pytest.mark.parametrize(
    "command",
    [
        lambda decision: ContinueUnderCourtReferral(decision),
        lambda decision: RecordCourtDecisionChange(
            DecisionChangeKind.AMENDED, decision.reference, "ICC-01/99-01/25-70", date(2026, 4, 9)
        ),
        lambda _: RecordForwarding("ICC-ASP/25/S/31"),
        lambda _: RecordPressRelease("ICC-ASP-20260401-PR1", "The President reacts"),
        lambda _: CloseCase(ClosureReason.OTHER),
        lambda _: MarkDeadlineOverdue("forwarding"),
    ],
    ids=["continue", "decision change", "forwarding", "press release", "close", "overdue"],
)
def test_every_command_but_the_opening_ones_needs_a_registered_case(
    log, referral_decision, command
):
    with pytest.raises(NotFoundError) as refused:
        log.run(command(referral_decision), AT)

    assert "No case is registered under this id" in refused.value.detail
