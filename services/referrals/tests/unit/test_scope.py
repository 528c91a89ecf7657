"""Which States and which matters the case register takes (S4, S5, S8; annex II paras 4-8)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from noncoop_shared.access import Classification
from noncoop_shared.catalogue.common import LegalBasis, StateStatus
from noncoop_shared.catalogue.referrals import (
    CourtDecisionReceived,
    CourtFindingRecordedForInformation,
    UrgentIncidentReported,
)
from referrals.domain.commands import (
    RecordCourtFindingForInformation,
    RegisterCourtReferral,
    ReportUrgentIncident,
)
from referrals.domain.rules import (
    GeneralFailureNotACaseError,
    LegalBasisMismatchError,
    RequestedStateOutOfScopeError,
)
from referrals.domain.state import Scenario

AT = datetime(2026, 3, 31, 23, 30, tzinfo=UTC)

OPENING = ["register", "record_finding", "report_urgent"]
"""The fixtures of the three commands that open a case."""

Opening = RegisterCourtReferral | RecordCourtFindingForInformation | ReportUrgentIncident


def _with_status(command: Opening, status: StateStatus) -> Opening:
    return replace(
        command, requested_state=command.requested_state.model_copy(update={"status": status})
    )


FINDINGS = ["register", "record_finding"]
"""The fixtures of the two commands that carry a Court finding."""


@pytest.mark.parametrize("opening", FINDINGS)
@pytest.mark.parametrize(
    ("status", "bound_by_security_council"),
    [
        (StateStatus.NON_PARTY_SECURITY_COUNCIL, True),
        (StateStatus.NON_PARTY_OTHER, False),
    ],
)
def test_S8_a_court_finding_about_a_state_that_is_not_a_requested_state_is_recorded_for_information(
    opening, status, bound_by_security_council, request, log
):
    """S8: no procedure and no deadline, but the Court's public fact is recorded and flagged
    for the Bureau report's section on such States; a referral to the Assembly changes
    nothing (the procedures do not apply to that State)."""
    command = replace(
        _with_status(request.getfixturevalue(opening), status),
        security_council_resolution="S/RES/1593 (2005)",
    )

    decision = log.run(command, AT)

    (recorded,) = decision.events
    assert isinstance(recorded.payload, CourtFindingRecordedForInformation)
    assert recorded.payload.why_no_procedure == "not_a_requested_state"
    assert recorded.payload.bound_by_security_council_resolution is bound_by_security_council
    assert recorded.payload.security_council_resolution == "S/RES/1593 (2005)"
    assert recorded.rule == "S8"
    assert recorded.effective_classification() is Classification.PUBLIC
    assert decision.deadlines == []
    assert log.state.scenario is Scenario.INFORMATION_ONLY
    assert not log.state.procedure_active


def test_S8_a_finding_about_a_security_council_bound_state_is_still_about_one_court_request(
    register, log
):
    """S5 still holds: without a specific Court request it is not recorded as a finding."""
    command = replace(
        _with_status(register, StateStatus.NON_PARTY_SECURITY_COUNCIL), court_request=None
    )

    with pytest.raises(GeneralFailureNotACaseError):
        log.run(command, AT)


def test_S8_a_state_party_finding_addressed_to_the_assembly_still_opens_the_procedure(
    register, log
):
    """The boundary of S8: the same decision about a State Party is a 7(a) referral."""
    decision = log.run(register, AT)

    assert [type(e.payload) for e in decision.events] == [CourtDecisionReceived]
    assert len(decision.deadlines) == 2


@pytest.mark.parametrize(
    "status", [StateStatus.NON_PARTY_SECURITY_COUNCIL, StateStatus.NON_PARTY_OTHER]
)
def test_S8_no_urgent_incident_procedure_for_a_state_that_is_not_a_requested_state(
    status, report_urgent, log
):
    command = _with_status(report_urgent, status)

    with pytest.raises(RequestedStateOutOfScopeError) as refused:
        log.run(command, AT)

    assert refused.value.rule == "S8"
    assert "Republic of Examplia (EXA)" in refused.value.detail
    assert log.events == []


def test_S4_a_non_party_state_with_an_ad_hoc_arrangement_is_a_requested_state(register, log):
    command = _with_status(register, StateStatus.NON_PARTY_AD_HOC)
    command = replace(
        command,
        decision=command.decision.model_copy(update={"legal_basis": LegalBasis.AD_HOC_ARRANGEMENT}),
    )

    decision = log.run(command, AT)

    assert [type(e.payload) for e in decision.events] == [CourtDecisionReceived]


def test_S4_an_urgent_incident_about_an_ad_hoc_non_party_state_opens_a_case(report_urgent, log):
    decision = log.run(_with_status(report_urgent, StateStatus.NON_PARTY_AD_HOC), AT)

    assert [type(e.payload) for e in decision.events] == [UrgentIncidentReported]


def test_S4_a_decision_on_a_state_party_must_rest_on_article_87_7(register, log):
    command = replace(
        register,
        decision=register.decision.model_copy(
            update={"legal_basis": LegalBasis.AD_HOC_ARRANGEMENT}
        ),
    )

    with pytest.raises(LegalBasisMismatchError) as refused:
        log.run(command, AT)

    assert refused.value.rule == "S4"
    assert "article 87(5)(b)" in refused.value.detail
    assert "article 87(7)" in refused.value.detail
    assert "ICC-01/99-01/25-57 of 2026-03-30" in refused.value.detail


@pytest.mark.parametrize("opening", ["register", "record_finding"])
def test_S4_a_decision_on_an_ad_hoc_non_party_state_must_rest_on_article_87_5_b(
    opening, request, log
):
    command = _with_status(request.getfixturevalue(opening), StateStatus.NON_PARTY_AD_HOC)

    with pytest.raises(LegalBasisMismatchError) as refused:
        log.run(command, AT)

    assert refused.value.rule == "S4"
    assert log.events == []


@pytest.mark.parametrize("opening", OPENING)
def test_S5_a_general_failure_to_implement_the_statute_is_not_a_case(opening, request, log):
    command = replace(request.getfixturevalue(opening), court_request=None)

    with pytest.raises(GeneralFailureNotACaseError) as refused:
        log.run(command, AT)

    assert refused.value.rule == "S5"
    assert "general failure to implement the Rome Statute" in refused.value.detail
    assert "is not a case under these procedures" in refused.value.detail
    assert log.events == []


def test_the_specific_court_request_is_recorded_on_the_case(referred, arrest_request):
    assert referred.state.court_request == arrest_request
