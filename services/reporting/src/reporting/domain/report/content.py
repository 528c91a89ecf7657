"""What the Bureau report to a session says (pure): P15, P14e, S8, S-info, annex I 3(k).

Built from the case envelopes recorded up to ``as_of`` (record time) that the Assembly may read
(public and States Parties classes only), for one session, judged in business time (P15):

- the **cut-off** is the session's opening day, or the day the report is drawn (``on``) when
  that is earlier: every fact dated after it is left out, even one recorded long before;
- the **period** runs from the previous session's opening day (the previous report's cut-off)
  to the cut-off;
- the report covers every matter referred to the Assembly (7(a), including a 7(b) matter
  continued as 7(a)) decided by the cut-off and not closed before the previous session opened
  (a matter still open after its due session is reported again), and every decision of the
  Court for information only (S8, S-info, a decision making no finding on a 7(b) matter) dated
  in the period, so that each appears in exactly one report: the one to the session after it.

Personal data never enters it: each payload is dumped without its ``personal_data_paths`` fields
before anything is read from it. Sentences are ordered by their business date and time, ties by
their text; matters by the Court's decision date, State and case id: the same facts give the
same report, whatever order they were recorded in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict

from noncoop_shared.access import Classification
from noncoop_shared.calendar import CalendarSession, SessionKind
from noncoop_shared.catalogue import CATALOGUE, personal_data_paths
from noncoop_shared.catalogue import bureau as bu
from noncoop_shared.catalogue import referrals as ref
from noncoop_shared.catalogue.base import EventPayload
from noncoop_shared.envelope import Envelope
from noncoop_shared.rules import Rule
from reporting.domain.procedural import is_case_stream
from reporting.domain.report import wording, words
from reporting.domain.report.framing import (
    introduction,
    omnibus_language,
    security_council,
    session_title,
)
from reporting.domain.report.language import Lang, t
from reporting.domain.report.wording import Sentence
from reporting.domain.report.words import court_decision

REPORT_CLASSES = (Classification.PUBLIC, Classification.STATES_PARTIES)
"""The report goes to the Assembly: nothing above the States Parties' class enters it."""

REFERRALS = (ref.CourtDecisionReceived, ref.CaseContinuedUnderCourtReferral)
"""The Court's decisions that refer a matter to the Assembly (7(a), P13)."""


class MatterKind(StrEnum):
    REFERRED = "referred"
    """referred to the Assembly (7(a), or 7(b) continued as 7(a)): the procedure applies"""
    SECURITY_COUNCIL_BOUND = "security_council_bound"
    """a finding about a State bound by a Security Council decision, for information (S8)"""
    INFORMATION = "information"
    """any other decision of the Court for information only (S-info, S7b-no-finding)"""


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class CourtDecisionRef(_Model):
    reference: str
    date: date
    chamber: str
    referred_to_assembly: bool


class CaseEntry(_Model):
    case_id: str
    kind: MatterKind
    requested_state: str
    """the State's name as recorded, or ``the requested State (EXA)`` when only its code is"""
    requested_state_code: str | None
    requested_state_status: str | None
    decisions: list[CourtDecisionRef]
    """the Court's decisions on the matter up to the cut-off, by date"""
    referred_to_security_council: bool
    continued_from_7b: bool
    closed_on: date | None
    sentences: list[Sentence]


class ReportSeal(_Model):
    """The checkpoint sealed with a submitted report, at the log position it was drawn at."""

    checkpoint_id: int
    merkle_root: str


class ReportContent(_Model):
    session_id: str
    session_title: str
    """``eighteenth session`` (or ``session ASP-18`` when its number is not known)"""
    session_starts_on: date
    session_ends_on: date
    session_venue: str
    previous_session_title: str | None
    """the previous regular session, whose omnibus resolution gave the mandate (annex I 3(k))"""
    period_start: date | None
    """the previous session's opening day: the previous report's cut-off"""
    cutoff: date
    as_of: datetime
    introduction: list[str]
    referred: list[CaseEntry]
    security_council_bound: list[CaseEntry]
    information: list[CaseEntry]
    security_council: list[str]
    recommendations: str
    omnibus: list[str]
    """the language proposed for the omnibus resolution (P14e)"""
    log_position: dict[str, int] | None = None
    """partition -> next offset the report was drawn at (ADR 0012)"""
    seal: ReportSeal | None = None
    """set once submitted"""

    @property
    def cases(self) -> list[CaseEntry]:
        """Every matter the report covers."""
        return [*self.referred, *self.security_council_bound, *self.information]


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


