"""The cases the procedural state's tests build (``test_procedural_state``, and
``test_procedural_wording`` which reads the same cases in French): one case's envelopes across the
services' streams, and the steps that make them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from noncoop_shared.access import Classification
from noncoop_shared.calendar import CalendarSession
from noncoop_shared.catalogue import bureau as bu
from noncoop_shared.catalogue import good_offices as go
from noncoop_shared.catalogue import meta_of
from noncoop_shared.catalogue import referrals as ref
from noncoop_shared.catalogue.base import EventPayload
from noncoop_shared.catalogue.common import (
    CooperationArticle,
    CourtDecision,
    CourtRequest,
    LegalBasis,
    RequestedState,
    StateStatus,
)
from noncoop_shared.envelope import Envelope
from reporting.domain.procedural import ProceduralState, fold

CASE = "0196a1b2-0000-7000-8000-000000000001"
REFERRED_AT = datetime(2026, 3, 31, 23, 30, tzinfo=UTC)
FORWARD_DUE = datetime(2026, 4, 1, 23, 30, tzinfo=UTC)
PRESS_DUE = datetime(2026, 4, 1, 23, 30, tzinfo=UTC) + timedelta(hours=1)
REPORTED_AT = datetime(2026, 3, 20, 9, 0, tzinfo=UTC)
STATE = RequestedState(name="Republic of Examplia", code="EXA", status=StateStatus.STATE_PARTY)
REQUEST = CourtRequest(article=CooperationArticle.ARREST_AND_SURRENDER, reference="ICC-01/99-7")


def decision(
    *, security_council: bool = False, assembly: bool = True, on: date = date(2026, 3, 30)
) -> CourtDecision:
    return CourtDecision(
        reference="ICC-01/99-01/26-123",
        date=on,
        chamber="Pre-Trial Chamber I",
        legal_basis=LegalBasis.STATE_PARTY,
        referred_to_assembly=assembly,
        referred_to_security_council=security_council,
    )


STREAM = {
    "referrals": "case:",
    "good_offices": "good-offices:",
    "bureau": "formal-response:",
    "reporting": "bureau-report:",
}


@dataclass
class Log:
    """The envelopes of one case, across the three services' streams, in log order."""

    envelopes: list[Envelope] = field(default_factory=list)

    def add(
        self,
        payload: EventPayload,
        at: datetime,
        actor: str = "secretariat:sec-1",
        *,
        rule: str | None = None,
        classification: Classification | None = None,
    ) -> Log:
        meta = meta_of(payload)
        stream = STREAM[meta.service] + CASE
        version = 1 + sum(1 for e in self.envelopes if e.stream == stream)
        role, _, actor_id = actor.partition(":")
        self.envelopes.append(
            Envelope(
                id=uuid.uuid4(),
                type=meta.type,
                source=f"noncoop/{meta.service}",
                subject=CASE,
                time=at + timedelta(seconds=1),
                data=payload.model_dump(mode="json"),
                stream=stream,
                streamversion=version,
                occurredat=at,
                actorrole=role,
                actorid=actor_id,
                classification=classification or meta.classification,
                correlationid="corr-1",
                schemaversion=1,
                rule=rule or meta.rule,
                prevhash="0" * 64,
                hash="0" * 64,
            )
        )
        return self

    def fold(
        self, on: date | None = None, sessions: list[CalendarSession] | None = None
    ) -> ProceduralState:
        return fold(CASE, self.envelopes, on=on, sessions=sessions)

    def visible_to(self, audience: Classification, on: date | None = None) -> ProceduralState:
        return fold(CASE, [e for e in self.envelopes if e.classification <= audience], on=on)


def referred(*, security_council: bool = False, decided_on: date = date(2026, 3, 30)) -> Log:
    return Log().add(
        ref.CourtDecisionReceived(
            case_id=CASE,
            requested_state=STATE,
            court_request=REQUEST,
            decision=decision(security_council=security_council, on=decided_on),
            forwarding_due_at=FORWARD_DUE,
            press_release_due_at=PRESS_DUE,
        ),
        REFERRED_AT,
        "court:icc-registry",
    )


