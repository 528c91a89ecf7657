"""Invented histories of cases, as the log would hold them: a builder of envelopes by rule, for
the example reports (``reporting.examples``) and the report's tests. Each fact is given
its business day; its record time follows the order it is added in, from ``recorded_from``.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time, timedelta

from noncoop_shared.access import Classification
from noncoop_shared.calendar import CalendarSession
from noncoop_shared.catalogue import bureau as bu
from noncoop_shared.catalogue import meta_of
from noncoop_shared.catalogue import referrals as ref
from noncoop_shared.catalogue.base import EventPayload
from noncoop_shared.catalogue.common import (
    CooperationArticle,
    CourtDecision,
    CourtRequest,
    LegalBasis,
    PersonConcerned,
    RequestedState,
    StateStatus,
)
from noncoop_shared.envelope import Envelope

STREAMS = {
    "referrals": "case:",
    "bureau": "formal-response:",
    "good_offices": "good-offices:",
    "reporting": "bureau-report:",
}
ACTOR_IDS = {"court": "icc-registry", "secretariat": "asp-secretariat", "president": "asp-pres"}


class History:
    """Invented records of cases, as the log would hold them (envelopes of every class)."""

    def __init__(self, recorded_from: datetime) -> None:
        self.envelopes: list[Envelope] = []
        self._recorded = recorded_from

    def add(
        self,
        case_id: str,
        payload: EventPayload,
        on: date,
        actor: str = "secretariat",
        classification: Classification | None = None,
    ) -> None:
        meta = meta_of(payload)
        n = len(self.envelopes)
        self.envelopes.append(
            Envelope(
                id=uuid.uuid5(uuid.NAMESPACE_URL, f"noncoop-example/{case_id}/{n}"),
                type=meta.type,
                source=f"noncoop/{meta.service}",
                subject=case_id,
                time=self._recorded + timedelta(minutes=n),
                data=payload.model_dump(mode="json"),
                stream=STREAMS[meta.service] + case_id,
                streamversion=1 + n,
                occurredat=datetime.combine(on, time(10, 0), tzinfo=UTC),
                actorrole=actor,
                actorid=ACTOR_IDS.get(actor, actor),
                classification=classification or meta.classification,
                correlationid=f"example-{n}",
                schemaversion=meta.version,
                rule=meta.rule,
                prevhash="0" * 64,
                hash="0" * 64,
            )
        )

    def shuffled(self) -> list[Envelope]:
        """Recorded in another order than the business one (every third first, reversed)."""
        return list(reversed(self.envelopes[::3])) + [
            e for i, e in enumerate(self.envelopes) if i % 3
        ]

    # --- the facts, by rule ------------------------------------------------------------------

    def referral(
        self,
        case_id: str,
        state: tuple[str, str],
        reference: str,
        decided: date,
        chamber: str = "Pre-Trial Chamber II",
        *,
        security_council: bool = False,
        article: CooperationArticle = CooperationArticle.ARREST_AND_SURRENDER,
    ) -> None:
        """P13: the Court referred a matter of non-cooperation to the Assembly."""
        self.add(
            case_id,
            ref.CourtDecisionReceived(
                case_id=case_id,
                requested_state=_state(state, StateStatus.STATE_PARTY),
                court_request=CourtRequest(article=article, reference=f"{reference}-REQ"),
                persons_concerned=[PersonConcerned(name="Invented Person", warrant_reference="W")],
                decision=_decision(reference, decided, chamber, security_council, assembly=True),
                forwarding_due_at=_at(decided + timedelta(days=2)),
                press_release_due_at=_at(decided + timedelta(days=2)),
            ),
            decided + timedelta(days=1),
            "court",
        )

    def for_information(
        self,
        case_id: str,
        state: tuple[str, str],
        status: StateStatus,
        reference: str,
        decided: date,
        chamber: str = "Pre-Trial Chamber II",
        *,
        security_council: bool,
    ) -> None:
        """A finding of the Court recorded for information only: S8 when the State is a
        non-party State bound by the Security Council, else not referred to the Assembly."""
        bound = status is StateStatus.NON_PARTY_SECURITY_COUNCIL
        why: ref.WhyNoProcedure = (
            "not_a_requested_state"
            if bound
            else "referred_to_security_council_only"
            if security_council
            else "not_referred"
        )
        self.add(
            case_id,
            ref.CourtFindingRecordedForInformation(
                case_id=case_id,
                requested_state=_state(state, status),
                court_request=CourtRequest(
                    article=CooperationArticle.ARREST_AND_SURRENDER, reference=f"{reference}-REQ"
                ),
                decision=_decision(reference, decided, chamber, security_council, assembly=False),
                why_no_procedure=why,
                bound_by_security_council_resolution=bound,
                security_council_resolution="S/RES/9999 (2011)" if bound else None,
            ),
            decided + timedelta(days=1),
            "court",
        )

    def urgent(self, case_id: str, state: tuple[str, str], on: date) -> None:
        """S7 7(b): restricted, never in a report."""
        self.add(
            case_id,
            ref.UrgentIncidentReported(
                case_id=case_id,
                requested_state=_state(state, StateStatus.STATE_PARTY),
                court_request=CourtRequest(
                    article=CooperationArticle.ARREST_AND_SURRENDER, reference="REQ-7B"
                ),
                persons_concerned=[PersonConcerned(name="Invented Person")],
                urgency=ref.Urgency.IMMINENT,
                urgency_reason="A visit of the person to the State is announced.",
            ),
            on,
            "president",
        )

    def information(
        self, case_id: str, state: tuple[str, str], reference: str, decided: date
    ) -> None:
        """S-info: a decision informing the Assembly and the Security Council, no referral."""
        self.add(
            case_id,
            ref.CourtInformationRecorded(
                case_id=case_id,
                reference=reference,
                date=decided,
                chamber="Pre-Trial Chamber II",
                addressees=[
                    ref.InformedAddressee.ASSEMBLY,
                    ref.InformedAddressee.SECURITY_COUNCIL,
                ],
                subject="An announced visit of a person subject to a warrant (not reported).",
                state_concerned=_state(state, StateStatus.STATE_PARTY),
            ),
            decided + timedelta(days=1),
            "court",
        )

    def no_finding_then_closed(self, case_id: str, reference: str, decided: date) -> None:
        """S7b-no-finding on a case known only as 7(b): restricted, as referrals records it."""
        self.add(
            case_id,
            ref.CourtDecidedWithoutFinding(
                case_id=case_id,
                reference=reference,
                date=decided,
                chamber="Pre-Trial Chamber I",
                outcome="no_finding",
            ),
            decided + timedelta(days=1),
            "court",
            Classification.RESTRICTED,
        )
        self.add(
            case_id,
            ref.CaseClosed(
                case_id=case_id,
                reason=ref.ClosureReason.COURT_MADE_NO_FINDING,
                court_decision_reference=reference,
            ),
            decided + timedelta(days=8),
            "secretariat",
            Classification.RESTRICTED,
        )

    def continued(
        self, case_id: str, reference: str, decided: date, state: tuple[str, str]
    ) -> None:
        """S7b-to-7a: the Court referred the matter handled as 7(b)."""
        self.add(
            case_id,
            ref.CaseContinuedUnderCourtReferral(
                case_id=case_id,
                requested_state=_state(state, StateStatus.STATE_PARTY),
                decision=_decision(reference, decided, "Pre-Trial Chamber I", False, assembly=True),
                forwarding_due_at=_at(decided + timedelta(days=2)),
                press_release_due_at=_at(decided + timedelta(days=2)),
            ),
            decided,
            "court",
        )

    def forwarded(self, case_id: str, on: date, reference: str) -> None:
        self.add(
            case_id,
            ref.DecisionForwardedToStatesParties(
                case_id=case_id, communication_reference=reference, due_at=_at(on), late=False
            ),
            on,
        )

    def press_release(self, case_id: str, on: date, reference: str) -> None:
        self.add(
            case_id,
            ref.PressReleaseIssued(
                case_id=case_id,
                reference=reference,
                title="The President of the Assembly on a decision of the Court",
                due_at=_at(on),
                late=False,
            ),
            on,
            "president",
        )

    def opened_formal_response(self, case_id: str, on: date, code: str, *, sc: bool) -> None:
        self.add(
            case_id,
            bu.FormalResponseOpened(
                case_id=case_id,
                court_decision_reference="(policy)",
                referred_to_security_council=sc,
                requested_state_code=code,
            ),
            on,
            "system",
        )

    def open_letter(self, case_id: str, on: date, reference: str, due: date) -> None:
        self.add(
            case_id,
            bu.OpenLetterSent(case_id=case_id, letter_reference=reference, reply_due_on=due),
            on,
            "president",
        )

    def reply(self, case_id: str, received: date, *, late: bool, letter: str | None = None) -> None:
        self.add(
            case_id,
            bu.OpenLetterReplyReceived(
                case_id=case_id,
                letter_reference=letter,
                received_on=received,
                summary="The State sets out its position (not reported: P12).",
                late=late,
            ),
            received,
        )

    def announced(self, case_id: str, on: date, what: bu.Announcement) -> None:
        self.add(
            case_id,
            bu.EmergencyMeetingAnnounced(
                case_id=case_id, meeting_id="bureau-emergency", announcement=what
            ),
            on,
        )

    def invited(self, case_id: str, on: date, meets_on: date) -> None:
        self.add(
            case_id,
            bu.RequestedStateInvited(case_id=case_id, meeting_id="bureau-next", meets_on=meets_on),
            on,
        )

    def nywg(self, case_id: str, on: date, held: date, next_session: CalendarSession) -> None:
        self.add(
            case_id,
            bu.NywgPublicMeetingRequested(
                case_id=case_id,
                bureau_meeting_on=held,
                next_session_id=next_session.session_id,
                next_session_starts_on=next_session.starts_on,
            ),
            on,
            "bureau_member",
        )

    def security_council_letter(
        self, case_id: str, on: date, reference: str, decision: str | None = None
    ) -> None:
        self.add(
            case_id,
            bu.SecurityCouncilLetterSent(
                case_id=case_id, letter_reference=reference, decision_reference=decision
            ),
            on,
            "president",
        )

    def omnibus(self, case_id: str, on: date, session_id: str) -> None:
        self.add(case_id, bu.OmnibusNotingRecorded(case_id=case_id, session_id=session_id), on)

    def closed(self, case_id: str, on: date, reason: ref.ClosureReason) -> None:
        self.add(case_id, ref.CaseClosed(case_id=case_id, reason=reason), on)


def _state(state: tuple[str, str], status: StateStatus) -> RequestedState:
    return RequestedState(name=state[0], code=state[1], status=status)


def _decision(
    reference: str, decided: date, chamber: str, security_council: bool, *, assembly: bool
) -> CourtDecision:
    return CourtDecision(
        reference=reference,
        date=decided,
        chamber=chamber,
        legal_basis=LegalBasis.STATE_PARTY,
        referred_to_assembly=assembly,
        referred_to_security_council=security_council,
    )


def _at(day: date) -> datetime:
    return datetime.combine(day, time(10, 0), tzinfo=UTC)


def case_id(n: int) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"noncoop-example-case/{n}"))
