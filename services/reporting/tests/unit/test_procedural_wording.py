"""The procedural state's sentences in English and French: every key has both, with the same
placeholders; every value a record gives a word for (a closure reason, an outcome) has one;
a state read in French has no English left in it, its dates written as French writes them."""

from __future__ import annotations

import re
import string
from datetime import UTC, date, datetime, timedelta

import pytest
from msgspec.structs import asdict

from noncoop_shared.catalogue import bureau as bu
from noncoop_shared.catalogue import good_offices as go
from noncoop_shared.catalogue import referrals as ref
from reporting.domain.procedural import CaseFacts, ProceduralState, Step, derive, fold
from reporting.domain.procedural.wording import EN, FR, PHRASES, Note, note_text, say

from .procedural_support import (
    CALENDAR,
    CASE,
    FORWARD_DUE,
    Log,
    activated,
    attended,
    decided,
    formal,
    referred,
    travel_recorded,
    urgent,
)

ENGLISH = re.compile(r"\b(the|is to|done|due|passed|may|no|of|was|were|travel|report)\b")
"""Words of the English sentences that no French one has."""


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_sentence_has_its_french_and_every_french_its_english():
    assert set(FR) - set(EN) == set(), "French phrases without an English key"
    assert set(EN) - set(FR) == set(), "English phrases without their French"


@pytest.mark.parametrize("key", sorted(EN))
def test_each_translation_fills_the_same_placeholders(key: str):
    assert placeholders(FR[key]) == placeholders(EN[key]), key


@pytest.mark.parametrize(
    ("prefix", "values"),
    [
        ("closure", [reason.value for reason in ref.ClosureReason]),
        ("conclusion", [outcome.value for outcome in go.Outcome]),
        ("stop.formal_response", [reason.value for reason in bu.StopReason]),
        ("meeting.announced", [kind.value for kind in bu.Announcement]),
        ("trigger", [outcome.value for outcome in go.Verification]),
        ("travel.recorded", [status.value for status in go.TravelStatus]),
        ("travel.changed", ["confirmed", "cancelled"]),
    ],
)
def test_every_value_a_record_gives_has_its_words(prefix: str, values: list[str]):
    for lang, phrases in PHRASES.items():
        missing = [v for v in values if f"{prefix}.{v}" not in phrases]
        assert missing == [], f"{lang}: no words for {prefix} {missing}"


def test_english_dates_stay_iso_and_french_ones_are_written_out():
    due = datetime(2026, 4, 1, 23, 30, tzinfo=UTC)
    assert say("en", "row.done_late", due=due) == "; done late: due 2026-04-01T23:30:00+00:00"
    assert say("fr", "row.done_late", due=due) == (
        " ; accompli en retard : échéance le 1er avril 2026 à 23:30 UTC"
    )
    held = Note("meeting.held", day=date(2026, 5, 4))
    assert (note_text(held, "en"), note_text(held, "fr")) == (
        "held on 2026-05-04",
        "tenue le 4 mai 2026",
    )


def test_a_note_kept_in_english_by_an_earlier_release_is_shown_as_it_was():
    facts = CaseFacts(CASE, scenario="7b", status="open")
    facts.activation = Step(arose_at=FORWARD_DUE, done_at=FORWARD_DUE, actor="president:p")
    facts.activation_rule = "P18-own-7b"
    facts.engagements = 1
    facts.engagement = Step(done_at=FORWARD_DUE, tags=["trigger information verified"])
    assert derive(facts, lang="fr").rule("P20").why == (
        "contacts enregistrés : 1 (trigger information verified)"
    )


