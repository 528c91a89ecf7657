"""What the Bureau report to a session says (pure): P15, annex I 3(k).

Built from the case envelopes recorded up to ``as_of`` that the Assembly may read (public and
States Parties classes only), for one session. Personal data never enters it: each payload is
dumped without its ``personal_data_paths`` fields before anything is read from it, and only
facts the system records (who acted, when, under which rule) are reported, not the merits (P12).
Cases are sorted by case id and actions by date, so the same input always gives the same report.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict

from noncoop_shared.access import Classification
from noncoop_shared.catalogue import CATALOGUE, meta_of, personal_data_paths
from noncoop_shared.catalogue import bureau as bu
from noncoop_shared.catalogue import referrals as ref
from noncoop_shared.catalogue.base import EventPayload
from noncoop_shared.catalogue.common import StateStatus
from noncoop_shared.envelope import Envelope
from reporting.projections.procedural_state import fold, is_case_stream
from reporting.reports.calendar_view import Session

REPORT_CLASSES = (Classification.PUBLIC, Classification.STATES_PARTIES)
"""The report goes to the Assembly: nothing above the States Parties' class enters it."""

ACTORS = {
    "president": "the President",
    "bureau_member": "the Bureau",
    "secretariat": "the Secretariat",
    "court": "the Court",
    "state_party": "States",
    "focal_point": "focal points",
}

_OPENINGS = (
    ref.CourtDecisionReceived,
    ref.CourtFindingRecordedForInformation,
    ref.UrgentIncidentReported,
)


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Action(_Model):
    on: date
    actor: str
    """who acted, by role (``the President``, ``the Bureau``, ``States``...), never a name"""
    rule: str | None
    what: str


class CaseEntry(_Model):
    case_id: str
    requested_state: str | None
    requested_state_code: str | None
    requested_state_status: str | None
    decision_reference: str | None
    decision_date: date | None
    referred_to_security_council: bool
    scenario: str | None
    status: str | None
    actions: list[Action]


class ReportSeal(_Model):
    """The checkpoint sealed with a submitted report, at the log position it was drawn at."""

    checkpoint_id: int
    merkle_root: str


class ReportContent(_Model):
    session_id: str
    session_starts_on: date
    session_ends_on: date
    session_venue: str
    period_start: date | None
    as_of: datetime
    introduction: str
    findings_states_parties: list[CaseEntry]
    findings_security_council_bound: list[CaseEntry]
    findings_not_party: list[CaseEntry]
    actions: list[CaseEntry]
    """every case with its actions by the President, the Bureau, States and others"""
    security_council: list[CaseEntry]
    """cases the Court referred to the Security Council, with the letters to it (P14g)"""
    consultations: list[Action]
    recommendations: str
    log_position: dict[str, int] | None = None
    """partition -> next offset the report was drawn at (ADR 0011)"""
    seal: ReportSeal | None = None
    """set once submitted"""


def public_data(payload: EventPayload) -> dict[str, Any]:
    """The payload as JSON, less every personal-data field."""
    data = payload.model_dump(mode="json")
    for path in personal_data_paths(type(payload)):
        _drop(data, path.split("."))
    return data


def _drop(value: Any, path: list[str]) -> None:
    if not isinstance(value, dict) or not path:
        return
    head, rest = path[0], path[1:]
    key = head.removesuffix("[]")
    if key not in value:
        return
    if not rest:
        del value[key]
    elif head.endswith("[]") and isinstance(value[key], list):
        for item in value[key]:
            _drop(item, rest)
    else:
        _drop(value[key], rest)


_CONSULTATION_TYPES = {
    "noncoop.good_offices.court_consulted",
    "noncoop.good_offices.contact_recorded",
    "noncoop.good_offices.article97_reminder_given",
}


def _is_consultation(envelope: Envelope) -> bool:
    return envelope.type.rsplit(".", 1)[0] in _CONSULTATION_TYPES


def _action(envelope: Envelope, payload: EventPayload) -> Action:
    return Action(
        on=envelope.occurredat.astimezone(UTC).date(),
        actor=ACTORS.get(envelope.actorrole, "others"),
        rule=envelope.rule,
        what=meta_of(payload).name.replace("_", " "),
    )


