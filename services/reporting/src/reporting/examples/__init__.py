"""The example reports of ``docs/examples/``, drawn from invented histories through the real
content and rendering code, so a reader sees what the Assembly would receive.

``python -m reporting.examples docs/examples`` writes them; a unit test checks the files
are what this module gives today. Every history is recorded "late" (at go-live, in an order other
than the business order), as the Secretariat enters the cases since 2010: the reports are judged
in business time, so that changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from noncoop_shared.calendar import CalendarSession, SessionKind
from noncoop_shared.catalogue import bureau as bu
from noncoop_shared.catalogue import referrals as ref
from noncoop_shared.catalogue.common import StateStatus
from reporting.domain.report.content import build_content
from reporting.domain.report.language import Lang
from reporting.domain.report.render import to_markdown
from reporting.examples.history import History, case_id


def session(
    session_id: str, number: int, starts: date, ends: date, venue: str, kind: str = "regular"
) -> CalendarSession:
    return CalendarSession(session_id, number, SessionKind(kind), starts, ends, venue)


# --- An invented calendar --------------------------------------------------------------------

ASP14 = session("asp-14", 14, date(2015, 11, 18), date(2015, 11, 26), "The Hague")
ASP15 = session("asp-15", 15, date(2016, 11, 16), date(2016, 11, 24), "The Hague")
ASP16 = session("asp-16", 16, date(2017, 12, 4), date(2017, 12, 14), "New York")
ASP16R = session("asp-16-r", 16, date(2018, 6, 25), date(2018, 6, 26), "New York", "resumed")
ASP17 = session("asp-17", 17, date(2018, 12, 5), date(2018, 12, 12), "The Hague")
CALENDAR = [ASP14, ASP15, ASP16, ASP16R, ASP17]
RECORDED_AT_GO_LIVE = datetime(2026, 10, 1, 8, 0, tzinfo=UTC)
AS_OF = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)

EXAMPLIA = ("the Republic of Examplia", "EXA")
RURITANIA = ("the Kingdom of Ruritania", "RUR")
VELORIA = ("the Federal Republic of Veloria", "VLR")
KORDANIA = ("the State of Kordania", "KOR")
OSTRAVIA = ("the Kingdom of Ostravia", "OST")
NORVANIA = ("the Republic of Norvania", "NRV")


def past_session_history() -> History:
    """Cases around the fifteenth session (opening 16 November 2016)."""
    h = History(RECORDED_AT_GO_LIVE)
    # decided before the previous session and still open: reported again
    a = case_id(1)
    h.referral(a, RURITANIA, "ICC-01/11-01/11-577", date(2015, 3, 2), "Pre-Trial Chamber I")
    h.forwarded(a, date(2015, 3, 4), "ICC-ASP/14/SP/12")
    h.press_release(a, date(2015, 3, 4), "ICC-ASP-20150304-PR1090")
    h.open_letter(a, date(2016, 2, 1), "ICC-ASP/PRES/2016/3", date(2016, 3, 1))
    # decided in the period, referred to the Security Council too
    b = case_id(2)
    h.referral(b, EXAMPLIA, "ICC-02/05-01/09-266", date(2016, 7, 11), security_council=True)
    h.opened_formal_response(b, date(2016, 7, 12), "EXA", sc=True)
    h.forwarded(b, date(2016, 7, 13), "ICC-ASP/15/SP/40")
    h.forwarded(b, date(2016, 7, 13), "ICC-ASP/15/SP/40")  # entered twice: said once
    h.press_release(b, date(2016, 7, 13), "ICC-ASP-20160713-PR1228")
    h.announced(b, date(2016, 7, 20), bu.Announcement.CONVENING)
    h.announced(b, date(2016, 7, 22), bu.Announcement.DECISIONS)
    h.open_letter(b, date(2016, 7, 25), "ICC-ASP/PRES/2016/27", date(2016, 8, 25))
    h.reply(b, date(2016, 9, 2), late=True)
    h.invited(b, date(2016, 9, 12), date(2016, 9, 26))
    h.security_council_letter(b, date(2016, 9, 30), "ICC-ASP/PRES/SC/2016/2")
    # dated after the cut-off, though recorded long before this report: left out
    h.omnibus(b, date(2016, 11, 24), "asp-15")
    # closed before the previous session opened: not in this report
    c = case_id(3)
    h.referral(c, OSTRAVIA, "ICC-02/11-01/11-404", date(2014, 5, 6))
    h.closed(c, date(2015, 6, 1), ref.ClosureReason.COOPERATION_OBTAINED)
    # decided after the session: never in a report to it
    d = case_id(4)
    h.referral(d, VELORIA, "ICC-02/05-01/12-33", date(2017, 1, 10))
    return h


def every_kind_history() -> History:
    """One matter of each kind in the period before the sixteenth session."""
    h = History(RECORDED_AT_GO_LIVE)
    a = case_id(11)  # 7(a)
    h.referral(a, EXAMPLIA, "ICC-02/05-01/09-302", date(2017, 7, 6), security_council=True)
    h.forwarded(a, date(2017, 7, 7), "ICC-ASP/16/SP/50")
    h.press_release(a, date(2017, 7, 7), "ICC-ASP-20170707-PR1321")
    h.open_letter(a, date(2017, 7, 20), "ICC-ASP/PRES/2017/31", date(2017, 8, 21))
    h.reply(a, date(2017, 8, 18), late=False, letter="ICC-ASP/PRES/2017/31")
    h.invited(a, date(2017, 8, 28), date(2017, 8, 31))
    h.nywg(a, date(2017, 8, 31), date(2017, 8, 31), ASP16)
    h.security_council_letter(a, date(2017, 9, 14), "ICC-ASP/PRES/SC/2017/1", "ICC-02/05-01/09-302")
    b = case_id(12)  # 7(b), then referred: continued as 7(a)
    h.urgent(b, VELORIA, date(2017, 2, 1))
    h.continued(b, "ICC-02/11-01/15-88", date(2017, 6, 5), VELORIA)
    h.opened_formal_response(b, date(2017, 6, 5), "VLR", sc=False)
    h.forwarded(b, date(2017, 6, 6), "ICC-ASP/16/SP/41")
    h.press_release(b, date(2017, 6, 6), "ICC-ASP-20170606-PR1310")
    s8 = case_id(13)  # a non-party State bound by the Security Council (S8)
    h.for_information(
        s8,
        KORDANIA,
        StateStatus.NON_PARTY_SECURITY_COUNCIL,
        "ICC-01/20-01/17-14",
        date(2017, 3, 29),
        security_council=True,
    )
    info = case_id(14)  # a decision informing the Assembly and the Council (S-info)
    h.information(info, OSTRAVIA, "ICC-01/22-02/17-9", date(2017, 10, 2))
    closed = case_id(15)  # 7(b), the Court made no finding, closed: restricted, not reported
    h.urgent(closed, NORVANIA, date(2017, 4, 3))
    h.no_finding_then_closed(closed, "ICC-01/18-01/17-5", date(2017, 8, 10))
    return h


# --- The demo's scenario (deploy/demo/demo.py), on a fixed business day -----------------------

DEMO_TODAY = date(2026, 12, 3)
DEMO_ASP25 = session(
    "asp-25",
    25,
    DEMO_TODAY - timedelta(days=2),
    DEMO_TODAY + timedelta(days=4),
    "World Forum, The Hague",
)
DEMO_ASP26 = session(
    "asp-26", 26, date(2027, 12, 3), date(2027, 12, 8), "United Nations Headquarters, New York"
)


def demo_history() -> History:
    """The demo's three cases, every step on its business day (``DEMO_TODAY``)."""
    today = DEMO_TODAY
    h = History(datetime.combine(today, time(9, 0), tzinfo=UTC))
    one, two, three = case_id(21), case_id(22), case_id(23)
    h.urgent(one, VELORIA, today)
    h.continued(one, "ICC-02/31-01/26-1", today, VELORIA)
    h.opened_formal_response(one, today, "VLR", sc=False)
    h.forwarded(one, today, "ICC-ASP/25/SP/1")
    h.press_release(one, today, "ICC-ASP-PR-1")
    h.referral(
        two,
        EXAMPLIA,
        "ICC-01/27-01/26-1",
        today - timedelta(days=6),
        "Pre-Trial Chamber I",
        security_council=True,
    )
    h.opened_formal_response(two, today, "EXA", sc=True)
    h.forwarded(two, today, "ICC-ASP/25/SP/2")
    h.press_release(two, today, "ICC-ASP-PR-2")
    h.announced(two, today, bu.Announcement.CONVENING)
    h.announced(two, today, bu.Announcement.DECISIONS)
    h.open_letter(two, today, "ICC-ASP/PRES/2026/1", today + timedelta(days=30))
    h.reply(two, today, late=False, letter="ICC-ASP/PRES/2026/1")
    h.invited(two, today, today)
    h.nywg(two, today, today, DEMO_ASP26)
    h.omnibus(two, today, "asp-25")
    h.security_council_letter(two, today, "ICC-ASP/PRES/SC/2026/1", "ICC-01/27-01/26-1")
    h.for_information(
        three,
        OSTRAVIA,
        StateStatus.STATE_PARTY,
        "ICC-01/22-02/26-1",
        today - timedelta(days=2),
        "Pre-Trial Chamber III",
        security_council=False,
    )
    return h


