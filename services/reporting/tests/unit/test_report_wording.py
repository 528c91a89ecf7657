"""Every fact the Assembly may read has its own sentence: dated in words, its actor named, its
rule cited, nothing on the merits (P12). A new event type of a class the report reads fails
``test_every_fact_the_report_may_read_has_a_wording`` until it is worded here."""

from __future__ import annotations

import re
import string
from datetime import UTC, date, datetime

import pytest

from noncoop_shared.catalogue import CATALOGUE, meta_of
from noncoop_shared.catalogue import bureau as bu
from noncoop_shared.catalogue import referrals as ref
from noncoop_shared.catalogue import reporting as rp
from noncoop_shared.catalogue.base import EventPayload
from noncoop_shared.catalogue.common import StateStatus
from noncoop_shared.envelope import Envelope
from reporting.domain.report.content import REPORT_CLASSES, public_data
from reporting.domain.report.language import EN
from reporting.domain.report.wording import Sentence, sentence
from reporting.examples import ASP15
from reporting.examples.history import History

RECORDED = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
DAY = date(2016, 7, 11)
STATE = ("the Republic of Examplia", "EXA")
CALENDAR_TYPES = {
    meta_of(bu.SessionScheduled).base_type,
    meta_of(bu.SessionRescheduled).base_type,
    meta_of(bu.SessionMarkedForNonCooperation).base_type,
}
"""Registry facts, not facts of a case: the report's framing reads them through the calendar."""
SILENT = {
    meta_of(bu.FormalResponseOpened).base_type,
    meta_of(bu.FormalResponseStopped).base_type,
}
"""The Bureau's copies of the Court's decision and of its reversal or closure: said once, by
the Court's or the Secretariat's record."""


SERVICES_OF_CASE_FACTS = ("referrals", "bureau", "reporting")
"""Good offices' readable facts (the focal points' roster) are not on a case's streams."""
CHANGE = {"case_id": "a", "decision_reference": "ICC-1", "change_reference": "ICC-1-A"}
FACTS: dict[str, tuple[EventPayload | None, str]] = {
    "court_decision_received": (None, "On 11 July 2016, Pre-Trial Chamber II of the Court"),
    "court_finding_recorded_for_information": (None, "is reported for its information"),
    "court_information_recorded": (
        ref.CourtInformationRecorded(
            case_id="a",
            reference="ICC-9",
            date=DAY,
            chamber="Pre-Trial Chamber I",
            addressees=[ref.InformedAddressee.SECURITY_COUNCIL],
            subject="a visit",
        ),
        "Pre-Trial Chamber I of the Court informed the Security Council, by decision ICC-9",
    ),
    "court_decided_without_finding": (
        ref.CourtDecidedWithoutFinding(
            case_id="a", reference="ICC-7", date=DAY, chamber="PTC I", outcome="no_finding"
        ),
        "decided, by decision ICC-7, to make no finding of non-cooperation on the matter",
    ),
    "case_continued_under_court_referral": (None, "handled until then under paragraph 7(b)"),
    "court_decision_amended": (
        ref.CourtDecisionAmended(**CHANGE, change_date=DAY, procedure_effect="continues"),
        "the Court amended decision ICC-1 by ICC-1-A; the remaining steps",
    ),
    "court_decision_reversed": (
        ref.CourtDecisionReversed(**CHANGE, change_date=DAY, procedure_effect="ends"),
        "the Court reversed decision ICC-1 by ICC-1-A; the remaining steps of the procedure ended",
    ),
    "court_decision_withdrawn": (
        ref.CourtDecisionWithdrawn(**CHANGE, change_date=DAY, procedure_effect="ends"),
        "the Court withdrew decision ICC-1",
    ),
    "decision_forwarded_to_states_parties": (None, "the Secretariat forwarded the decision"),
    "press_release_issued": (None, "the President of the Assembly informed the public"),
    "case_closed": (
        ref.CaseClosed(
            case_id="a",
            reason=ref.ClosureReason.COURT_MADE_NO_FINDING,
            court_decision_reference="ICC-7",
            note="merits",
        ),
        "the Secretariat closed the matter, the Court having made no finding (ICC-7)",
    ),
    "emergency_meeting_announced": (None, "the Bureau announced to all States Parties"),
    "open_letter_sent": (None, "sent an open letter (L/1) to the Republic of Examplia"),
    "open_letter_reply_received": (None, "the Republic of Examplia replied to the open letter"),
    "open_letter_reply_overdue": (
        bu.OpenLetterReplyOverdue(case_id="a", reply_due_on=DAY, letter_reference="L/1"),
        "no reply of the Republic of Examplia to the open letter (L/1) had been received",
    ),
    "requested_state_invited": (None, "invited a representative of the Republic of Examplia"),
    "nywg_public_meeting_requested": (None, "requested the New York Working Group"),
    "omnibus_noting_recorded": (None, "in the omnibus resolution of its session asp-15"),
    "omnibus_noting_overdue": (
        bu.OmnibusNotingOverdue(case_id="a", session_id="asp-15", session_closed_on=DAY),
        "the Assembly closed its session asp-15 without the decision of the Court noted",
    ),
    "plenary_discussion_recorded": (
        bu.PlenaryDiscussionRecorded(case_id="a", session_id="asp-15", held_on=DAY),
        "the Assembly discussed the matter in plenary at its session asp-15",
    ),
    "facilitator_appointed": (
        bu.FacilitatorAppointed(case_id="a", session_id="asp-15", facilitator="Ms Name"),
        "the Bureau appointed a facilitator",
    ),
    "security_council_letter_sent": (None, "wrote to the President of the Security Council"),
    "bureau_report_submitted": (
        rp.BureauReportSubmitted(
            case_id="a",
            report_id="r-1",
            session_id="asp-15",
            session_starts_on=DAY,
            sha256_markdown="0" * 64,
            sha256_html="0" * 64,
            checkpoint_id=1,
            merkle_root="0" * 64,
        ),
        "the Bureau submitted its report covering the matter to the session asp-15",
    ),
}


