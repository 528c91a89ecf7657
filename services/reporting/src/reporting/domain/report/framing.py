"""The report's framing (pure): how a session is named, the introduction stating the mandate,
the section on the Security Council, and the language proposed for the omnibus resolution.

Written as the Bureau's reports to the Assembly are: article 112(2)(f) of the Statute, annex II of
ICC-ASP/17/Res.5 (P15), annex I 3(k) of the previous session's omnibus resolution, P12 (no
merits), and P14e for the annex.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from noncoop_shared.calendar import CalendarSession, SessionKind, next_or_ongoing_session
from noncoop_shared.rules import Rule
from reporting.domain.report.language import Lang, chamber_name, in_words, ordinal, t

if TYPE_CHECKING:
    from reporting.domain.report.content import ReportContent


def session_title(session: CalendarSession, lang: Lang = "en") -> str:
    """How the Assembly names a session: ``eighteenth session``, ``resumed eighteenth
    session``, ``special session``; ``session <id>`` when its number is not known."""
    word = ordinal(session.number, lang)
    if session.kind is SessionKind.SPECIAL:
        return t(lang, "session.special")
    if word is None:
        return t(lang, "session.unnumbered", session=session.session_id)
    key = "session.resumed" if session.kind is SessionKind.RESUMED else "session.numbered"
    return t(lang, key, number=word)


def introduction(content: ReportContent, lang: Lang = "en") -> list[str]:
    """The mandate (art. 112(2)(f), annex II, annex I 3(k) of the previous omnibus resolution),
    the period and what the report holds (P15, P12)."""
    paragraphs = [t(lang, "intro.statute", p15=Rule.P15, p15_paragraph=Rule.P15.paragraph)]
    if content.previous_session_title is not None:
        paragraphs.append(
            t(
                lang,
                "intro.mandate",
                previous=content.previous_session_title,
                session=content.session_title,
            )
        )
    period = (
        t(
            lang,
            "intro.period.between",
            start=in_words(content.period_start, lang),
            cutoff=in_words(content.cutoff, lang),
        )
        if content.period_start is not None
        else t(lang, "intro.period.upto", cutoff=in_words(content.cutoff, lang))
    )
    venue = f", {content.session_venue}" if content.session_venue else ""
    paragraphs.append(
        t(
            lang,
            "intro.present",
            session=content.session_title,
            starts=in_words(content.session_starts_on, lang),
            ends=in_words(content.session_ends_on, lang),
            venue=venue,
            period=period,
            time=content.as_of.strftime("%H:%M"),
            day=in_words(content.as_of.date(), lang),
            p12=Rule.P12,
        )
    )
    paragraphs.append(
        t(
            lang,
            "intro.counts",
            referred=_count(len(content.referred), "matter", lang),
            bound=_count(len(content.security_council_bound), "decision", lang),
            other=_count(len(content.information), "other", lang),
        )
    )
    return paragraphs


def _count(n: int, noun: str, lang: Lang) -> str:
    return t(lang, f"intro.count.{noun}.{'one' if n == 1 else 'many'}", n=n)


def security_council(content: ReportContent, lang: Lang = "en") -> list[str]:
    """One sentence per matter the Court also referred to the Security Council."""
    lines = []
    for entry in [*content.referred, *content.security_council_bound]:
        if not entry.referred_to_security_council:
            continue
        refs = t(lang, "list.separator").join(
            t(lang, "sc.dated", reference=d.reference, date=in_words(d.date, lang))
            for d in entry.decisions
        )
        lines.append(t(lang, "sc.referred", state=entry.requested_state, refs=refs))
    return lines


def omnibus_language(
    content: ReportContent,
    session: CalendarSession,
    calendar: Sequence[CalendarSession],
    lang: Lang = "en",
) -> list[str]:
    """P14e: the referrals of the Court due to be noted at this session (the next or on-going
    session after each decision's date), as the omnibus resolution would note them."""
    known = [*calendar, session] if session not in calendar else list(calendar)
    noted = []
    for entry in content.referred:
        for decision in entry.decisions:
            due = next_or_ongoing_session(known, decision.date)
            if decision.referred_to_assembly and due and due.session_id == session.session_id:
                noted.append(
                    t(
                        lang,
                        "omnibus.decision",
                        chamber=t(
                            lang, "omnibus.chamber", chamber=chamber_name(decision.chamber, lang)
                        )
                        if decision.chamber
                        else t(lang, "chamber.court"),
                        state=entry.requested_state,
                        reference=decision.reference,
                        date=in_words(decision.date, lang),
                    )
                )
    paragraphs = [t(lang, "omnibus.takes_note")]
    if noted:
        paragraphs.append(t(lang, "omnibus.notes", decisions=_enumerate(noted, lang)))
    return paragraphs


def _enumerate(items: list[str], lang: Lang) -> str:
    if len(items) == 1:
        return items[0]
    return t(lang, "list.separator").join(items[:-1]) + t(lang, "list.last") + items[-1]
