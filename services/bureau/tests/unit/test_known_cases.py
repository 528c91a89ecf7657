"""The known cases (a projection of referrals' events) keep each change with its business time,
so the formal response asks where a case stood at a command's business time: a case closed on
2014-03-01 (recorded first) still accepts a step dated 2012-05-01, and refuses one dated
2014-06-01. A redelivered event is applied once."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

from bureau.domain.facts import DecisionStatus
from bureau.projections.known_cases import KnownCase, known_after
from noncoop_shared.access import Classification
from noncoop_shared.catalogue import referrals as ev
from noncoop_shared.catalogue.base import EventPayload, meta_of
from noncoop_shared.catalogue.common import CourtDecision, CourtRequest, RequestedState
from noncoop_shared.envelope import Envelope

CASE = "0196f0a2-0000-7000-8000-000000000001"
DECIDED = datetime(2011, 6, 1, tzinfo=UTC)


def envelope(payload: EventPayload, at: datetime) -> Envelope:
    meta = meta_of(payload)
    return Envelope(
        id=uuid.uuid4(),
        type=meta.type,
        source=f"noncoop/{meta.service}",
        subject=CASE,
        time=datetime(2026, 1, 1, tzinfo=UTC),  # recorded at go-live, long after
        data=payload.model_dump(mode="json"),
        stream=f"case:{CASE}",
        streamversion=1,
        occurredat=at,
        actorrole="court",
        actorid="court-1",
        classification=Classification.PUBLIC,
        correlationid="corr-1",
        schemaversion=1,
        rule=meta.rule,
        prevhash="0" * 64,
        hash="0" * 64,
    )


def received(referred: bool = False) -> Envelope:
    decision = CourtDecision(
        reference="ICC-02/05-01/09-139",
        date=DECIDED.date(),
        chamber="Pre-Trial Chamber I",
        legal_basis="87(7)",
        referred_to_assembly=True,
        referred_to_security_council=referred,
    )
    return envelope(
        ev.CourtDecisionReceived(
            case_id=CASE,
            requested_state=RequestedState(name="Examplia", code="EXA", status="state_party"),
            court_request=CourtRequest(article="89", reference="ICC-02/05-01/09-1"),
            decision=decision,
            forwarding_due_at=DECIDED + timedelta(days=1),
            press_release_due_at=DECIDED + timedelta(days=1),
        ),
        DECIDED,
    )


def change(kind: type[ev.EventPayload], at: datetime, **fields: object) -> Envelope:
    payload = kind(
        case_id=CASE,
        decision_reference="ICC-02/05-01/09-139",
        change_reference="ICC-02/05-01/09-200",
        change_date=at.date(),
        procedure_effect="continues",
        **fields,
    )
    return envelope(payload, at)


def project(*envelopes: Envelope) -> KnownCase:
    known: KnownCase | None = None
    for each in envelopes:
        known = known_after(known, each)
    assert known is not None
    return known


def test_a_closure_counts_from_its_business_time_not_from_when_it_was_recorded():
    closed = envelope(
        ev.CaseClosed(case_id=CASE, reason=ev.ClosureReason.OTHER), datetime(2014, 3, 1, tzinfo=UTC)
    )
    facts = project(received(), closed).facts()

    assert facts is not None
    assert facts.closed
    assert facts.decision_date == date(2011, 6, 1)
    assert not facts.as_of(datetime(2012, 5, 1, tzinfo=UTC)).closed
    assert not facts.as_of(datetime(2014, 2, 28, 23, 59, tzinfo=UTC)).closed
    assert facts.as_of(datetime(2014, 3, 1, tzinfo=UTC)).closed
    assert facts.as_of(datetime(2014, 6, 1, tzinfo=UTC)).closed


def test_a_reversal_counts_from_its_business_time():
    facts = project(
        received(), change(ev.CourtDecisionReversed, datetime(2013, 1, 10, tzinfo=UTC))
    ).facts()

    assert facts is not None
    assert facts.decision_status is DecisionStatus.REVERSED
    assert facts.as_of(datetime(2013, 1, 9, tzinfo=UTC)).decision_in_force
    assert not facts.as_of(datetime(2013, 1, 10, tzinfo=UTC)).decision_in_force


def test_an_amendment_of_the_security_council_referral_counts_from_its_business_time():
    facts = project(
        received(referred=False),
        change(
            ev.CourtDecisionAmended,
            datetime(2012, 7, 1, tzinfo=UTC),
            referred_to_security_council=True,
        ),
        change(
            ev.CourtDecisionAmended,
            datetime(2013, 7, 1, tzinfo=UTC),
            referred_to_security_council=False,
        ),
    ).facts()

    assert facts is not None
    assert not facts.referred_to_security_council
    assert not facts.as_of(datetime(2012, 6, 30, tzinfo=UTC)).referred_to_security_council
    assert facts.as_of(datetime(2012, 7, 1, tzinfo=UTC)).referred_to_security_council
    assert not facts.as_of(datetime(2013, 7, 1, tzinfo=UTC)).referred_to_security_council


def test_changes_recorded_out_of_order_are_read_in_business_time():
    later = change(
        ev.CourtDecisionAmended,
        datetime(2013, 7, 1, tzinfo=UTC),
        referred_to_security_council=False,
    )
    earlier = change(
        ev.CourtDecisionAmended, datetime(2012, 7, 1, tzinfo=UTC), referred_to_security_council=True
    )
    facts = project(received(), later, earlier).facts()

    assert facts is not None
    assert not facts.referred_to_security_council  # the latest in business time
    assert facts.as_of(datetime(2013, 1, 1, tzinfo=UTC)).referred_to_security_council


def test_a_redelivered_change_is_applied_once():
    closed = envelope(
        ev.CaseClosed(case_id=CASE, reason=ev.ClosureReason.OTHER), datetime(2014, 3, 1, tzinfo=UTC)
    )

    known = project(received(), closed, closed)

    assert len(known.changes) == 1