def histories() -> list[tuple[str, ProceduralState, ProceduralState]]:
    """Cases whose rows say every kind of sentence: (name, in English, in French)."""
    at = datetime(2026, 4, 2, 9, 0, tzinfo=UTC)
    good_offices = activated(urgent(), go.ActivationBasis.OWN_INITIATIVE_7B, "P18-own-7b", at)
    good_offices.add(
        go.TriggerInformationVerified(case_id=CASE, outcome=go.Verification.NOT_CONFIRMED), at
    )
    travel_recorded(good_offices, at)
    good_offices.add(go.ReportToBureauSubmitted(case_id=CASE, summary="report"), at)
    good_offices.add(
        go.GoodOfficesConcluded(case_id=CASE, outcome=go.Outcome.NO_RESULT, summary="none"),
        at + timedelta(days=2),
        "president:pres-1",
    )
    bureau = attended(formal(decided(date(2026, 7, 1))), date(2026, 8, 31), attended=False)
    bureau.add(
        bu.EmergencyMeetingConvened(case_id=CASE, meeting_id="EM-1", meets_on=date(2026, 9, 3)),
        datetime(2026, 9, 1, tzinfo=UTC),
    )
    bureau.add(
        bu.EmergencyMeetingAnnounced(
            case_id=CASE, meeting_id="EM-1", announcement=bu.Announcement.CONVENING
        ),
        datetime(2026, 9, 1, 12, tzinfo=UTC),
    )
    bureau.add(
        bu.OpenLetterSent(case_id=CASE, letter_reference="L-1", reply_due_on=date(2026, 9, 2)),
        datetime(2026, 9, 1, tzinfo=UTC),
        "president:pres-1",
    )
    closed = referred().add(
        ref.CaseClosed(case_id=CASE, reason=ref.ClosureReason.COOPERATION_OBTAINED),
        datetime(2026, 7, 1, tzinfo=UTC),
    )
    stopped = formal(referred()).add(
        bu.FormalResponseStopped(case_id=CASE, reason=bu.StopReason.DECISION_WITHDRAWN),
        datetime(2026, 6, 2, tzinfo=UTC),
    )
    logs: list[tuple[str, Log, date, list]] = [
        ("good offices", good_offices, date(2026, 4, 10), CALENDAR),
        ("formal response", bureau, date(2026, 9, 5), CALENDAR),
        ("beyond the calendar", decided(date(2028, 1, 10)), date(2028, 1, 10), CALENDAR),
        ("closed", closed, date(2026, 7, 2), CALENDAR),
        ("stopped", stopped, date(2026, 6, 3), CALENDAR),
        ("7(b) without a referral", urgent(), date(2026, 3, 21), CALENDAR),
    ]
    return [
        (
            name,
            fold(CASE, log.envelopes, on=on, sessions=sessions),
            fold(CASE, log.envelopes, on=on, sessions=sessions, lang="fr"),
        )
        for name, log, on, sessions in logs
    ]


@pytest.mark.parametrize(
    ("name", "english", "french"), histories(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_a_state_read_in_french_says_every_why_in_french_and_nothing_else_changes(
    name: str, english: ProceduralState, french: ProceduralState
):
    assert len(french.rules) == len(english.rules) > 0
    for en_row, fr_row in zip(english.rules, french.rules, strict=True):
        assert fr_row.why != en_row.why, (name, en_row.rule, fr_row.why)
        assert not ENGLISH.search(fr_row.why), (name, en_row.rule, fr_row.why)
        # only the sentence is translated: the rule, its state, its dates and refs are data
        assert asdict(en_row) | {"why": ""} == asdict(fr_row) | {"why": ""}
    assert english.next_due == french.next_due


def test_the_french_dates_are_written_out_in_the_sentences():
    states = {name: french for name, _, french in histories()}
    bureau = states["formal response"]
    assert "s'est tenue le 31 août 2026" in bureau.rule("P14d").why
    assert "réponse attendue le 2 septembre 2026" in bureau.rule("P14b", "L-1").why
    assert "échéance le 3 septembre 2026 à 00:00 UTC, dépassée" in bureau.rule("P14b", "L-1").why
    assert "du 1er décembre 2026 au 9 décembre 2026" in bureau.rule("P15").why