def urgent() -> Log:
    return Log().add(
        ref.UrgentIncidentReported(
            case_id=CASE,
            requested_state=STATE,
            court_request=REQUEST,
            urgency=ref.Urgency.IMMINENT,
            urgency_reason="travel on 2 April",
        ),
        REPORTED_AT,
        "president:pres-1",
    )


def activated(log: Log, basis: go.ActivationBasis, rule: str, at: datetime) -> Log:
    due = at + timedelta(hours=24) if basis is not go.ActivationBasis.BUREAU_DECISION else None
    return log.add(
        go.GoodOfficesActivated(
            case_id=CASE,
            basis=basis,
            court_consulted_on=at.date(),
            bureau_notification_due_at=due,
        ),
        at,
        "president:pres-1",
        rule=rule,
    )


def formal(log: Log, *, security_council: bool = False) -> Log:
    return log.add(
        bu.FormalResponseOpened(
            case_id=CASE,
            court_decision_reference="ICC-01/99-01/26-123",
            referred_to_security_council=security_council,
            requested_state_code="EXA",
        ),
        REFERRED_AT + timedelta(minutes=1),
        "system:bureau",
    )


def session(
    session_id: str,
    starts_on: date,
    ends_on: date,
    *,
    number: int,
    kind: str = "regular",
    marked: bool = False,
) -> CalendarSession:
    from noncoop_shared.calendar import SessionKind

    return CalendarSession(
        session_id=session_id,
        number=number,
        kind=SessionKind(kind),
        starts_on=starts_on,
        ends_on=ends_on,
        takes_up_non_cooperation=marked,
    )


CALENDAR = [
    session("ASP-24", date(2025, 12, 1), date(2025, 12, 6), number=24),
    session("S-1", date(2026, 2, 10), date(2026, 2, 11), number=24, kind="special"),
    session("ASP-24-R", date(2026, 7, 7), date(2026, 7, 8), number=24, kind="resumed"),
    session("ASP-25", date(2026, 12, 1), date(2026, 12, 9), number=25),
    session("ASP-26", date(2027, 12, 6), date(2027, 12, 14), number=26),
]


def decided(on: date) -> Log:
    """A case whose Court decision is dated ``on`` and reached the Assembly that day."""
    at = datetime.combine(on, datetime.min.time(), UTC) + timedelta(hours=10)
    return Log().add(
        ref.CourtDecisionReceived(
            case_id=CASE,
            requested_state=STATE,
            court_request=REQUEST,
            decision=decision(on=on),
            forwarding_due_at=at + timedelta(days=1),
            press_release_due_at=at + timedelta(days=1),
        ),
        at,
        "court:icc-registry",
    )


def attended(log: Log, held_on: date, attended: bool = True) -> Log:
    at = datetime.combine(held_on, datetime.min.time(), UTC) + timedelta(hours=15)
    log.add(
        bu.RequestedStateInvited(case_id=CASE, meeting_id="B-9", meets_on=held_on),
        at - timedelta(days=7),
        "secretariat:sec-1",
    )
    return log.add(
        bu.RequestedStateAttendanceRecorded(case_id=CASE, meeting_id="B-9", attended=attended),
        at,
        "secretariat:sec-1",
    )


def travel_recorded(
    log: Log, at: datetime, *, travel_id: str = "T1", share_due_at: datetime | None = None
) -> Log:
    """A focal point records a potential travel at ``at``, to be shared with the Court by
    ``share_due_at`` (default: a day later)."""
    return log.add(
        go.TravelInformationRecorded(
            case_id=CASE,
            travel_id=travel_id,
            person="A. Person",
            destination_state="FRA",
            travel_from=date(2026, 4, 10),
            status=go.TravelStatus.POTENTIAL,
            share_due_at=share_due_at or at + timedelta(hours=24),
        ),
        at,
        "focal_point:fp-afr",
    )
