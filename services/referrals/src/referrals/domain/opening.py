"""What the commands that open a case record: a Court referral (7(a), P13), a Court finding
recorded for information (P13, S8), a Court decision informing the Assembly or the Security
Council (S-info), an urgent incident (7(b), S7, S7fn4); and the P13 deadlines a referral starts.

Pure, like ``decide()`` which dispatches to these; ``now`` is the command's business time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from noncoop_shared.catalogue.common import CourtDecision, CourtRequest, StateStatus
from noncoop_shared.catalogue.referrals import (
    CaseContinuedUnderCourtReferral,
    CourtDecisionReceived,
    CourtFindingRecordedForInformation,
    CourtInformationRecorded,
    UrgentIncidentReported,
)
from noncoop_shared.decisions import DeadlineSet, Decision, PendingEvent
from noncoop_shared.rules import Rule
from referrals.domain import guards, rules, times
from referrals.domain.commands import (
    RecordCourtFindingForInformation,
    RecordCourtInformation,
    RegisterCourtReferral,
    ReportUrgentIncident,
)
from referrals.domain.state import CaseState, DeadlineKind


@dataclass(frozen=True)
class ServiceLevels:
    """How long after a referral reaches the Assembly each P13 step is due (settings).

    Para 13 says "without delay" for forwarding; one day is the default service level.
    """

    forwarding: timedelta = timedelta(days=1)
    press_release: timedelta = timedelta(days=1)

    def __post_init__(self) -> None:
        if self.forwarding < timedelta(0) or self.press_release < timedelta(0):
            raise ValueError("service levels are durations from the referral: not negative")


def register_court_referral(
    state: CaseState, command: RegisterCourtReferral, now: datetime, levels: ServiceLevels
) -> Decision:
    """S4, S5 on the requested State and request; P13: a decision addressed to the Assembly.
    S8: a decision about a State that is not a requested State is recorded for information."""
    guards.require_new(state, command.case_id)
    _require_dates_in_bounds(command.decision, command.court_request, now)
    if not rules.is_requested_state(command.requested_state):
        return _finding_about_other_state(command, now)
    request = rules.require_in_scope(command.requested_state, command.court_request)
    rules.require_addressed_to_assembly(command.decision)
    rules.require_legal_basis_fits(command.decision, command.requested_state)
    event = CourtDecisionReceived(
        case_id=command.case_id,
        requested_state=command.requested_state,
        court_request=request,
        persons_concerned=list(command.persons_concerned),
        decision=command.decision,
        forwarding_due_at=now + levels.forwarding,
        press_release_due_at=now + levels.press_release,
    )
    return referral(event)


def record_court_finding_for_information(
    state: CaseState, command: RecordCourtFindingForInformation, now: datetime
) -> Decision:
    """A finding not addressed to the Assembly (P13), or about a State that is not a requested
    State (S8): recorded for reports, with no deadline."""
    guards.require_new(state, command.case_id)
    _require_dates_in_bounds(command.decision, command.court_request, now)
    if not rules.is_requested_state(command.requested_state):
        return _finding_about_other_state(command, now)
    request = rules.require_in_scope(command.requested_state, command.court_request)
    rules.require_not_addressed_to_assembly(command.decision)
    rules.require_legal_basis_fits(command.decision, command.requested_state)
    event = CourtFindingRecordedForInformation(
        case_id=command.case_id,
        requested_state=command.requested_state,
        court_request=request,
        persons_concerned=list(command.persons_concerned),
        decision=command.decision,
        why_no_procedure=(
            "referred_to_security_council_only"
            if command.decision.referred_to_security_council
            else "not_referred"
        ),
    )
    return Decision(events=[PendingEvent(event)])


def _finding_about_other_state(
    command: RegisterCourtReferral | RecordCourtFindingForInformation, now: datetime
) -> Decision:
    """S8: the procedures do not apply to a State that is not a requested State (S4), but the
    Court's finding about it is a public fact: it is recorded for information only, flagged
    for the Bureau report's section on such States, with no procedure and no deadline. It is
    still about one specific Court request (S5)."""
    state = command.requested_state
    request = rules.require_specific_court_request(state, command.court_request)
    event = CourtFindingRecordedForInformation(
        case_id=command.case_id,
        requested_state=state,
        court_request=request,
        persons_concerned=list(command.persons_concerned),
        decision=command.decision,
        why_no_procedure="not_a_requested_state",
        bound_by_security_council_resolution=state.status is StateStatus.NON_PARTY_SECURITY_COUNCIL,
        security_council_resolution=command.security_council_resolution,
    )
    return Decision(events=[PendingEvent(event, rule=Rule.S8)])


def record_court_information(
    state: CaseState, command: RecordCourtInformation, now: datetime
) -> Decision:
    """S-info: a Court decision that informs the Assembly and/or the Security Council, without
    referring non-cooperation: recorded for information only, public, with no procedure (P13
    needs a referral) and no deadline."""
    guards.require_new(state, command.case_id)
    times.require_date_in_bounds(
        command.date, now, field="body.date", what="Court's decision informing"
    )
    if command.court_request is not None:
        times.require_date_in_bounds(
            command.court_request.date, now, field="body.court_request.date", what="Court request"
        )
    event = CourtInformationRecorded(
        case_id=command.case_id,
        reference=command.reference,
        date=command.date,
        chamber=command.chamber,
        addressees=sorted(set(command.addressees)),
        subject=command.subject,
        state_concerned=command.state_concerned,
        court_request=command.court_request,
        persons_concerned=list(command.persons_concerned),
        related_case_id=command.related_case_id,
    )
    return Decision(events=[PendingEvent(event)])


def _require_dates_in_bounds(
    decision: CourtDecision, request: CourtRequest | None, now: datetime
) -> None:
    """Rule Time on the dates the Court's acts carry: after 1 July 2002, not after ``now``."""
    times.require_date_in_bounds(
        decision.date, now, field="body.decision.date", what="Court's decision"
    )
    if request is not None:
        times.require_date_in_bounds(
            request.date, now, field="body.court_request.date", what="Court's request"
        )


def report_urgent_incident(
    state: CaseState, command: ReportUrgentIncident, now: datetime
) -> Decision:
    """A 7(b) case (S7): in scope (S4, S8, S5) and urgent (S7fn4). It is restricted, and sets no
    deadline: the formal steps of P13 wait for a Court referral."""
    guards.require_new(state, command.case_id)
    request = rules.require_in_scope(command.requested_state, command.court_request)
    times.require_date_in_bounds(
        request.date, now, field="body.court_request.date", what="Court's request"
    )
    urgency, reason = rules.require_urgency_stated(
        command.requested_state, command.urgency, command.urgency_reason
    )
    event = UrgentIncidentReported(
        case_id=command.case_id,
        requested_state=command.requested_state,
        court_request=request,
        persons_concerned=list(command.persons_concerned),
        urgency=urgency,
        urgency_reason=reason,
    )
    return Decision(events=[PendingEvent(event)])


def referral(event: CourtDecisionReceived | CaseContinuedUnderCourtReferral) -> Decision:
    """A referral reached the Assembly: P13-forward and P13-press start to run."""
    return Decision(
        events=[PendingEvent(event)],
        deadlines=[
            DeadlineSet(DeadlineKind.FORWARDING.value, event.forwarding_due_at, Rule.P13_FORWARD),
            DeadlineSet(
                DeadlineKind.PRESS_RELEASE.value, event.press_release_due_at, Rule.P13_PRESS
            ),
        ],
    )