def _case_entry(case_id: str, envelopes: list[Envelope]) -> CaseEntry | None:
    opening: dict[str, Any] | None = None
    decision: dict[str, Any] | None = None
    actions: list[Action] = []
    for envelope in envelopes:
        if envelope.type not in CATALOGUE:
            continue
        payload = CATALOGUE.decode(envelope.type, envelope.data)
        data = public_data(payload)
        if isinstance(payload, _OPENINGS):
            opening = opening or data
        if isinstance(payload, (ref.CaseContinuedUnderCourtReferral, *_OPENINGS)):
            decision = data.get("decision") or decision
        actions.append(_action(envelope, payload))
    if opening is None and decision is None:
        return None  # how the case was opened is not for the Assembly's eyes
    state = fold(case_id, envelopes)
    requested = (opening or {}).get("requested_state") or {}
    return CaseEntry(
        case_id=case_id,
        requested_state=requested.get("name"),
        requested_state_code=requested.get("code"),
        requested_state_status=requested.get("status"),
        decision_reference=(decision or {}).get("reference"),
        decision_date=date.fromisoformat(decision["date"]) if decision else None,
        referred_to_security_council=_security_council(envelopes),
        scenario=state.scenario,
        status=state.status,
        actions=sorted(actions, key=lambda a: a.on),
    )


def _security_council(envelopes: list[Envelope]) -> bool:
    referred = False
    for envelope in envelopes:
        if envelope.type not in CATALOGUE:
            continue
        payload = CATALOGUE.decode(envelope.type, envelope.data)
        match payload:
            case ref.CourtDecisionReceived() | ref.CaseContinuedUnderCourtReferral():
                referred = payload.decision.referred_to_security_council
            case ref.CourtFindingRecordedForInformation():
                referred = payload.decision.referred_to_security_council
            case ref.CourtDecisionAmended() if payload.referred_to_security_council is not None:
                referred = payload.referred_to_security_council
            case bu.FormalResponseOpened():
                referred = payload.referred_to_security_council
            case _:
                pass
    return referred


def _closed_before(envelopes: list[Envelope], start: date | None) -> bool:
    if start is None:
        return False
    for envelope in envelopes:
        if envelope.type.rsplit(".", 1)[0] == meta_of(ref.CaseClosed).base_type:
            return envelope.occurredat.astimezone(UTC).date() < start
    return False


def build_content(
    envelopes: Iterable[Envelope],
    session: Session,
    as_of: datetime,
    recommendations: str,
    period_start: date | None = None,
    *,
    log_position: dict[str, int] | None = None,
    seal: ReportSeal | None = None,
) -> ReportContent:
    """The report on every case open in the period (from ``period_start``, the end of the
    previous session, when known), from the envelopes recorded up to ``as_of``."""
    by_case: dict[str, list[Envelope]] = defaultdict(list)
    consultations: list[tuple[str, Action]] = []
    for envelope in envelopes:
        if envelope.classification not in REPORT_CLASSES or envelope.time > as_of:
            continue
        if not is_case_stream(envelope.stream):
            continue
        by_case[envelope.subject].append(envelope)
        if _is_consultation(envelope) and envelope.type in CATALOGUE:
            payload = CATALOGUE.decode(envelope.type, envelope.data)
            consultations.append((envelope.subject, _action(envelope, payload)))
    cases: list[CaseEntry] = []
    for case_id in sorted(by_case):
        if _closed_before(by_case[case_id], period_start):
            continue
        entry = _case_entry(case_id, by_case[case_id])
        if entry is not None:
            cases.append(entry)

    def status_is(*statuses: StateStatus) -> list[CaseEntry]:
        return [c for c in cases if c.requested_state_status in {s.value for s in statuses}]

    period = (
        f"from {period_start.isoformat()} " if period_start is not None else "up to the session "
    )
    introduction = (
        f"This report of the Bureau on non-cooperation is submitted to the session "
        f"{session.session_id} of the Assembly of States Parties "
        f"({session.starts_on.isoformat()} to {session.ends_on.isoformat()}) under the "
        f"procedures on non-cooperation (P15; annex I, para. 3(k)). It covers the "
        f"{len(cases)} case(s) open in the period {period}and records the actions taken and "
        f"their dates, as recorded up to {as_of.astimezone(UTC).isoformat()}; it does not "
        f"discuss the merits of the Court's requests."
    )
    return ReportContent(
        session_id=session.session_id,
        session_starts_on=session.starts_on,
        session_ends_on=session.ends_on,
        session_venue=session.venue,
        period_start=period_start,
        as_of=as_of.astimezone(UTC),
        introduction=introduction,
        findings_states_parties=status_is(StateStatus.STATE_PARTY),
        findings_security_council_bound=status_is(StateStatus.NON_PARTY_SECURITY_COUNCIL),
        findings_not_party=status_is(StateStatus.NON_PARTY_AD_HOC, StateStatus.NON_PARTY_OTHER),
        actions=cases,
        security_council=[c for c in cases if c.referred_to_security_council],
        consultations=[a for _, a in sorted(consultations, key=lambda x: (x[1].on, x[0]))],
        recommendations=recommendations,
        log_position=log_position,
        seal=seal,
    )