def _envelopes() -> list[Envelope]:
    """Every fact of ``FACTS`` without its own payload, as the history builder records it."""
    h = History(RECORDED)
    h.referral("a", STATE, "ICC-1", DAY)
    h.for_information("a", STATE, StateStatus.STATE_PARTY, "ICC-2", DAY, security_council=False)
    h.continued("a", "ICC-3", DAY, STATE)
    h.forwarded("a", DAY, "SP/1")
    h.press_release("a", DAY, "PR/1")
    h.announced("a", DAY, bu.Announcement.CONVENING)
    h.open_letter("a", DAY, "L/1", DAY)
    h.reply("a", DAY, late=False)
    h.invited("a", DAY, DAY)
    h.nywg("a", DAY, DAY, ASP15)
    h.omnibus("a", DAY, "asp-15")
    h.security_council_letter("a", DAY, "SC/1")
    return h.envelopes


def _history() -> dict[str, list[tuple[EventPayload, Sentence | None]]]:
    """Every fact of ``FACTS`` without its own payload, and its sentence."""
    said: dict[str, list[tuple[EventPayload, Sentence | None]]] = {}
    for envelope in _envelopes():
        payload = CATALOGUE.decode(envelope.type, envelope.data)
        name = meta_of(payload).name
        said.setdefault(name, []).append(
            (payload, sentence(envelope, payload, public_data(payload), STATE[0]))
        )
    return said


def test_every_fact_the_report_may_read_has_a_wording() -> None:
    readable = {
        m.base_type
        for m in CATALOGUE
        if m.classification in REPORT_CLASSES and m.service in SERVICES_OF_CASE_FACTS
    }
    worded = {f"noncoop.{svc}.{name}" for name in FACTS for svc in SERVICES_OF_CASE_FACTS}
    assert readable - CALENDAR_TYPES - SILENT <= worded, "a new fact needs its sentence"


@pytest.mark.parametrize("name", sorted(FACTS))
def test_each_fact_reads_as_a_dated_sentence_with_its_actor_and_rule(name: str) -> None:
    own, expected = FACTS[name]
    if own is None:
        (payload, said), *_ = _history()[name]
    else:
        h = History(RECORDED)
        h.add("a", own, DAY)
        payload = own
        said = sentence(h.envelopes[0], own, public_data(own), STATE[0])
    assert said is not None
    assert said.text.startswith("On 11 July 2016, "), said.text
    assert expected in said.text, said.text
    assert not said.text.startswith("On 11 July 2016, the Secretariat recorded:")
    assert said.text.endswith(f" ({said.rule}).") if said.rule else said.text.endswith(".")
    for merits in ("merits", "a visit", "Ms Name", "Invented Person", "sets out"):
        assert merits not in said.text
    assert meta_of(payload).name == name


def _english_left(text: str) -> list[str]:
    """Runs of three English words or more of any phrase of the report, found in ``text``."""
    fragments = [
        " ".join(words)
        for phrase in EN.values()
        for literal, _, _, _ in string.Formatter().parse(phrase)
        if len(words := re.findall(r"[A-Za-z][A-Za-z'()-]*", literal)) >= 3
    ]
    return [f for f in fragments if f in text]


@pytest.mark.parametrize("name", sorted(FACTS))
def test_each_fact_reads_in_french_with_no_english_left(name: str) -> None:
    own, _ = FACTS[name]
    if own is None:
        (payload, _), *_ = _history()[name]
        envelope = next(e for e in _envelopes() if CATALOGUE.decode(e.type, e.data) == payload)
    else:
        h = History(RECORDED)
        h.add("a", own, DAY)
        payload, envelope = own, h.envelopes[0]
    said = sentence(envelope, payload, public_data(payload), "l'État requis", "fr")
    assert said is not None
    assert said.text.startswith("Le 11 juillet 2016, "), said.text
    assert _english_left(said.text) == [], said.text
    assert said.text.endswith(f" ({said.rule}).") if said.rule else said.text.endswith(".")
