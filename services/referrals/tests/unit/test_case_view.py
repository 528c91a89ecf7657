"""The read side in business time (rule Time): the case view folds facts in business-time
order, leaves out facts dated after ``on``, and derives overdue steps from business times."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from noncoop_shared.catalogue.base import EventPayload, meta_of
from noncoop_shared.catalogue.common import CourtDecision, CourtRequest, RequestedState
from noncoop_shared.catalogue.referrals import (
    CaseClosed,
    CaseContinuedUnderCourtReferral,
    ClosureReason,
    CourtDecisionAmended,
    CourtDecisionReceived,
    CourtDecisionReversed,
    DecisionForwardedToStatesParties,
    DecisionForwardingOverdue,
)
from noncoop_shared.envelope import Envelope
from referrals.projections.case_view import end_of, fold_view

CASE = "01890000-0000-7000-8000-000000000001"
RECEIVED = datetime(2012, 5, 1, 10, 0, tzinfo=UTC)
DUE = RECEIVED + timedelta(days=1)
SECOND = timedelta(seconds=1)


def _envelope(payload: EventPayload, at: datetime, version: int) -> Envelope:
    meta = meta_of(payload)
    return Envelope(
        id=uuid.uuid4(),
        type=meta.type,
        source="noncoop/referrals",
        subject=CASE,
        time=datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=version),
        data=payload.model_dump(mode="json"),
        stream=f"case:{CASE}",
        streamversion=version,
        occurredat=at,
        actorrole="secretariat",
        actorid="s-1",
        classification=meta.classification,
        correlationid="c",
        schemaversion=meta.version,
        rule=meta.rule,
        prevhash="0" * 64,
        hash="0" * 64,
    )


@pytest.fixture(scope="module")
def received(
    examplia: RequestedState, arrest_request: CourtRequest, referral_decision: CourtDecision
) -> Envelope:
    decision = referral_decision.model_copy(update={"date": date(2012, 4, 30)})
    return _envelope(
        CourtDecisionReceived(
            case_id=CASE,
            requested_state=examplia,
            court_request=arrest_request,
            decision=decision,
            forwarding_due_at=DUE,
            press_release_due_at=DUE,
        ),
        RECEIVED,
        1,
    )


def _forwarded(at: datetime, version: int) -> Envelope:
    payload = DecisionForwardedToStatesParties(
        case_id=CASE, communication_reference="SP/1", due_at=DUE, late=at > DUE
    )
    return _envelope(payload, at, version)


def _closed(at: datetime, version: int) -> Envelope:
    return _envelope(CaseClosed(case_id=CASE, reason=ClosureReason.OTHER), at, version)


def test_facts_are_folded_in_business_time_whatever_order_they_arrived_in(received):
    change = {
        "case_id": CASE,
        "decision_reference": "ICC-01/99-01/25-57",
        "change_reference": "C-1",
        "change_date": date(2012, 6, 1),
    }
    reversed_ = _envelope(
        CourtDecisionReversed(**change, procedure_effect="ends"), RECEIVED + timedelta(days=60), 2
    )
    amended = _envelope(
        CourtDecisionAmended(**change, procedure_effect="continues"),
        RECEIVED + timedelta(days=30),
        3,
    )

    view = fold_view(CASE, [received, reversed_, amended])

    assert view.decision_status == "reversed"
    assert [c.kind for c in view.decision_changes] == ["amended", "reversed"]
    assert view.version == 3


def test_a_step_done_by_its_due_time_is_on_time_though_flagged_overdue_first(received):
    flagged = _envelope(DecisionForwardingOverdue(case_id=CASE, due_at=DUE), DUE, 2)

    view = fold_view(CASE, [received, flagged, _forwarded(DUE - SECOND, 3)])

    assert view.forwarding is not None
    assert view.forwarding.overdue_since is None
    assert view.forwarding.late is False


@pytest.mark.parametrize(
    ("on", "overdue"),
    [(DUE.date() - timedelta(days=1), False), (DUE.date(), True)],
    ids=["the_day_before_the_due_day", "the_due_day"],
)
def test_on_a_date_a_step_due_by_its_end_and_not_done_is_overdue(received, on, overdue):
    """No overdue event is needed: the state on a date derives it from business times."""
    view = fold_view(CASE, [received, _forwarded(DUE + timedelta(days=3), 2)], until=end_of(on))

    assert view.forwarding is not None
    assert view.forwarding.done_at is None  # done after that day
    assert view.forwarding.overdue_since == (DUE if overdue else None)


@pytest.mark.parametrize(("offset", "overdue"), [(-SECOND, False), (SECOND, True)])
def test_a_procedure_ended_before_the_due_instant_leaves_nothing_overdue(received, offset, overdue):
    view = fold_view(
        CASE, [received, _closed(DUE + offset, 2)], until=end_of(DUE.date() + timedelta(days=9))
    )

    assert view.status == "closed"
    assert view.press_release is not None
    assert view.press_release.overdue_since == (DUE if overdue else None)


def test_facts_dated_after_the_date_asked_are_left_out(received):
    closed_at = datetime(2014, 3, 1, tzinfo=UTC)
    facts = [received, _closed(closed_at, 2)]

    assert fold_view(CASE, facts, until=end_of(date(2014, 2, 28))).status == "open"
    assert fold_view(CASE, facts, until=end_of(date(2014, 3, 1))).status == "closed"
    assert fold_view(CASE, facts, until=end_of(date(2012, 4, 30))).scenario is None


def test_S7b_to_7a_a_reader_who_never_saw_the_7b_report_reads_the_requested_state(
    examplia, referral_decision
):
    continued = _envelope(
        CaseContinuedUnderCourtReferral(
            case_id=CASE,
            decision=referral_decision,
            forwarding_due_at=DUE,
            press_release_due_at=DUE,
            requested_state=examplia,
        ),
        RECEIVED,
        2,
    )

    view = fold_view(CASE, [continued])

    assert view.scenario == "7a"
    assert view.requested_state == examplia