RECOMMENDATIONS = (
    "The Assembly may wish to call upon the States concerned to cooperate fully with the Court, "
    "and to request the Bureau to keep these matters under review and to report to the next "
    "session."
)


def past_session_report() -> str:
    content = build_content(
        past_session_history().shuffled(), ASP15, CALENDAR, AS_OF, RECOMMENDATIONS
    )
    return to_markdown(content)


def every_kind_report(lang: Lang = "en") -> str:
    content = build_content(
        every_kind_history().shuffled(), ASP16, CALENDAR, AS_OF, RECOMMENDATIONS, lang=lang
    )
    return to_markdown(content, lang)


def demo_report(lang: Lang = "en") -> str:
    as_of = datetime.combine(DEMO_TODAY, time(9, 30), tzinfo=UTC)
    content = build_content(
        demo_history().envelopes,
        DEMO_ASP25,
        [DEMO_ASP25, DEMO_ASP26],
        as_of,
        RECOMMENDATIONS,
        lang=lang,
    )
    return to_markdown(content, lang)


EXAMPLES: dict[str, Callable[[], str]] = {
    "report-past-session.md": past_session_report,
    "report-demo.md": demo_report,
    "report-demo.fr.md": lambda: demo_report("fr"),
    "report-every-kind.md": every_kind_report,
    "report-every-kind.fr.md": lambda: every_kind_report("fr"),
}
"""The example reports in ``docs/examples/``; ``.fr.md``: the French translation (the
recommendations are the Bureau's own text, printed as written)."""


def write(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, draw in EXAMPLES.items():
        path = folder / name
        path.write_text(draw(), encoding="utf-8")
        written.append(path)
    return written
