"""Closing a case: it ends the procedure, settles the deadlines, and never reveals a case known
only through a restricted 7(b) report (docs/procedures.md, Confidentiality)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from noncoop_shared.access import Classification
from noncoop_shared.catalogue.referrals import CaseClosed, ClosureReason
from noncoop_shared.decisions import DeadlineSettled
from noncoop_shared.errors import InvalidTransitionError
from referrals.domain.commands import (
    CloseCase,
    ContinueUnderCourtReferral,
    DecisionChangeKind,
    MarkDeadlineOverdue,
    RecordCourtDecisionChange,
    RecordForwarding,
)
from referrals.domain.state import CaseStatus

CLOSED_AT = datetime(2026, 4, 1, 12, 0, tzinfo=UTC)
DUE_AT = datetime(2026, 4, 1, 23, 30, tzinfo=UTC)
CLOSE = CloseCase(ClosureReason.COOPERATION_OBTAINED, "Surrendered to the Court on 1 April.")


def test_closing_a_case_records_why_and_ends_the_procedure(referred):
    (recorded,) = referred.run(CLOSE, CLOSED_AT).events

    assert recorded.payload == CaseClosed(
        case_id="NC-2026-001",
        reason=ClosureReason.COOPERATION_OBTAINED,
        note="Surrendered to the Court on 1 April.",
    )
    state = referred.state
    assert state.status is CaseStatus.CLOSED
    assert state.closed_at == CLOSED_AT
    assert state.closure_reason is ClosureReason.COOPERATION_OBTAINED
    assert not state.procedure_active


def test_closing_a_case_settles_the_deadlines_still_awaited(referred):
    referred.run(RecordForwarding("ICC-ASP/25/SP/31"), CLOSED_AT)

    decision = referred.run(CLOSE, CLOSED_AT)

    assert decision.deadlines == [DeadlineSettled("press_release")]


@pytest.mark.parametrize("kind", ["forwarding", "press_release"])
def test_no_step_is_flagged_overdue_once_the_case_is_closed(referred, kind):
    referred.run(CLOSE, CLOSED_AT)

    assert referred.run(MarkDeadlineOverdue(kind), DUE_AT).events == []


def test_closing_a_case_known_only_as_an_urgent_incident_stays_restricted(urgent):
    decision = urgent.run(CLOSE, CLOSED_AT)

    (recorded,) = decision.events
    assert recorded.classification is Classification.RESTRICTED
    assert recorded.effective_classification() is Classification.RESTRICTED
    assert decision.deadlines == []


def test_closing_a_referred_case_keeps_the_public_classification_of_its_type(referred):
    (recorded,) = referred.run(CLOSE, CLOSED_AT).events

    assert recorded.classification is None
    assert recorded.effective_classification() is Classification.PUBLIC


def test_closing_an_urgent_case_continued_under_a_court_referral_is_public(
    urgent, referral_decision
):
    urgent.run(ContinueUnderCourtReferral(referral_decision), datetime(2026, 3, 31, tzinfo=UTC))

    (recorded,) = urgent.run(CLOSE, CLOSED_AT).events

    assert recorded.effective_classification() is Classification.PUBLIC


def test_a_closed_case_records_nothing_further(referred):
    referred.run(CLOSE, CLOSED_AT)

    with pytest.raises(InvalidTransitionError) as refused:
        referred.run(RecordForwarding("ICC-ASP/25/SP/31"), DUE_AT)

    assert (
        "Case NC-2026-001 was closed on 2026-04-01 12:00 UTC (reason: cooperation obtained)"
        in refused.value.detail
    )


def test_a_case_closes_once(referred):
    referred.run(CLOSE, CLOSED_AT)

    with pytest.raises(InvalidTransitionError):
        referred.run(CLOSE, DUE_AT)


def test_a_finding_for_information_has_no_procedure_to_close(for_information):
    with pytest.raises(InvalidTransitionError) as refused:
        for_information.run(CLOSE, CLOSED_AT)

    assert "recorded for information only" in refused.value.detail
    assert "nothing to close" in refused.value.detail


@pytest.mark.parametrize(
    ("reason", "says"),
    [
        (ClosureReason.DECISION_REVERSED, "was reversed: the Court's decision"),
        (ClosureReason.DECISION_WITHDRAWN, "was withdrawn: the Court's decision"),
    ],
)
def test_a_case_closes_for_a_changed_decision_only_once_the_court_changed_it(
    referred, reason, says
):
    with pytest.raises(InvalidTransitionError) as refused:
        referred.run(CloseCase(reason), CLOSED_AT)

    assert says in refused.value.detail
    assert "ICC-01/99-01/25-57 of 2026-03-30 is in force" in refused.value.detail


def test_an_urgent_case_cannot_close_for_a_reversed_decision_it_never_held(urgent):
    with pytest.raises(InvalidTransitionError) as refused:
        urgent.run(CloseCase(ClosureReason.DECISION_REVERSED), CLOSED_AT)

    assert "it holds no Court decision" in refused.value.detail


def test_a_case_closes_for_a_reversal_after_the_court_reversed_its_decision(referred):
    referred.run(
        RecordCourtDecisionChange(
            DecisionChangeKind.REVERSED,
            "ICC-01/99-01/25-57",
            "ICC-01/99-01/25-70",
            date(2026, 4, 1),
        ),
        CLOSED_AT,
    )

    decision = referred.run(CloseCase(ClosureReason.DECISION_REVERSED), CLOSED_AT)

    assert decision.deadlines == []  # the reversal already settled them
    assert referred.state.closure_reason is ClosureReason.DECISION_REVERSED
