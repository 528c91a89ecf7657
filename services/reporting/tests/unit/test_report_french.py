"""The Bureau report in French: every phrase has its French, a French report says no English
sentence (names, references and the Bureau's own recommendations are data, printed as
recorded), dates are written the French way, the same report gives the same bytes, and it says
the same facts in the same order as the English, the text that is sealed."""

from __future__ import annotations

import re
import string
from datetime import UTC, date, datetime

import pytest

from noncoop_shared.catalogue import CATALOGUE
from noncoop_shared.catalogue.common import StateStatus
from reporting.domain.report import language
from reporting.domain.report.content import ReportContent, ReportSeal, build_content, public_data
from reporting.domain.report.language import EN, FR, chamber_name, in_words, ordinal
from reporting.domain.report.render import footer, to_html, to_markdown
from reporting.domain.report.wording import sentence
from reporting.examples import (
    ASP16,
    CALENDAR,
    OSTRAVIA,
    RECOMMENDATIONS,
    demo_report,
    every_kind_history,
)

AS_OF = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
FRENCH_RECOMMENDATIONS = "Le Bureau recommande à l'Assemblée de rester saisie de la question."
SAME_IN_BOTH = {"h.introduction", "session.unnumbered", "session.numbered"}
"""Phrases French writes as English does (a heading, a pattern of data alone)."""
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip


def _placeholders(phrase: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(phrase) if name}


def _fragments(phrase: str) -> list[str]:
    """The English words of a phrase between its placeholders, three words or more."""
    literal = [text for text, _, _, _ in string.Formatter().parse(phrase)]
    return [
        " ".join(words)
        for text in literal
        if len(words := re.findall(r"[A-Za-z][A-Za-z'()-]*", text)) >= 3
    ]


def test_every_phrase_has_its_french_with_the_same_placeholders() -> None:
    assert set(EN) - set(FR) == set(), "a phrase has no French"
    assert set(FR) - set(EN) == set(), "a French phrase has no English"
    for key, english in EN.items():
        # the one value French writes itself: the P15 paragraph, English words in the rules
        dropped = {"p15_paragraph"} if key == "intro.statute" else set()
        assert _placeholders(FR[key]) == _placeholders(english) - dropped, key
        assert (FR[key] == english) is (key in SAME_IN_BOTH), f"{key}: French is English"


def test_a_phrase_without_its_french_fails_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    french = dict(FR)
    del french["sentence"]
    monkeypatch.setitem(language.PHRASES, "fr", french)
    with pytest.raises(KeyError):
        language.t("fr", "sentence", date="", actor="", clause="", cited="")


def _english_left(text: str) -> list[str]:
    return [f for phrase in EN.values() for f in _fragments(phrase) if f in text]


def _content(lang: language.Lang, seal: ReportSeal | None = None) -> ReportContent:
    h = every_kind_history()
    # a decision for information about no State in particular: its heading is its reference
    h.for_information(
        "z", OSTRAVIA, StateStatus.STATE_PARTY, "ICC-9", date(2017, 10, 1), security_council=False
    )
    return build_content(
        h.shuffled(),
        ASP16,
        CALENDAR,
        AS_OF,
        FRENCH_RECOMMENDATIONS,
        seal=seal,
        log_position={"0": 12, "1": 7},
        lang=lang,
    )


def test_a_french_report_with_every_section_holds_no_english_sentence() -> None:
    seal = ReportSeal(checkpoint_id=3, merkle_root="ab" * 32)
    english, french = _content("en", seal), _content("fr", seal)
    # every section has something to say: no "none.*" phrase is used
    assert english.referred and english.security_council_bound and english.information
    assert english.security_council and len(english.omnibus) == 2
    for text in (to_markdown(french, "fr"), to_html(french, "fr")):
        assert _english_left(text) == []
        assert not any(f"{day} {month}" in text for month in MONTHS for day in range(1, 32))
        assert "Rapport du Bureau sur la non-coopération" in text
        assert "Assemblée des États Parties, Seizième session, New York" in text
        assert "du 4 décembre 2017 au 14 décembre 2017" in text
        assert "Le 6 juillet 2017, la Chambre préliminaire II de la Cour a renvoyé" in text
        assert "Pre-Trial Chamber" not in text
        assert "(P13)." in text and "(S8)." in text and "(S-info)." in text
    # the English says what it always said
    assert _english_left(to_markdown(english)) != []
    assert '<html lang="fr">' in to_html(french, "fr")