def previous_session(
    calendar: Iterable[CalendarSession], session: CalendarSession, *, regular: bool = False
) -> CalendarSession | None:
    """The session that counts for the procedures (a regular one, or a special one marked as
    taking up non-cooperation) and opened last before ``session``; with ``regular``, the last
    regular session (the one whose omnibus resolution gave the Bureau its mandate)."""
    earlier = [
        s
        for s in calendar
        if s.counts
        and s.kind is not SessionKind.RESUMED
        and (s.kind is SessionKind.REGULAR or not regular)
        and s.starts_on < session.starts_on
    ]
    return max(earlier, key=lambda s: (s.starts_on, s.session_id), default=None)


class _Facts:
    """What the visible records of one case say, up to the cut-off."""

    def __init__(self, case_id: str, cutoff: date) -> None:
        self.case_id = case_id
        self.cutoff = cutoff
        self.state: dict[str, Any] | None = None
        self.state_code: str | None = None
        self.decisions: dict[str, CourtDecisionRef] = {}
        self.kind: MatterKind | None = None
        self.security_council = False
        self.continued = False
        self.closed_on: date | None = None
        self.entries: list[tuple[Envelope, EventPayload, dict[str, Any]]] = []

    def read(self, envelope: Envelope, payload: EventPayload, data: dict[str, Any]) -> None:
        decision = court_decision(payload, data)
        on = date.fromisoformat(str(decision["date"])) if decision else _business_day(envelope)
        # Every fact may be said (its sentence is cut by the date it gives, in ``entry``), but
        # only the facts dated by the cut-off shape the matter: its State, kind and closure (P15).
        self.entries.append((envelope, payload, data))
        if on > self.cutoff:
            return
        for field in ("requested_state", "state_concerned"):
            if isinstance(data.get(field), dict):
                self.state = self.state or data[field]
        if isinstance(payload, bu.FormalResponseOpened):
            self.state_code = payload.requested_state_code
        if decision is not None:
            self._decision(envelope, payload, data, decision)
        match payload:
            case ref.CourtDecisionAmended() if payload.referred_to_security_council is not None:
                self.security_council = payload.referred_to_security_council
            case ref.CaseClosed():
                self.closed_on = _business_day(envelope)
            case _:
                pass

    def _decision(
        self,
        envelope: Envelope,
        payload: EventPayload,
        data: dict[str, Any],
        decision: dict[str, Any],
    ) -> None:
        referred = isinstance(payload, REFERRALS)
        self.decisions[decision["reference"]] = CourtDecisionRef(
            reference=decision["reference"],
            date=date.fromisoformat(str(decision["date"])),
            chamber=str(decision.get("chamber", "")),
            referred_to_assembly=referred,
        )
        self.security_council = self.security_council or bool(
            decision.get("referred_to_security_council")
        )
        self.continued = self.continued or isinstance(payload, ref.CaseContinuedUnderCourtReferral)
        if referred:
            self.kind = MatterKind.REFERRED
        elif self.kind is None and (
            words.bound_by_security_council(data) or envelope.rule == Rule.S8
        ):
            self.kind = MatterKind.SECURITY_COUNCIL_BOUND
        elif self.kind is None:
            self.kind = MatterKind.INFORMATION

    def state_name(self, lang: Lang = "en") -> str:
        if self.state and self.state.get("name"):
            return str(self.state["name"])
        code = (self.state or {}).get("code") or self.state_code
        return t(lang, "state.code", code=code) if code else t(lang, "state.unnamed")

    def entry(self, lang: Lang = "en") -> CaseEntry | None:
        """The matter as the report says it in ``lang``. Which sentences are said, and their
        order, are decided on the English text (the one sealed), so that a translation says
        the same facts in the same order."""
        if self.kind is None:
            return None  # no decision of the Court the Assembly may read: not its matter yet
        state = self.state_name(lang)
        english = self.state_name("en")
        sentences: dict[str, Sentence] = {}
        for envelope, payload, data in self.entries:
            said = wording.sentence(envelope, payload, data, english)
            if said is None or said.on > self.cutoff or said.text in sentences:
                continue  # a fact recorded twice is said once
            if lang != "en":
                translated = wording.sentence(envelope, payload, data, state, lang)
                assert translated is not None  # the same fact, in another language
                said = said.model_copy(update={"text": translated.text, "key": said.text})
            sentences[said.key or said.text] = said
        return CaseEntry(
            case_id=self.case_id,
            kind=self.kind,
            requested_state=state,
            requested_state_code=(self.state or {}).get("code") or self.state_code,
            requested_state_status=(self.state or {}).get("status"),
            decisions=sorted(self.decisions.values(), key=lambda d: (d.date, d.reference)),
            referred_to_security_council=self.security_council,
            continued_from_7b=self.continued,
            closed_on=self.closed_on,
            sentences=sorted(sentences.values(), key=lambda s: (s.on, s.at, s.key or s.text)),
        )


