"""What the Bureau report covers and says, judged in business time (P15, P14e, S8, S-info, P12).

Histories are invented with ``reporting.examples.History`` and recorded "late" (at
go-live, all before the report is drawn), so a fact left out is left out for its business date,
never because it was not yet known.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import pytest

from noncoop_shared.access import Classification
from noncoop_shared.calendar import CalendarSession, SessionKind
from noncoop_shared.catalogue import bureau as bu
from noncoop_shared.catalogue import referrals as ref
from noncoop_shared.catalogue import reporting as rp
from noncoop_shared.catalogue.common import StateStatus
from noncoop_shared.envelope import Envelope
from reporting.domain.report.content import ReportContent, build_content
from reporting.domain.report.render import to_markdown
from reporting.domain.report.words import in_words, ordinal
from reporting.examples import (
    ASP14,
    ASP15,
    ASP16,
    ASP17,
    CALENDAR,
    EXAMPLIA,
    KORDANIA,
    OSTRAVIA,
    RURITANIA,
    VELORIA,
)
from reporting.examples.history import History

RECORDED = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
AS_OF = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
A, B, C = "case-a", "case-b", "case-c"


def report(envelopes: list[Envelope], session=ASP15, **kw) -> ReportContent:  # type: ignore[no-untyped-def]
    return build_content(envelopes, session, CALENDAR, kw.pop("as_of", AS_OF), "", **kw)


def texts(content: ReportContent, case_id: str) -> list[str]:
    entry = next(c for c in content.cases if c.case_id == case_id)
    return [s.text for s in entry.sentences]


def covered(content: ReportContent) -> list[str]:
    return [c.case_id for c in content.cases]


# --- The cut-off (P15): the session's opening day, in business time ----------------------------


@pytest.mark.parametrize(
    ("forwarded_on", "in_report"),
    [
        (ASP15.starts_on - timedelta(days=1), True),
        (ASP15.starts_on, True),  # dated the opening day: in
        (ASP15.starts_on + timedelta(days=1), False),  # the day after: out
    ],
)
def test_a_fact_is_in_the_report_up_to_the_opening_day_and_not_after(
    forwarded_on: date, in_report: bool
) -> None:
    h = History(RECORDED)  # recorded in January 2026: long before the report is drawn
    h.referral(A, EXAMPLIA, "ICC-1", date(2016, 7, 11))
    h.forwarded(A, forwarded_on, "SP/1")
    said = texts(report(h.envelopes), A)
    assert any("forwarded the decision" in t for t in said) is in_report
    assert (f"On {in_words(forwarded_on)}, the Secretariat" in "\n".join(said)) is in_report


@pytest.mark.parametrize(
    ("decided", "in_report"),
    [
        (ASP15.starts_on, True),
        (ASP15.starts_on + timedelta(days=1), False),  # decided during the session
        (date(2017, 1, 10), False),  # decided years before the draft, after the session
    ],
)
def test_a_case_decided_after_the_cut_off_is_not_in_a_report_for_the_session(
    decided: date, in_report: bool
) -> None:
    h = History(RECORDED)
    h.referral(A, EXAMPLIA, "ICC-1", decided)
    assert (A in covered(report(h.envelopes))) is in_report


def test_a_report_drawn_before_the_opening_is_cut_off_on_its_own_day() -> None:
    h = History(RECORDED)
    h.referral(A, EXAMPLIA, "ICC-1", date(2016, 7, 11))
    h.forwarded(A, date(2016, 10, 3), "SP/1")
    early = report(h.envelopes, on=date(2016, 10, 2))
    assert early.cutoff == date(2016, 10, 2)
    assert not any("forwarded" in t for t in texts(early, A))
    assert report(h.envelopes, on=date(2016, 10, 3)).cutoff == date(2016, 10, 3)
    # ``on`` later than the opening never moves the cut-off past it
    assert report(h.envelopes, on=date(2017, 1, 1)).cutoff == ASP15.starts_on


def test_as_of_hides_what_was_not_recorded_yet() -> None:
    h = History(RECORDED)
    h.referral(A, EXAMPLIA, "ICC-1", date(2016, 7, 11))
    h.forwarded(A, date(2016, 7, 12), "SP/1")  # recorded one minute after the referral
    before = report(h.envelopes, as_of=RECORDED + timedelta(seconds=30))
    assert not any("forwarded" in t for t in texts(before, A))


# --- Which matters a report covers ------------------------------------------------------------


@pytest.mark.parametrize(
    ("closed_on", "in_asp15"),
    [
        (None, True),  # still open after its due session (ASP14): reported again
        (ASP14.starts_on - timedelta(days=1), False),  # closed before the previous session
        (ASP14.starts_on, True),  # closed on its opening day: not "before" it
        (date(2016, 3, 1), True),  # closed in the period: the report on it is still owed
    ],
)
def test_a_referred_case_is_reported_until_closed_before_the_previous_session(
    closed_on: date | None, in_asp15: bool
) -> None:
    h = History(RECORDED)
    h.referral(A, RURITANIA, "ICC-1", date(2015, 3, 2))
    if closed_on is not None:
        h.closed(A, closed_on, ref.ClosureReason.COOPERATION_OBTAINED)
    assert A in covered(report(h.envelopes, ASP14))
    assert (A in covered(report(h.envelopes, ASP15))) is in_asp15


@pytest.mark.parametrize(
    ("decided", "reported_to"),
    [
        (ASP14.starts_on, "asp-14"),  # the opening day: the report to that session
        (ASP14.starts_on + timedelta(days=1), "asp-15"),  # during it: the next one
        (ASP15.starts_on, "asp-15"),
        (ASP15.starts_on + timedelta(days=1), "asp-16"),
        (date(2018, 6, 25), "asp-17"),  # on a resumed part: the next regular session
    ],
)
def test_a_decision_for_information_is_in_exactly_one_report(
    decided: date, reported_to: str
) -> None:
    h = History(RECORDED)
    h.for_information(
        A, KORDANIA, StateStatus.NON_PARTY_SECURITY_COUNCIL, "ICC-9", decided, security_council=True
    )
    reports = {s.session_id: report(h.envelopes, s) for s in (ASP14, ASP15, ASP16, ASP17)}
    holding = [sid for sid, content in reports.items() if A in covered(content)]
    assert holding == [reported_to]
    assert [c.case_id for c in reports[reported_to].security_council_bound] == [A]


def test_s8_and_s_info_decisions_go_to_their_own_sections_and_cite_their_rule() -> None:
    h = History(RECORDED)
    h.for_information(
        A, KORDANIA, StateStatus.NON_PARTY_SECURITY_COUNCIL, "ICC-9", date(2016, 3, 29),
        security_council=True,
    )  # fmt: skip
    h.for_information(
        B, OSTRAVIA, StateStatus.STATE_PARTY, "ICC-10", date(2016, 4, 2), security_council=False
    )
    content = report(h.envelopes)
    assert [c.case_id for c in content.security_council_bound] == [A]
    assert [c.case_id for c in content.information] == [B]
    assert content.referred == []
    assert content.security_council_bound[0].sentences[0].rule == "S8"
    assert content.information[0].sentences[0].rule == "S-info"
    assert "bound by a decision of the Security Council" in texts(content, A)[0]
    assert any("the State of Kordania" in line for line in content.security_council)


# --- How it reads ---------------------------------------------------------------------------


def _busy_history() -> History:
    h = History(RECORDED)
    h.referral(A, EXAMPLIA, "ICC-1", date(2016, 7, 11), security_council=True)
    h.forwarded(A, date(2016, 7, 13), "SP/1")
    h.press_release(A, date(2016, 7, 13), "PR/1")
    h.open_letter(A, date(2016, 7, 25), "LET/1", date(2016, 8, 25))
    h.reply(A, date(2016, 9, 2), late=True)
    h.invited(A, date(2016, 9, 12), date(2016, 9, 26))
    h.security_council_letter(A, date(2016, 9, 30), "SC/1")
    h.referral(B, RURITANIA, "ICC-2", date(2015, 3, 2))
    h.open_letter(B, date(2016, 2, 1), "LET/2", date(2016, 3, 1))
    return h


def test_sentences_follow_business_time_whatever_the_order_of_recording() -> None:
    h = _busy_history()
    # a reply received on 1 March 2016 but entered (occurred_at) only in May: said on its day
    h.add(
        B,
        bu.OpenLetterReplyReceived(case_id=B, received_on=date(2016, 3, 1), late=False),
        date(2016, 5, 20),
    )
    h.open_letter(B, date(2016, 4, 4), "LET/3", date(2016, 5, 4))
    in_order = to_markdown(report(h.envelopes))
    for seed in range(5):
        shuffled = list(h.envelopes)
        random.Random(seed).shuffle(shuffled)
        assert to_markdown(report(shuffled)) == in_order
    for entry in report(h.envelopes).cases:
        days = [s.on for s in entry.sentences]
        assert days == sorted(days)
    assert [t[:16] for t in texts(report(h.envelopes), B)] == [
        "On 2 March 2015,",
        "On 1 February 20",
        "On 1 March 2016,",
        "On 4 April 2016,",
    ]
    said = texts(report(h.envelopes), A)
    assert said[0].startswith("On 11 July 2016, Pre-Trial Chamber II of the Court referred")
    assert said[-1].startswith("On 30 September 2016, the President of the Assembly wrote")


def test_a_fact_recorded_twice_is_said_once_and_no_line_repeats() -> None:
    h = _busy_history()
    h.forwarded(A, date(2016, 7, 13), "SP/1")
    content = report(h.envelopes)
    said = texts(content, A)
    assert sum("forwarded the decision" in t for t in said) == 1
    numbered = [
        line.split(". ", 1)[1]
        for line in to_markdown(content).splitlines()
        if line[:1].isdigit() and ". " in line
    ]
    assert len(numbered) == len(set(numbered))


def test_every_case_names_its_requested_state_in_its_heading_and_sentences() -> None:
    content = report(_busy_history().envelopes)
    markdown = to_markdown(content)
    for entry, name in ((A, "the Republic of Examplia"), (B, "the Kingdom of Ruritania")):
        case = next(c for c in content.cases if c.case_id == entry)
        assert case.requested_state == name
        assert f". {name[0].upper() + name[1:]} (" in markdown
    assert "sent an open letter (LET/1) to the Republic of Examplia" in markdown
    assert "On 2 September 2016, the Republic of Examplia replied" in markdown


def test_a_7b_matter_continued_as_7a_is_reported_under_7a_with_its_state() -> None:
    h = History(RECORDED)
    h.urgent(A, VELORIA, date(2016, 2, 1))  # restricted: not in the report
    h.continued(A, "ICC-3", date(2016, 6, 5), VELORIA)
    h.opened_formal_response(A, date(2016, 6, 5), "VLR", sc=False)
    content = report(h.envelopes)
    (case,) = content.referred
    assert case.continued_from_7b and case.requested_state_code == "VLR"
    assert case.requested_state == "the Federal Republic of Veloria"
    assert "by the Federal Republic of Veloria" in case.sentences[0].text
    assert "continued under paragraph 7(a)" in case.sentences[0].text
    assert case.sentences[0].rule == "S7b-to-7a"
    assert "Veloria (ICC-3), dated 5 June 2016" in content.omnibus[1]


def test_a_continuation_recorded_before_it_named_the_state_falls_back_to_the_code() -> None:
    h = History(RECORDED)
    h.continued(A, "ICC-3", date(2016, 6, 5), VELORIA)
    h.opened_formal_response(A, date(2016, 6, 5), "VLR", sc=False)
    older = [
        e.model_copy(update={"data": {k: v for k, v in e.data.items() if k != "requested_state"}})
        for e in h.envelopes
    ]
    (case,) = report(older).referred
    assert case.requested_state == "the requested State (VLR)"


def test_a_7b_matter_the_court_made_no_finding_on_stays_out_while_restricted() -> None:
    h = History(RECORDED)
    h.urgent(A, VELORIA, date(2016, 2, 1))
    h.no_finding_then_closed(A, "ICC-5", date(2016, 5, 2))
    assert covered(report(h.envelopes)) == []


@pytest.mark.parametrize(
    ("decided", "reported_to"),
    [(ASP15.starts_on, "asp-15"), (ASP15.starts_on + timedelta(days=1), "asp-16")],
)
def test_a_decision_informing_the_assembly_is_in_exactly_one_report(
    decided: date, reported_to: str
) -> None:
    h = History(RECORDED)
    h.information(A, OSTRAVIA, "ICC-8", decided)
    reports = {s.session_id: report(h.envelopes, s) for s in (ASP14, ASP15, ASP16, ASP17)}
    assert [sid for sid, c in reports.items() if A in covered(c)] == [reported_to]
    (entry,) = reports[reported_to].information
    assert entry.requested_state == "the Kingdom of Ostravia"
    assert entry.sentences[0].rule == "S-info"
    assert "informed the Assembly and the Security Council, by decision ICC-8" in (
        entry.sentences[0].text
    )
    assert "visit" not in entry.sentences[0].text  # the subject is the Court's, not reported


def test_nothing_on_the_merits_no_personal_data_nothing_above_states_parties() -> None:
    h = _busy_history()
    h.closed(B, date(2016, 5, 1), ref.ClosureReason.OTHER)
    h.add(
        B,
        ref.DecisionForwardingOverdue(case_id=B, due_at=datetime(2015, 3, 4, tzinfo=UTC)),
        date(2015, 3, 4),
        "system",
        Classification.BUREAU,
    )
    markdown = to_markdown(report(h.envelopes))
    assert "sets out its position" not in markdown  # the reply's summary is not copied
    assert "Invented Person" not in markdown
    assert "overdue" not in markdown


def test_the_introduction_states_the_mandate_and_the_previous_session() -> None:
    content = report(_busy_history().envelopes)
    intro = "\n".join(content.introduction)
    assert "Article 112, paragraph 2(f), of the Rome Statute" in intro
    assert "annex II of resolution ICC-ASP/17/Res.5" in intro
    assert "At its fourteenth session, in its omnibus resolution" in intro
    assert "at its fifteenth session (annex I, paragraph 3(k))" in intro
    assert "from 18 November 2015 to 16 November 2016" in intro
    first = build_content([], ASP14, [ASP14], AS_OF, "")
    assert first.previous_session_title is None
    assert not any("At its" in p for p in first.introduction)


def test_the_annex_notes_the_decisions_due_at_the_session_p14e() -> None:
    h = _busy_history()  # ICC-1 due at ASP15; ICC-2 was due at ASP14, still open
    h.referral(C, OSTRAVIA, "ICC-4", ASP14.starts_on + timedelta(days=2))  # noted at ASP14
    content = report(h.envelopes)
    assert C in covered(content)
    (takes_note, notes) = content.omnibus
    assert takes_note.startswith("*Takes note* of the report of the Bureau")
    assert notes == (
        "*Notes with concern* the decisions of the Court regarding non-cooperation referred to "
        "the Assembly, namely the decision of Pre-Trial Chamber II concerning the Republic of "
        "Examplia (ICC-1), dated 11 July 2016;"
    )


@pytest.mark.parametrize(
    ("number", "word"),
    [(1, "first"), (18, "eighteenth"), (20, "twentieth"), (21, "twenty-first"),
     (25, "twenty-fifth"), (40, "fortieth"), (0, None), (80, None)],
)  # fmt: skip
def test_sessions_are_named_in_words(number: int, word: str | None) -> None:
    assert ordinal(number) == word


@pytest.mark.parametrize(
    ("day", "words"),
    [(date(2016, 9, 26), "26 September 2016"), (date(2024, 2, 29), "29 February 2024"),
     (date(2017, 12, 31), "31 December 2017"), (date(2018, 1, 1), "1 January 2018")],
)  # fmt: skip
def test_dates_are_written_in_words(day: date, words: str) -> None:
    assert in_words(day) == words


def test_a_marked_special_session_opens_the_period_but_the_mandate_is_the_regular_one() -> None:
    special = CalendarSession(
        "asp-sp-1", 1, SessionKind.SPECIAL, date(2016, 5, 2), date(2016, 5, 3), "New York", True
    )
    unmarked = CalendarSession(
        "asp-sp-2", 2, SessionKind.SPECIAL, date(2016, 7, 4), date(2016, 7, 5), "New York"
    )
    content = build_content([], ASP15, [*CALENDAR, special, unmarked], AS_OF, "")
    assert content.period_start == date(2016, 5, 2)
    assert content.previous_session_title == "fourteenth session"


def test_a_fact_entered_after_the_cut_off_is_said_on_the_day_it_gives() -> None:
    h = History(RECORDED)
    h.referral(A, EXAMPLIA, "ICC-1", date(2016, 7, 11))
    h.open_letter(A, date(2016, 7, 25), "LET/1", date(2016, 8, 25))
    # the reply came on 20 August; the Secretariat entered it (business time) in December
    h.add(
        A,
        bu.OpenLetterReplyReceived(case_id=A, received_on=date(2016, 8, 20), late=False),
        date(2016, 12, 5),
    )
    # a closure dated after the cut-off neither shows nor closes the matter for this report
    h.closed(A, date(2016, 12, 6), ref.ClosureReason.COOPERATION_OBTAINED)
    (case,) = report(h.envelopes).referred
    assert case.sentences[-1].text.startswith("On 20 August 2016, the Republic of Examplia")
    assert case.closed_on is None
    assert not any("closed" in s.text for s in case.sentences)


def test_the_previous_report_on_a_matter_is_said_in_the_next_one() -> None:
    h = History(RECORDED)
    h.referral(A, EXAMPLIA, "ICC-1", date(2016, 7, 11))
    h.add(
        A,
        rp.BureauReportSubmitted(
            case_id=A,
            report_id="r-15",
            session_id="asp-15",
            session_starts_on=ASP15.starts_on,
            sha256_markdown="0" * 64,
            sha256_html="0" * 64,
            checkpoint_id=1,
            merkle_root="0" * 64,
        ),
        date(2016, 11, 1),
        "secretariat",
    )
    later = texts(report(h.envelopes, ASP16), A)
    assert later[-1] == (
        "On 1 November 2016, the Bureau submitted its report covering the matter to the session "
        "asp-15 of the Assembly (P15)."
    )
    assert len(texts(report(h.envelopes, ASP15, on=date(2016, 10, 31)), A)) == 1