def test_every_fact_has_a_french_sentence_with_no_english() -> None:
    h = every_kind_history()
    for envelope in h.envelopes:
        payload = CATALOGUE.decode(envelope.type, envelope.data)
        said = sentence(envelope, payload, public_data(payload), "l'État requis", "fr")
        if said is None:
            continue
        assert said.text.startswith("Le "), said.text
        assert _english_left(said.text) == [], said.text


def test_the_same_facts_in_the_same_order_as_the_english() -> None:
    english, french = _content("en"), _content("fr")
    for en_cases, fr_cases in (
        (english.referred, french.referred),
        (english.security_council_bound, french.security_council_bound),
        (english.information, french.information),
    ):
        assert [c.case_id for c in en_cases] == [c.case_id for c in fr_cases]
        for en_case, fr_case in zip(en_cases, fr_cases, strict=True):
            assert [(s.on, s.at, s.rule) for s in en_case.sentences] == [
                (s.on, s.at, s.rule) for s in fr_case.sentences
            ]
            assert [s.key for s in fr_case.sentences] == [s.text for s in en_case.sentences]


def test_french_is_deterministic_whatever_the_order_of_the_records() -> None:
    h = every_kind_history()
    drawn = {
        to_markdown(build_content(order, ASP16, CALENDAR, AS_OF, RECOMMENDATIONS, lang="fr"), "fr")
        for order in (h.envelopes, h.shuffled(), list(reversed(h.envelopes)))
    }
    assert len(drawn) == 1
    assert demo_report("fr") == demo_report("fr")
    assert demo_report("fr") != demo_report("en")


def test_the_french_footer_names_the_english_as_the_text_sealed() -> None:
    seal = ReportSeal(checkpoint_id=3, merkle_root="ab" * 32)
    sealed = footer(_content("fr", seal), "fr")
    assert sealed.startswith("Traduction ; le texte faisant foi est l'anglais, scellé par le")
    assert "point de contrôle 3, racine de Merkle " + "ab" * 32 in sealed
    assert "jusqu'à la position 0:12, 1:7 du journal" in sealed
    draft = footer(_content("fr"), "fr")
    assert "non scellé" in draft and "le texte faisant foi est l'anglais" in draft
    assert footer(_content("en", seal)).startswith("Sealed by checkpoint 3, Merkle root ")


@pytest.mark.parametrize(
    ("recorded", "french"),
    [
        ("Pre-Trial Chamber II", "Chambre préliminaire II"),
        ("Trial Chamber IX", "Chambre de première instance IX"),
        ("Appeals Chamber", "Chambre d'appel"),
        ("Presidency", "Présidence"),
        ("PTC I", "PTC I"),  # not one of the Statute's names: as recorded
    ],
)
def test_the_courts_chambers_are_named_as_the_french_statute_names_them(
    recorded: str, french: str
) -> None:
    assert chamber_name(recorded, "fr") == french
    assert chamber_name(recorded, "en") == recorded


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (date(2016, 9, 26), "26 septembre 2016"),
        (date(2017, 12, 1), "1er décembre 2017"),
        (date(2018, 2, 14), "14 février 2018"),
        (date(2019, 8, 31), "31 août 2019"),
    ],
)
def test_dates_are_written_the_french_way(day: date, words: str) -> None:
    assert in_words(day, "fr") == words


@pytest.mark.parametrize(
    ("number", "word"),
    [
        (1, "première"),
        (2, "deuxième"),
        (5, "cinquième"),
        (9, "neuvième"),
        (11, "onzième"),
        (16, "seizième"),
        (18, "dix-huitième"),
        (21, "vingt et unième"),
        (24, "vingt-quatrième"),
        (40, "quarantième"),
        (69, "soixante-neuvième"),
        (71, "soixante et onzième"),
        (77, "soixante-dix-septième"),
        (80, None),
    ],
)
def test_sessions_are_named_in_french_words(number: int, word: str | None) -> None:
    assert ordinal(number, "fr") == word
