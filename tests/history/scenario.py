"""An invented but realistic history, 2011-2025: the Assembly's calendar (regular sessions, a
resumed part, a special session the Bureau did not mark and one it marked), the Bureau's meetings,
and fifteen cases of every kind, each as the ordered commands the actors would have sent.

Every entry is in the shape of a history import (``noncoop_shared.imports.client``): the service,
the command (path and body, with its business time ``occurred_at``) and the actor. The same
entries are sent live in order, late and shuffled, and through the import (test_history.py).

States, people and references are invented; the dates follow the rhythm of the real procedures
(a decision, its forwarding within a day, a press release, letters with a month to reply, the
Bureau meeting that follows, the session that follows).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

Entry = dict[str, Any]

COURT = {"role": "court", "id": "icc-registry"}
SECRETARIAT = {"role": "secretariat", "id": "asp-secretariat"}
PRESIDENT = {"role": "president", "id": "asp-president"}


def at(day: date, hour: int = 10) -> str:
    """A business time on ``day`` (UTC)."""
    return f"{day.isoformat()}T{hour:02d}:00:00Z"


def entry(service: str, path: str, body: dict[str, Any], actor: dict[str, str], day: date) -> Entry:
    return {
        "service": service,
        "command": {"method": "POST", "path": path, "body": {**body, "occurred_at": at(day)}},
        "actor": actor,
    }


# --- The calendar --------------------------------------------------------------------------


@dataclass(frozen=True)
class Session:
    session_id: str
    number: int
    kind: str
    starts_on: date
    ends_on: date
    venue: str
    marked: bool = False


SESSIONS = (
    Session("ASP-10", 10, "regular", date(2011, 12, 12), date(2011, 12, 21), "New York"),
    Session("ASP-11", 11, "regular", date(2012, 11, 14), date(2012, 11, 22), "The Hague"),
    Session("ASP-12", 12, "regular", date(2013, 11, 20), date(2013, 11, 28), "The Hague"),
    Session("ASP-13", 13, "regular", date(2014, 12, 8), date(2014, 12, 17), "New York"),
    Session("ASP-14", 14, "regular", date(2015, 11, 18), date(2015, 11, 26), "The Hague"),
    Session("ASP-15", 15, "regular", date(2016, 11, 16), date(2016, 11, 24), "The Hague"),
    Session("ASP-16", 16, "regular", date(2017, 12, 4), date(2017, 12, 14), "New York"),
    Session("ASP-16-R", 16, "resumed", date(2018, 6, 26), date(2018, 6, 27), "New York"),
    Session("ASP-17", 17, "regular", date(2018, 12, 5), date(2018, 12, 12), "The Hague"),
    Session("ASP-18", 18, "regular", date(2019, 12, 2), date(2019, 12, 7), "The Hague"),
    Session("ASP-19", 19, "regular", date(2020, 12, 7), date(2020, 12, 16), "The Hague"),
    Session("ASP-S1", 19, "special", date(2021, 7, 14), date(2021, 7, 15), "The Hague"),
    Session("ASP-20", 20, "regular", date(2021, 12, 6), date(2021, 12, 11), "The Hague"),
    Session("ASP-21", 21, "regular", date(2022, 12, 5), date(2022, 12, 10), "The Hague"),
    Session("ASP-22", 22, "regular", date(2023, 12, 4), date(2023, 12, 14), "New York"),
    Session("ASP-S2", 22, "special", date(2024, 9, 16), date(2024, 9, 17), "New York", True),
    Session("ASP-23", 23, "regular", date(2024, 12, 2), date(2024, 12, 7), "New York"),
    Session("ASP-24", 24, "regular", date(2025, 12, 1), date(2025, 12, 6), "The Hague"),
)
"""ASP-S1 was not marked by the Bureau as taking up non-cooperation, so it is never "the next
session"; ASP-S2 was. ASP-16-R is the resumed part of the sixteenth session."""


