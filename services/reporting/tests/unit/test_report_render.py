"""The Bureau report rendered (pure, deterministic): sections as the Assembly's reports have
them, everything escaped, no personal data; and the example reports of ``docs/examples/`` are
what the real content and rendering code draw from their invented histories."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from noncoop_shared.calendar import CalendarSession, SessionKind
from noncoop_shared.catalogue.common import StateStatus
from reporting.domain.calendar import Session
from reporting.domain.report.content import ReportContent, build_content
from reporting.domain.report.render import to_html, to_markdown
from reporting.examples import (
    ASP15,
    CALENDAR,
    EXAMPLES,
    EXAMPLIA,
    KORDANIA,
    OSTRAVIA,
    RURITANIA,
)
from reporting.examples.history import History
from reporting.projections.report_store import (
    calendar_from_json,
    calendar_session,
    calendar_to_json,
)

RECORDED = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
AS_OF = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
EXAMPLES_DIR = Path(__file__).resolve().parents[4] / "docs" / "examples"


def content(recommendations: str = "Recommend <script>x</script> | more") -> ReportContent:
    h = History(RECORDED)
    h.referral("a", EXAMPLIA, "ICC-1", date(2016, 7, 11), security_council=True)
    h.forwarded("a", date(2016, 7, 13), "SP/<b>1</b>")
    h.referral("b", RURITANIA, "ICC-2", date(2016, 3, 2))
    h.for_information(
        "c", KORDANIA, StateStatus.NON_PARTY_SECURITY_COUNCIL, "ICC-3", date(2016, 4, 1),
        security_council=True,
    )  # fmt: skip
    return build_content(h.envelopes, ASP15, CALENDAR, AS_OF, recommendations)


def test_sections_in_the_order_of_the_assemblys_reports() -> None:
    markdown, html = to_markdown(content()), to_html(content())
    headings = [
        "I. Introduction",
        "II. Matters of non-cooperation referred to the Assembly",
        "III. States bound by a decision of the Security Council",
        "IV. Other decisions of the Court transmitted for information",
        "V. The Security Council",
        "VI. Recommendations",
        "Annex: Language proposed for the omnibus resolution",
    ]
    assert [markdown.index(f"## {h}") for h in headings] == sorted(
        markdown.index(f"## {h}") for h in headings
    )
    for heading in headings:
        assert f"<h2>{heading}</h2>" in html
    assert "### A. The Kingdom of Ruritania (RUR)" in markdown  # decided first
    assert "### B. The Republic of Examplia (EXA)" in markdown
    assert "### A. The State of Kordania (KOR)" in markdown
    assert "Assembly of States Parties, Fifteenth session, The Hague" in markdown
    assert "Cut-off: 16 November 2016 (business date)" in markdown
    assert "IV. Other decisions" in markdown and "No other decision of the Court" in markdown
    assert "<em>Notes with concern</em> the decisions" in html


def test_paragraphs_are_numbered_through_the_whole_report() -> None:
    numbers = [
        int(line.split(".", 1)[0])
        for line in to_markdown(content()).splitlines()
        if line[:1].isdigit()
    ]
    assert numbers == list(range(1, len(numbers) + 1))


def test_no_personal_data_and_everything_escaped() -> None:
    c = content()
    markdown, html = to_markdown(c), to_html(c)
    assert "Invented Person" not in markdown + html + c.model_dump_json()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<script>" not in markdown
    assert "<b>1</b>" not in html and "SP/&lt;b&gt;1&lt;/b&gt;" in html
    assert "<b>" not in markdown
    assert "@media print" in html


def test_deterministic() -> None:
    assert to_markdown(content()) == to_markdown(content())
    assert to_html(content()) == to_html(content())


def test_no_recommendation_is_said_so() -> None:
    assert "The Bureau makes no recommendation in the present report." in to_markdown(content(""))


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_the_example_reports_in_docs_are_up_to_date(name: str) -> None:
    """Refresh with ``.venv/bin/python -m reporting.examples docs/examples``."""
    assert (EXAMPLES_DIR / name).read_text(encoding="utf-8") == EXAMPLES[name]()


def test_a_decision_about_no_state_in_particular_is_headed_by_its_reference() -> None:
    h = History(RECORDED)
    h.information("i", OSTRAVIA, "ICC-INFO-1", date(2016, 5, 2))
    h.envelopes[0] = h.envelopes[0].model_copy(
        update={"data": {**h.envelopes[0].data, "state_concerned": None}}
    )
    markdown = to_markdown(build_content(h.envelopes, ASP15, CALENDAR, AS_OF, ""))
    assert "### A. Decision ICC-INFO-1" in markdown
    assert "informed the Assembly and the Security Council, by decision ICC-INFO-1, without" in (
        markdown
    )


def test_asterisks_in_records_are_text_only_the_resolutions_verb_is_italic() -> None:
    h = History(RECORDED)
    h.referral("a", ("the *Star* State_X", "STX"), "ICC-*1*", date(2016, 7, 11))
    c = build_content(h.envelopes, ASP15, CALENDAR, AS_OF, "")
    html, markdown = to_html(c), to_markdown(c)
    assert "<em>Notes with concern</em> the decisions" in html
    assert "<em>Star</em>" not in html and "the *Star* State_X (ICC-*1*)" in html
    assert "the \\*Star\\* State\\_X (ICC-\\*1\\*)" in markdown
    assert "*Notes with concern* the decisions" in markdown


def test_the_calendar_frozen_with_a_report_reads_back_the_same() -> None:
    special = CalendarSession(
        "asp-sp", 3, SessionKind.SPECIAL, date(2016, 5, 2), date(2016, 5, 3), "NY", True
    )
    calendar = [*CALENDAR, special]
    assert calendar_from_json(calendar_to_json(calendar)) == calendar


def test_a_session_the_calendar_does_not_hold_is_named_by_its_id() -> None:
    given = calendar_session(Session("ASP-99", date(2026, 12, 1), date(2026, 12, 9)))
    assert (given.number, given.kind) == (0, SessionKind.REGULAR)
    markdown = to_markdown(build_content([], given, [], AS_OF, ""))
    assert "Assembly of States Parties, Session ASP-99, 1 December 2026" in markdown
    assert "submitted to the session ASP-99 of the Assembly" in markdown


def test_links_images_and_raw_html_in_any_text_are_text() -> None:
    """docs/adr/0023: a caller's text never becomes a link (``javascript:``, ``data:``), an image
    beacon or raw HTML in the Markdown, on one line or in the recommendations."""
    hostile = "[x](javascript:alert(1)) ![b](https://evil.example/b.png) <img src=x> [y]: data:z"
    markdown = to_markdown(content(recommendations=f"# Head\n{hostile}"))
    assert "](javascript:" not in markdown.replace("\\](", "")
    assert "![" not in markdown.replace("\\![", "").replace("\\!\\[", "")
    assert "<img" not in markdown and "&lt;img src=x&gt;" in markdown
    assert "\n\\# Head\n" in markdown
    assert "\\[x\\](javascript:alert(1))" in markdown