def _business_day(envelope: Envelope) -> date:
    return envelope.occurredat.astimezone(UTC).date()


def _facts(envelopes: Iterable[Envelope], as_of: datetime, cutoff: date) -> list[_Facts]:
    by_case: dict[str, _Facts] = {}
    ordered: dict[str, list[Envelope]] = defaultdict(list)
    for envelope in envelopes:
        if envelope.classification not in REPORT_CLASSES or envelope.time > as_of:
            continue
        if is_case_stream(envelope.stream) and envelope.type in CATALOGUE:
            ordered[envelope.subject].append(envelope)
    for case_id, case_envelopes in ordered.items():
        facts = by_case[case_id] = _Facts(case_id, cutoff)
        # business order, so "the first requested State named" does not depend on arrival
        for envelope in sorted(case_envelopes, key=lambda e: (e.occurredat, str(e.id))):
            payload = CATALOGUE.decode(envelope.type, envelope.data)
            facts.read(envelope, payload, public_data(payload))
    return list(by_case.values())


def build_content(
    envelopes: Iterable[Envelope],
    session: CalendarSession,
    calendar: Sequence[CalendarSession],
    as_of: datetime,
    recommendations: str,
    *,
    on: date | None = None,
    log_position: dict[str, int] | None = None,
    seal: ReportSeal | None = None,
    lang: Lang = "en",
) -> ReportContent:
    """The report to ``session`` from the envelopes recorded up to ``as_of``, as the procedure
    stood on ``on`` (default: the day of ``as_of``), never after the session's opening day, in
    ``lang`` (English is the text sealed; another language says the same facts in the same
    order)."""
    as_of = as_of.astimezone(UTC)
    cutoff = min(session.starts_on, on or as_of.date())
    previous = previous_session(calendar, session)
    period_start = previous.starts_on if previous else None
    referred, for_information = _matters(envelopes, as_of, cutoff, period_start, lang)
    title = session_title(session, lang)
    mandate = previous_session(calendar, session, regular=True)
    previous_title = session_title(mandate, lang) if mandate else None
    content = ReportContent(
        session_id=session.session_id,
        session_title=title,
        session_starts_on=session.starts_on,
        session_ends_on=session.ends_on,
        session_venue=session.venue,
        previous_session_title=previous_title,
        period_start=period_start,
        cutoff=cutoff,
        as_of=as_of,
        introduction=[],
        referred=referred,
        security_council_bound=[
            e for e in for_information if e.kind is MatterKind.SECURITY_COUNCIL_BOUND
        ],
        information=[e for e in for_information if e.kind is MatterKind.INFORMATION],
        security_council=[],
        recommendations=recommendations,
        omnibus=[],
        log_position=log_position,
        seal=seal,
    )
    return content.model_copy(
        update={
            "introduction": introduction(content, lang),
            "security_council": security_council(content, lang),
            "omnibus": omnibus_language(content, session, calendar, lang),
        }
    )


def _matters(
    envelopes: Iterable[Envelope],
    as_of: datetime,
    cutoff: date,
    period_start: date | None,
    lang: Lang = "en",
) -> tuple[list[CaseEntry], list[CaseEntry]]:
    """The matters the report covers, in order: those referred to the Assembly (but those
    closed before the period), and those for information decided in the period. Ordered by
    the State's English name in every language (the same order as the text sealed)."""
    referred: list[tuple[tuple[date, str, str], CaseEntry]] = []
    for_information: list[tuple[tuple[date, str, str], CaseEntry]] = []
    for facts in _facts(envelopes, as_of, cutoff):
        entry = facts.entry(lang)
        if entry is None:
            continue
        first = entry.decisions[0].date if entry.decisions else date.min
        order = (first, facts.state_name("en"), entry.case_id)
        if entry.kind is MatterKind.REFERRED:
            closed_earlier = period_start and entry.closed_on and entry.closed_on < period_start
            if not closed_earlier:
                referred.append((order, entry))
        elif period_start is None or entry.decisions[0].date > period_start:
            for_information.append((order, entry))
    return _in_order(referred), _in_order(for_information)


def _in_order(matters: list[tuple[tuple[date, str, str], CaseEntry]]) -> list[CaseEntry]:
    return [entry for _, entry in sorted(matters, key=lambda pair: pair[0])]