def calendar_entries() -> list[Entry]:
    """Each session put on the calendar 330 days before it opens (the Bureau plans ahead)."""
    entries = []
    for s in SESSIONS:
        body = {
            "session_id": s.session_id,
            "number": s.number,
            "kind": s.kind,
            "starts_on": s.starts_on.isoformat(),
            "ends_on": s.ends_on.isoformat(),
            "venue": s.venue,
            "takes_up_non_cooperation": s.marked,
        }
        entries.append(
            entry("bureau", "/v1/sessions", body, SECRETARIAT, s.starts_on - timedelta(330))
        )
    return entries


@dataclass(frozen=True)
class Meeting:
    meeting_id: str
    meets_on: date
    emergency: bool = False


MEETINGS = (
    Meeting("B-2011-07", date(2011, 7, 12)),
    Meeting("B-2012-04E", date(2012, 4, 3), emergency=True),
    Meeting("B-2012-05", date(2012, 5, 15)),
    Meeting("B-2013-07", date(2013, 7, 16)),
    Meeting("B-2014-09", date(2014, 9, 23)),
    Meeting("B-2015-11", date(2015, 11, 3)),
    Meeting("B-2016-10", date(2016, 10, 18)),
    Meeting("B-2018-07", date(2018, 7, 17)),
    Meeting("B-2020-04", date(2020, 4, 21)),
    Meeting("B-2020-04E", date(2020, 4, 2), emergency=True),
    Meeting("B-2021-09", date(2021, 9, 14)),
    Meeting("B-2024-08", date(2024, 8, 20)),
    Meeting("B-2025-04", date(2025, 4, 15)),
)


def meeting_entries() -> list[Entry]:
    """Each meeting scheduled three weeks ahead (an emergency meeting six days ahead) and
    recorded as held on its day."""
    entries = []
    for m in MEETINGS:
        body = {
            "meeting_id": m.meeting_id,
            "meets_on": m.meets_on.isoformat(),
            "emergency": m.emergency,
            "agenda": "Non-cooperation",
        }
        entries.append(
            entry(
                "bureau",
                "/v1/bureau-meetings",
                body,
                SECRETARIAT,
                m.meets_on - timedelta(6 if m.emergency else 21),
            )
        )
        held = {"held_on": m.meets_on.isoformat(), "decisions": []}
        entries.append(
            entry(
                "bureau", f"/v1/bureau-meetings/{m.meeting_id}/held", held, SECRETARIAT, m.meets_on
            )
        )
    return entries


# --- The cases -----------------------------------------------------------------------------


@dataclass
class Case:
    """One case's history, built in business-time order."""

    label: str
    state_name: str
    state_code: str
    entries: list[Entry] = field(default_factory=list)
    decided_on: date | None = None

    def add(
        self, service: str, path: str, body: dict[str, Any], actor: dict[str, str], day: date
    ) -> Case:
        self.entries.append(entry(service, path, body, actor, day))
        return self

    def state(self, status: str = "state_party") -> dict[str, str]:
        return {"name": self.state_name, "code": self.state_code, "status": status}

    # referrals
    def referral(
        self,
        day: date,
        reference: str,
        *,
        chamber: str = "Pre-Trial Chamber II",
        security_council: bool = False,
        article: str = "89",
        basis: str = "87(7)",
        status: str = "state_party",
    ) -> Case:
        self.decided_on = day
        body = {
            "decision": _decision(reference, day, chamber, basis, True, security_council),
            "requested_state": self.state(status),
            "court_request": {"article": article, "reference": f"{reference}-REQ"},
        }
        return self.add("referrals", "/v1/court-referrals", body, COURT, day)

    def forward(self, day: date, ref: str) -> Case:
        body = {"communication_reference": ref}
        return self.add("referrals", "/v1/cases/{case_id}/forwarding", body, SECRETARIAT, day)

    def press(self, day: date, ref: str) -> Case:
        body = {"reference": ref, "title": f"The President of the Assembly on {self.state_name}"}
        return self.add("referrals", "/v1/cases/{case_id}/press-release", body, PRESIDENT, day)

    def close(self, day: date, reason: str) -> Case:
        body = {"reason": reason}
        return self.add("referrals", "/v1/cases/{case_id}/closure", body, SECRETARIAT, day)

    def reversal(self, day: date, decision_ref: str, change_ref: str) -> Case:
        body = {
            "kind": "reversed",
            "decision_reference": decision_ref,
            "change_reference": change_ref,
            "change_date": day.isoformat(),
        }
        return self.add("referrals", "/v1/cases/{case_id}/court-decision-changes", body, COURT, day)

    def urgent(self, day: date, reason: str) -> Case:
        body = {
            "requested_state": self.state(),
            "court_request": {"article": "89", "reference": f"ICC-{self.label}-W"},
            "urgency": "imminent",
            "urgency_reason": reason,
        }
        return self.add("referrals", "/v1/urgent-incidents", body, PRESIDENT, day)

    def continued(self, day: date, reference: str) -> Case:
        self.decided_on = day
        body = {"decision": _decision(reference, day, "Pre-Trial Chamber I", "87(7)", True, False)}
        return self.add("referrals", "/v1/cases/{case_id}/court-referral", body, COURT, day)

    def no_finding(self, day: date, reference: str) -> Case:
        body = {"reference": reference, "date": day.isoformat(), "chamber": "Pre-Trial Chamber I"}
        return self.add(
            "referrals", "/v1/cases/{case_id}/court-decision-without-finding", body, COURT, day
        )

    # bureau
    def letter(self, day: date, ref: str, due: date) -> Case:
        body = {"letter_reference": ref, "reply_due_on": due.isoformat()}
        return self.add(
            "bureau", "/v1/cases/{case_id}/formal-response/open-letter", body, PRESIDENT, day
        )

    def reply(self, day: date, ref: str) -> Case:
        body = {"received_on": day.isoformat(), "letter_reference": ref, "summary": "Views sent."}
        return self.add(
            "bureau",
            "/v1/cases/{case_id}/formal-response/open-letter/reply",
            body,
            SECRETARIAT,
            day,
        )

    def emergency(self, day: date, meeting_id: str, held: date) -> Case:
        self.add(
            "bureau",
            "/v1/cases/{case_id}/formal-response/emergency-meeting",
            {"meeting_id": meeting_id},
            SECRETARIAT,
            day,
        )
        self.add(
            "bureau",
            "/v1/cases/{case_id}/formal-response/emergency-meeting/held",
            {
                "held_on": held.isoformat(),
                "meeting_id": meeting_id,
                "decisions": ["The President to report at the next meeting."],
            },
            SECRETARIAT,
            held,
        )
        for kind in ("convening", "decisions"):
            self.add(
                "bureau",
                "/v1/cases/{case_id}/formal-response/emergency-meeting/announcements",
                {"announcement": kind, "meeting_id": meeting_id, "text": "Announced."},
                SECRETARIAT,
                held,
            )
        return self

    def invite(self, day: date, meeting_id: str, held: date, attended: bool = True) -> Case:
        self.add(
            "bureau",
            "/v1/cases/{case_id}/formal-response/invitation",
            {"meeting_id": meeting_id},
            SECRETARIAT,
            day,
        )
        return self.add(
            "bureau",
            "/v1/cases/{case_id}/formal-response/attendance",
            {"attended": attended},
            SECRETARIAT,
            held,
        )

    def nywg(self, day: date) -> Case:
        return self.add(
            "bureau", "/v1/cases/{case_id}/formal-response/nywg-request", {}, SECRETARIAT, day
        )

    def noting(self, day: date) -> Case:
        return self.add(
            "bureau", "/v1/cases/{case_id}/formal-response/omnibus-noting", {}, SECRETARIAT, day
        )

    def plenary(self, day: date) -> Case:
        body = {"held_on": day.isoformat()}
        return self.add(
            "bureau", "/v1/cases/{case_id}/formal-response/plenary", body, SECRETARIAT, day
        )

    def sc_letter(self, day: date, ref: str) -> Case:
        body = {"letter_reference": ref}
        return self.add(
            "bureau",
            "/v1/cases/{case_id}/formal-response/security-council-letter",
            body,
            PRESIDENT,
            day,
        )

    # good offices
    def own_initiative(self, day: date, consulted: date) -> Case:
        body = {"court_consulted_on": consulted.isoformat()}
        return self.add(
            "good_offices",
            "/v1/cases/{case_id}/good-offices/own-initiative-activation",
            body,
            PRESIDENT,
            day,
        )

    def notify_bureau(self, day: date) -> Case:
        return self.add(
            "good_offices",
            "/v1/cases/{case_id}/good-offices/bureau-notification",
            {"means": "letter to the Bureau members"},
            PRESIDENT,
            day,
        )

    def contact(self, day: date) -> Case:
        body = {
            "counterpart_kind": "requested_state_official",
            "counterpart": "Ministry of Foreign Affairs",
            "summary": "Reminded the State of its obligations.",
        }
        return self.add(
            "good_offices", "/v1/cases/{case_id}/good-offices/contacts", body, PRESIDENT, day
        )

    def verify(self, day: date, outcome: str = "verified") -> Case:
        body = {"outcome": outcome, "summary": "Checked with the Court."}
        return self.add(
            "good_offices", "/v1/cases/{case_id}/good-offices/verification", body, PRESIDENT, day
        )

    def report_to_bureau(self, day: date) -> Case:
        return self.add(
            "good_offices",
            "/v1/cases/{case_id}/good-offices/reports-to-bureau",
            {"summary": "Report on the good offices."},
            PRESIDENT,
            day,
        )

    def conclude(self, day: date, outcome: str) -> Case:
        return self.add(
            "good_offices",
            "/v1/cases/{case_id}/good-offices/conclusion",
            {"outcome": outcome, "summary": "Concluded."},
            PRESIDENT,
            day,
        )

    def remain(self, day: date, ref: str) -> Case:
        return self.add(
            "good_offices",
            "/v1/cases/{case_id}/good-offices/bureau-remain-decision",
            {"bureau_decision_reference": ref},
            SECRETARIAT,
            day,
        )


def _decision(
    reference: str, day: date, chamber: str, basis: str, assembly: bool, council: bool
) -> dict[str, Any]:
    return {
        "reference": reference,
        "date": day.isoformat(),
        "chamber": chamber,
        "legal_basis": basis,
        "referred_to_assembly": assembly,
        "referred_to_security_council": council,
    }


def d(text: str) -> date:
    return date.fromisoformat(text)


def cases() -> list[Case]:
    """Fifteen cases, 2011-2025. Every tracked step is eventually done (some late), so no mode
    of entry may record an overdue event."""
    out: list[Case] = []

    # 1. 7(a), referred to the Security Council too; every step of P14 but (a); open into 2013.
    c = Case("C01", "Republic of Arcadia", "ARC")
    c.referral(d("2011-05-16"), "ICC-01/05-01/11-40", security_council=True)
    c.forward(d("2011-05-17"), "ICC-ASP/10/SP/21").press(d("2011-05-17"), "PR-2011-0517")
    c.letter(d("2011-06-01"), "ASP/PRES/2011/07", d("2011-07-01")).reply(
        d("2011-06-27"), "ASP/PRES/2011/07"
    )
    c.invite(d("2011-07-01"), "B-2011-07", d("2011-07-12"))
    c.nywg(d("2011-07-20"))  # ASP-10 opens 12 Dec 2011, more than three months after 12 July
    c.sc_letter(d("2011-08-02"), "ASP/PRES/SC/2011/1")
    c.noting(d("2011-12-20")).plenary(d("2011-12-19"))
    out.append(c)

    # 2. 7(a) with an emergency meeting; forwarded late (three days); letter answered late;
    #    closed when the State cooperated.
    c = Case("C02", "Kingdom of Borealia", "BOR")
    c.referral(d("2012-03-26"), "ICC-02/11-01/12-15")
    c.press(d("2012-03-26"), "PR-2012-0326").forward(d("2012-03-29"), "ICC-ASP/11/SP/12")
    c.emergency(d("2012-03-28"), "B-2012-04E", d("2012-04-03"))
    c.letter(d("2012-04-05"), "ASP/PRES/2012/03", d("2012-05-05")).reply(
        d("2012-05-20"), "ASP/PRES/2012/03"
    )
    c.invite(d("2012-05-08"), "B-2012-05", d("2012-05-15"), attended=False)
    c.close(d("2012-10-01"), "cooperation_obtained")
    out.append(c)

    # 3. 7(a): P14d allowed (ASP-12 more than three months after the (c) meeting); noted at ASP-12.
    c = Case("C03", "Republic of Caldonia", "CAL")
    c.referral(d("2013-06-28"), "ICC-01/09-02/13-8")
    c.forward(d("2013-06-28"), "ICC-ASP/12/SP/30").press(d("2013-06-29"), "PR-2013-0629")
    c.invite(d("2013-07-02"), "B-2013-07", d("2013-07-16"))
    c.nywg(d("2013-07-25")).noting(d("2013-11-27"))
    out.append(c)

    # 4. 7(a): the (c) meeting on 23 September 2014, ASP-13 opens 8 December: P14d cannot be
    #    asked (not applicable); the case stays open for years (in several reports).
    c = Case("C04", "Dravonian Republic", "DRV")
    c.referral(d("2014-09-09"), "ICC-02/05-01/14-77")
    c.forward(d("2014-09-10"), "ICC-ASP/13/SP/44").press(d("2014-09-10"), "PR-2014-0910")
    c.invite(d("2014-09-12"), "B-2014-09", d("2014-09-23"))
    c.noting(d("2014-12-16"))
    out.append(c)

    # 5. 7(b): the President's good offices on own initiative, verified; the Court decides
    #    without a finding; the case is closed citing it.
    c = Case("C05", "Republic of Estoria", "EST")
    c.urgent(
        d("2015-02-02"), "A visit of a person subject to a warrant is announced for 10 February."
    )
    c.own_initiative(d("2015-02-03"), d("2015-02-03")).notify_bureau(d("2015-02-03"))
    c.contact(d("2015-02-05")).verify(d("2015-02-06")).report_to_bureau(d("2015-02-20"))
    c.no_finding(d("2015-04-10"), "ICC-01/15-01/15-3")
    c.conclude(d("2015-04-12"), "no_result")
    c.close(d("2015-04-15"), "court_made_no_finding")
    out.append(c)

    # 6. 7(b) continued as 7(a): the good offices go on, the Bureau decides they remain active.
    c = Case("C06", "Federation of Fenland", "FEN")
    c.urgent(d("2015-08-03"), "The person is expected to attend a summit on 12 August.")
    c.own_initiative(d("2015-08-04"), d("2015-08-04")).notify_bureau(d("2015-08-04"))
    c.contact(d("2015-08-06"))
    c.continued(d("2015-10-15"), "ICC-02/15-01/15-21")
    c.forward(d("2015-10-16"), "ICC-ASP/14/SP/55").press(d("2015-10-16"), "PR-2015-1016")
    c.remain(d("2015-11-03"), "Bureau decision 2015-11-03")
    c.invite(d("2015-10-20"), "B-2015-11", d("2015-11-03"))
    c.noting(d("2015-11-25"))
    out.append(c)

    # 7. 7(a) decided on 26 September 2016, reversed on appeal in March 2017: the remaining
    #    steps stop; P15 is still owed to ASP-15.
    c = Case("C07", "Republic of Galdor", "GAL")
    c.referral(d("2016-09-26"), "ICC-02/16-01/16-9")
    c.forward(d("2016-09-26"), "ICC-ASP/15/SP/61").press(d("2016-09-27"), "PR-2016-0927")
    c.invite(d("2016-10-04"), "B-2016-10", d("2016-10-18"))
    c.noting(d("2016-11-23"))
    c.reversal(d("2017-03-01"), "ICC-02/16-01/16-9", "ICC-02/16-01/16-9-AA")
    out.append(c)

    # 8. 7(a) decided on a day of the resumed part of the sixteenth session: that session is
    #    on-going, so P14e and P15 go to ASP-16 (the noting on the resumed part's last day).
    c = Case("C08", "Hestian Republic", "HES")
    c.referral(d("2018-06-26"), "ICC-01/18-01/18-2")
    c.forward(d("2018-06-26"), "ICC-ASP/16/SP/70").press(d("2018-06-27"), "PR-2018-0627")
    c.noting(d("2018-06-27"))
    c.invite(d("2018-07-02"), "B-2018-07", d("2018-07-17"))
    out.append(c)

    # 9. 7(a) just before ASP-18 opens.
    c = Case("C09", "Republic of Iberland", "IBL")
    c.referral(d("2019-11-25"), "ICC-02/19-01/19-30")
    c.forward(d("2019-11-26"), "ICC-ASP/18/SP/80").press(d("2019-11-26"), "PR-2019-1126")
    c.noting(d("2019-12-06"))
    out.append(c)

    # 10. 7(a) with an emergency meeting and two open letters.
    c = Case("C10", "Jovian Republic", "JOV")
    c.referral(d("2020-03-30"), "ICC-01/20-02/20-12")
    c.forward(d("2020-03-30"), "ICC-ASP/19/SP/15").press(d("2020-03-31"), "PR-2020-0331")
    c.emergency(d("2020-03-31"), "B-2020-04E", d("2020-04-02"))
    c.letter(d("2020-04-06"), "ASP/PRES/2020/01", d("2020-05-06"))
    c.invite(d("2020-04-08"), "B-2020-04", d("2020-04-21"))
    c.reply(d("2020-05-04"), "ASP/PRES/2020/01")
    c.letter(d("2020-06-15"), "ASP/PRES/2020/02", d("2020-07-15")).reply(
        d("2020-07-10"), "ASP/PRES/2020/02"
    )
    c.nywg(d("2020-05-12"))
    c.noting(d("2020-12-15"))
    out.append(c)

    # 11. 7(a) decided during the special session ASP-S1, which the Bureau did not mark: the
    #     due session is ASP-20.
    c = Case("C11", "Kingdom of Lorania", "LOR")
    c.referral(d("2021-07-14"), "ICC-02/21-01/21-5", security_council=True)
    c.forward(d("2021-07-15"), "ICC-ASP/20/SP/33").press(d("2021-07-15"), "PR-2021-0715")
    c.invite(d("2021-09-01"), "B-2021-09", d("2021-09-14"))
    c.sc_letter(d("2021-09-20"), "ASP/PRES/SC/2021/2")
    c.noting(d("2021-12-10"))
    out.append(c)

    # 12. 7(a) in 2022, closed the next year when the person was surrendered.
    c = Case("C12", "Republic of Meridia", "MER")
    c.referral(d("2022-02-14"), "ICC-01/22-01/22-4")
    c.forward(d("2022-02-14"), "ICC-ASP/21/SP/05").press(d("2022-02-15"), "PR-2022-0215")
    c.noting(d("2022-12-09"))
    c.close(d("2023-03-20"), "cooperation_obtained")
    out.append(c)

    # 13. 7(a) in August 2024: the next session is the special session ASP-S2, marked by the
    #     Bureau as taking up non-cooperation.
    c = Case("C13", "Republic of Norvania", "NOR")
    c.referral(d("2024-08-05"), "ICC-01/24-01/24-11")
    c.forward(d("2024-08-05"), "ICC-ASP/23/SP/41").press(d("2024-08-06"), "PR-2024-0806")
    c.invite(d("2024-08-07"), "B-2024-08", d("2024-08-20"))
    c.noting(d("2024-09-17"))
    out.append(c)

    # 14. 7(a) in 2025, closed in September.
    c = Case("C14", "Oristan Republic", "ORI")
    c.referral(d("2025-03-10"), "ICC-02/25-01/25-7")
    c.forward(d("2025-03-10"), "ICC-ASP/24/SP/12").press(d("2025-03-11"), "PR-2025-0311")
    c.invite(d("2025-03-31"), "B-2025-04", d("2025-04-15"))
    c.close(d("2025-09-01"), "cooperation_obtained")
    out.append(c)

    # 15. 7(a) under an ad hoc arrangement (art. 87(5)(b)) for other assistance (art. 93).
    c = Case("C15", "Principality of Pelagia", "PEL")
    c.referral(
        d("2023-05-08"),
        "ICC-01/23-01/23-19",
        article="93",
        basis="87(5)(b)",
        status="non_party_ad_hoc",
    )
    c.forward(d("2023-05-08"), "ICC-ASP/22/SP/20").press(d("2023-05-09"), "PR-2023-0509")
    c.noting(d("2023-12-13"))
    out.append(c)

    for case in out:
        case.entries.sort(key=lambda e: e["command"]["body"]["occurred_at"])
    return out
