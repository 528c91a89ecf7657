"""``make demo``: load an invented but realistic scenario into the running services.

Everything goes through the public HTTP APIs of the four services (started by ``make run``);
nothing touches a database or the log directly. Three cases are loaded:

1. a 7(b) urgent incident reported by the President: good offices on own initiative (the Court
   consulted), the Bureau notified, a focal point asked to assist, travel information recorded
   and shared with the Court, the trigger information verified; then the Court refers the matter
   and the case continues as 7(a) (the good offices continue, the formal response opens: both
   through the policies on the log);
2. a 7(a) Court referral through every step of P14 (a)-(g), after the forwarding and the press
   release (P13), with the Assembly sessions and Bureau meetings put on the calendar first;
3. a Court finding recorded for information only (P13).

Then the Bureau report to the next (or on-going) session is drafted (once reporting has read
every case) and submitted: reporting freezes it on the log position it was drawn at, seals an
audit checkpoint there and records the submission on the log, so P15 shows done on each case.

Every command carries an ``Idempotency-Key`` (a retry after a dropped connection returns the first
result). References and keys are unique per run, so running the demo again adds three new cases.
The calendar, the Bureau meetings and the focal point roster are shared by every case: the demo
reads them first and only adds what is missing.

The business time of every step is "now" (the services refuse a business time in the future and
run their deadlines from it), so the demo compresses months of procedure into a minute; the dates
inside the records (decisions, meetings, sessions, travel) tell the story.

Configuration (environment): ``NONCOOP_JWT_SECRET`` (default: ``.run/jwt-secret``, as written by
``make run``), ``NONCOOP_DEMO_HOST`` (default ``127.0.0.1``).
"""

from __future__ import annotations

import calendar
import os
import secrets
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from noncoop_shared.auth.tokens import mint_token

ROOT = Path(__file__).resolve().parents[2]
HOST = os.environ.get("NONCOOP_DEMO_HOST", "127.0.0.1")
SERVICES = {
    "referrals": f"http://{HOST}:8101",
    "good_offices": f"http://{HOST}:8102",
    "bureau": f"http://{HOST}:8103",
    "reporting": f"http://{HOST}:8104",
}
RETRYABLE = {502, 503, 504}
WAIT_SECONDS = 30.0
READER_TOKEN_TTL = timedelta(hours=12)

Json = dict[str, Any]

# Who acts (docs/procedures.md "Actors"): (role, subject, region, state).
ACTORS: dict[str, tuple[str, str, str | None, str | None]] = {
    "court": ("court", "icc-registry", None, None),
    "president": ("president", "asp-president", "western_european_other", None),
    "secretariat": ("secretariat", "asp-secretariat-1", None, None),
    "focal_point": ("focal_point", "focal-point-african", "african", None),
    "bureau_member": ("bureau_member", "bureau-member-1", None, None),
}
FOCAL_POINT_REGION = "african"


class DemoError(Exception):
    """A step the services refused, or a read that did not catch up in time."""


def say(line: str = "") -> None:
    print(line, flush=True)


def jwt_secret() -> str:
    secret = os.environ.get("NONCOOP_JWT_SECRET", "").strip()
    if secret:
        return secret
    path = ROOT / ".run" / "jwt-secret"
    if path.is_file() and path.read_text().strip():
        return path.read_text().strip()
    raise DemoError(
        "no NONCOOP_JWT_SECRET and no .run/jwt-secret: start the services with `make run` "
        "(it writes the secret), or export the secret the services use"
    )


def add_months(start: date, months: int) -> date:
    """The same day ``months`` calendar months later, clamped to the end of a shorter month."""
    index = start.year * 12 + start.month - 1 + months
    year, month = index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


@dataclass
class Case:
    label: str
    case_id: str
    event_ids: set[str] = field(default_factory=set)


class Demo:
    def __init__(self, client: httpx.Client, secret: str) -> None:
        self.client = client
        self.secret = secret
        self.today = datetime.now(UTC).date()
        # Unique per run: the keys and the references of the cases.
        self.run = datetime.now(UTC).strftime("%Y%m%d%H%M%S") + "-" + secrets.token_hex(2)
        self.serial = int(time.time()) % 100_000
        self.tokens = {name: self.mint(name) for name in ACTORS}
        self.step = 0

    def mint(self, actor: str, ttl: timedelta = timedelta(hours=1)) -> str:
        role, sub, region, state = ACTORS[actor]
        return mint_token(self.secret, role=role, sub=sub, region=region, state=state, ttl=ttl)

    # --- HTTP --------------------------------------------------------------------------------

    def command(
        self,
        what: str,
        actor: str,
        service: str,
        path: str,
        body: Json,
        *,
        case: Case | None = None,
        accept: Iterable[int] = (),
    ) -> httpx.Response:
        """POST one command with its own Idempotency-Key; retried with the same key when the
        connection drops or the service answers 502-504, and for a while on 404 while the service
        has not yet learnt the case from the log."""
        self.step += 1
        key = f"demo-{self.run}-{self.step:03d}"
        url = SERVICES[service] + path
        headers = {"Authorization": f"Bearer {self.tokens[actor]}", "Idempotency-Key": key}
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            try:
                response = self.client.post(url, json=body, headers=headers)
            except httpx.TransportError as error:
                if time.monotonic() > deadline:
                    raise DemoError(f"{what}: POST {url} failed: {error}") from error
                time.sleep(0.5)
                continue
            waiting = response.status_code in RETRYABLE or (
                response.status_code == 404 and case is not None
            )
            if waiting and time.monotonic() < deadline:
                time.sleep(0.3)
                continue
            break
        if response.status_code in accept:
            say(f"  -- {what}: refused as expected ({response.status_code}) {_problem(response)}")
            return response
        if response.status_code >= 300:
            raise DemoError(
                f"{what}: POST {path} as {actor} -> {response.status_code} {_problem(response)}"
            )
        answer: Json = response.json()
        events = answer.get("events", [])
        if case is not None:
            case.event_ids.update(e["id"] for e in events)
        types = ", ".join(e["type"].rsplit(".", 2)[-2] for e in events) or "no event"
        replay = " (replayed)" if response.headers.get("Idempotent-Replayed") else ""
        say(f"  ok {what}  [{types}]{replay}")
        return response

    def get(self, actor: str | None, service: str, path: str) -> httpx.Response:
        headers = {} if actor is None else {"Authorization": f"Bearer {self.tokens[actor]}"}
        return self.client.get(SERVICES[service] + path, headers=headers)

    def wait_for(
        self, what: str, read: Callable[[], Json | None], done: Callable[[Json], bool]
    ) -> Json:
        """Poll a reading endpoint until ``done`` holds (the log and the projections catch up)."""
        deadline = time.monotonic() + WAIT_SECONDS
        last: Json | None = None
        while time.monotonic() < deadline:
            last = read()
            if last is not None and done(last):
                say(f"  .. {what}")
                return last
            time.sleep(0.3)
        raise DemoError(f"timed out after {WAIT_SECONDS:.0f} s waiting until {what}")

    def read_json(self, actor: str | None, service: str, path: str) -> Json | None:
        response = self.get(actor, service, path)
        if response.status_code == 200:
            found: Json = response.json()
            return found
        if response.status_code == 404:
            return None
        raise DemoError(f"GET {path} -> {response.status_code} {_problem(response)}")

    def wait_for_audit_trail(self, case: Case) -> Json:
        path = f"/v1/cases/{case.case_id}/audit-trail"
        return self.wait_for(
            f"the audit trail of {case.label} holds all {len(case.event_ids)} events sent",
            lambda: self.read_json("president", "reporting", path),
            lambda trail: case.event_ids <= {e["event_id"] for e in trail["entries"]},
        )

    # --- Shared resources: calendar, meetings, roster -------------------------------------------

    def ensure_calendar(self) -> None:
        """A session on-going today (for P14e/f) and a next one a year away; only what is missing
        is scheduled. P14d counts the on-going session as the next, so it is refused here."""
        say("The Assembly calendar")
        sessions: list[Json] = self.read_json("secretariat", "bureau", "/v1/sessions") or []  # type: ignore[assignment]
        spans = [
            (date.fromisoformat(s["starts_on"]), date.fromisoformat(s["ends_on"]), s)
            for s in sessions
        ]
        ongoing = [s for start, end, s in spans if start <= self.today <= end]
        numbers = [int(s["number"]) for s in sessions]
        if ongoing:
            say(f"  == session {ongoing[0]['session_id']} is on-going today; reused")
        else:
            before = [end for _, end, _ in spans if end < self.today]
            after = [start for start, _, _ in spans if start > self.today]
            starts = max([self.today - timedelta(days=2), *(d + timedelta(days=1) for d in before)])
            ends = min([self.today + timedelta(days=4), *(d - timedelta(days=1) for d in after)])
            if sessions:
                special = 1 + sum(1 for s in sessions if s["kind"] == "special")
                session_id, number, kind = f"asp-special-{special}-{self.run}", special, "special"
            else:
                session_id, number, kind = "asp-25", 25, "regular"
            self.command(
                f"session {session_id} ({kind}, {starts} to {ends}) scheduled",
                "secretariat",
                "bureau",
                "/v1/sessions",
                {
                    "session_id": session_id,
                    "number": number,
                    "kind": kind,
                    "starts_on": starts.isoformat(),
                    "ends_on": ends.isoformat(),
                    "venue": "World Forum, The Hague",
                },
            )
            numbers.append(number)
        # P14d measures from "the next (or on-going)" session: with one on-going today (and the
        # demo always has one, for P14e/f), the request is refused (409) and the demo shows why.
        say("  !! a session is on-going today: P14d will be refused (it starts before the meeting)")
        later = sorted(start for start, _, _ in spans if start > self.today)
        if later:
            say(f"  == the session after it starts on {later[0]}; reused")
        else:
            number = max([25, *numbers]) + 1
            starts = add_months(self.today, 12)
            self.command(
                f"session asp-{number} (regular, from {starts}) scheduled",
                "secretariat",
                "bureau",
                "/v1/sessions",
                {
                    "session_id": f"asp-{number}",
                    "number": number,
                    "kind": "regular",
                    "starts_on": starts.isoformat(),
                    "ends_on": (starts + timedelta(days=5)).isoformat(),
                    "venue": "United Nations Headquarters, New York",
                },
            )

    def schedule_meetings(self) -> tuple[str, str]:
        """Two Bureau meetings today: an emergency one (P14a) and the regular one the requested
        State is invited to (P14c). New ids every run: a meeting is held once."""
        say("The Bureau's meetings")
        emergency = f"bureau-{self.run}-emergency"
        regular = f"bureau-{self.run}-regular"
        for meeting_id, is_emergency, agenda in (
            (emergency, True, "Non-cooperation of the Republic of Examplia (para 14(a))"),
            (regular, False, "Regular meeting; the Republic of Examplia is invited (14(c))"),
        ):
            self.command(
                f"Bureau meeting {meeting_id} scheduled for {self.today}",
                "secretariat",
                "bureau",
                "/v1/bureau-meetings",
                {
                    "meeting_id": meeting_id,
                    "meets_on": self.today.isoformat(),
                    "emergency": is_emergency,
                    "agenda": agenda,
                },
            )
        return emergency, regular

    def act_as_focal_point(self, focal_point_id: str) -> None:
        """P17-access: a focal point acts as the one on the roster (its token's subject), not by
        its region alone; its token is minted anew for that id."""
        ACTORS["focal_point"] = ("focal_point", focal_point_id, FOCAL_POINT_REGION, None)
        self.tokens["focal_point"] = self.mint("focal_point")

    def ensure_focal_point(self) -> None:
        say("The focal point roster")
        roster = self.read_json("secretariat", "good_offices", f"/v1/focal-points?on={self.today}")
        serving = [
            fp
            for fp in (roster or {}).get("focal_points", [])
            if fp["region"] == FOCAL_POINT_REGION
        ]
        if serving:
            say(f"  == focal point {serving[0]['focal_point_id']} serves the African Group")
            # P17-access: a focal point acts as the one on the roster, not by its region alone.
            self.act_as_focal_point(serving[0]["focal_point_id"])
            return
        self.act_as_focal_point(f"fp-african-{self.run}")
        self.command(
            "focal point of the African Group appointed (P17)",
            "secretariat",
            "good_offices",
            "/v1/focal-points",
            {
                "focal_point_id": f"fp-african-{self.run}",
                "name": "Ambassador Amara Diallo-Mensah",
                "state": "LUM",
                "region": FOCAL_POINT_REGION,
                "term_start": (self.today - timedelta(days=120)).isoformat(),
                "term_ends_on": add_months(self.today, 24).isoformat(),
                "bureau_decision_reference": "ICC-ASP/Bureau/2026/7",
            },
        )

    # --- The cases -----------------------------------------------------------------------------

    def urgent_incident(self) -> Case:
        """Case 1: 7(b), good offices on own initiative, then referred by the Court (7(a))."""
        say("Case 1: an urgent incident (7(b)), later referred by the Court")
        today, n = self.today, self.serial
        warrant = f"ICC-02/31-01/26-{n}"
        response = self.command(
            "urgent incident reported by the President (S7)",
            "president",
            "referrals",
            "/v1/urgent-incidents",
            {
                "requested_state": {
                    "name": "Federal Republic of Veloria",
                    "code": "VLR",
                    "status": "state_party",
                },
                "court_request": {
                    "article": "89",
                    "reference": warrant,
                    "date": (today - timedelta(days=400)).isoformat(),
                },
                "persons_concerned": [
                    {"name": "General Idris K. Mabeko", "warrant_reference": f"{warrant}-W1"}
                ],
                "urgency": "imminent",
                "urgency_reason": (
                    "The person subject to the Court's arrest warrant is reported to travel to "
                    f"Veloria on {today + timedelta(days=3)} for a regional summit."
                ),
            },
        )
        case = Case("case 1 (7(b) continued as 7(a))", response.json()["case_id"])
        case.event_ids.update(e["id"] for e in response.json().get("events", []))
        go = f"/v1/cases/{case.case_id}/good-offices"
        self.command(
            "good offices activated on own initiative, the Court consulted (P18-own-7b)",
            "president",
            "good_offices",
            f"{go}/own-initiative-activation",
            {"court_consulted_on": today.isoformat()},
            case=case,
        )
        self.command(
            "Bureau members notified (P18-notify)",
            "president",
            "good_offices",
            f"{go}/bureau-notification",
            {"means": "e-mail to all Bureau members"},
            case=case,
        )
        self.command(
            "the Court consulted (P20)",
            "president",
            "good_offices",
            f"{go}/court-consultations",
            {"summary": "Call with the Registrar on the reported travel and the warrant."},
            case=case,
        )
        self.command(
            "contact with the requested State (P20)",
            "president",
            "good_offices",
            f"{go}/contacts",
            {
                "counterpart_kind": "requested_state_official",
                "counterpart": "Minister for Foreign Affairs of Veloria",
                "summary": "Reminded the Minister of Veloria's obligations under Part 9.",
            },
            case=case,
        )
        self.command(
            "the focal point of the African Group asked to assist (P20)",
            "president",
            "good_offices",
            f"{go}/assistance-requests",
            {
                "assistant": "focal_point",
                "region": FOCAL_POINT_REGION,
                "summary": "Please engage with the summit's host delegation.",
            },
            case=case,
        )
        self.command(
            "the focal point engaged (P22)",
            "focal_point",
            "good_offices",
            f"{go}/assistance-engagements",
            {"summary": "Met the Permanent Representative of Veloria in New York."},
            case=case,
        )
        travel_id = f"trv-{self.run}"
        self.command(
            "travel information recorded by the focal point (Res. 35)",
            "focal_point",
            "good_offices",
            f"/v1/cases/{case.case_id}/travel-information",
            {
                "travel_id": travel_id,
                "person": "General Idris K. Mabeko",
                "destination_state": "VLR",
                "travel_from": (today + timedelta(days=3)).isoformat(),
                "travel_to": (today + timedelta(days=5)).isoformat(),
                "status": "potential",
                "details": "Summit programme lists the person's delegation.",
                "warrant_reference": "ICC-09/21-01/24-3",
            },
            case=case,
        )
        self.command(
            "travel information shared with the Court (Res. 35)",
            "focal_point",
            "good_offices",
            f"/v1/cases/{case.case_id}/travel-information/{travel_id}/sharing",
            {"channel": "secure line to the Registry"},
            case=case,
        )
        self.command(
            "the trigger information verified (P20)",
            "secretariat",
            "good_offices",
            f"{go}/verification",
            {"outcome": "verified", "summary": "Confirmed by two delegations."},
            case=case,
        )
        self.command(
            "the President reported to the Bureau (P21)",
            "president",
            "good_offices",
            f"{go}/reports-to-bureau",
            {"summary": "Good offices under way; travel information shared with the Court."},
            case=case,
        )
        self.command(
            "the Court referred the matter: continued as 7(a) (S7b-to-7a)",
            "court",
            "referrals",
            f"/v1/cases/{case.case_id}/court-referral",
            {
                "decision": {
                    "reference": f"ICC-02/31-01/26-{n}-Red",
                    "date": today.isoformat(),
                    "chamber": "Pre-Trial Chamber II",
                    "legal_basis": "87(7)",
                    "referred_to_assembly": True,
                    "referred_to_security_council": False,
                },
                "requested_state_code": "VLR",
            },
            case=case,
        )
        # Now a 7(a) case: the decision goes to all States Parties and the public (P13).
        self.command(
            "the Court's decision forwarded to all States Parties (P13-forward)",
            "secretariat",
            "referrals",
            f"/v1/cases/{case.case_id}/forwarding",
            {"communication_reference": f"ICC-ASP/S/NV/2026/{n}-V"},
            case=case,
        )
        self.command(
            "press release of the President (P13-press)",
            "president",
            "referrals",
            f"/v1/cases/{case.case_id}/press-release",
            {
                "reference": f"ICC-ASP-20261/PR{n}-V",
                "title": "President of the Assembly on the Court's referral concerning Veloria",
            },
            case=case,
        )
        self.wait_for(
            "the good offices continue under 7(a) (policy on the log)",
            lambda: self.read_json("president", "good_offices", go),
            lambda view: bool(view.get("continued_under_7a")),
        )
        self.wait_for(
            "the formal response is open (policy on the log)",
            lambda: self.read_json(
                "president", "bureau", f"/v1/cases/{case.case_id}/formal-response"
            ),
            lambda view: bool(view.get("opened")),
        )
        return case

    def court_referral(self, emergency: str, regular: str) -> Case:
        """Case 2: a 7(a) referral through P13 and every step of P14."""
        say("Case 2: a Court referral (7(a)) through every step of P14")
        today, n = self.today, self.serial
        decision = f"ICC-01/27-01/26-{n}"
        response = self.command(
            "the Court's decision registered (P13); referred to the Security Council too",
            "court",
            "referrals",
            "/v1/court-referrals",
            {
                "decision": {
                    "reference": decision,
                    "date": (today - timedelta(days=6)).isoformat(),
                    "chamber": "Pre-Trial Chamber I",
                    "legal_basis": "87(7)",
                    "referred_to_assembly": True,
                    "referred_to_security_council": True,
                },
                "requested_state": {
                    "name": "Republic of Examplia",
                    "code": "EXA",
                    "status": "state_party",
                },
                "court_request": {
                    "article": "89",
                    "reference": f"ICC-01/27-01/26-{n}-AW",
                    "date": (today - timedelta(days=540)).isoformat(),
                },
                "persons_concerned": [
                    {"name": "Colonel Tarek Ousmane Bello", "warrant_reference": f"{decision}-W1"}
                ],
            },
        )
        case = Case("case 2 (7(a), P14 a-g)", response.json()["case_id"])
        case.event_ids.update(e["id"] for e in response.json().get("events", []))
        ref = f"/v1/cases/{case.case_id}"
        fr = f"{ref}/formal-response"
        self.command(
            "decision forwarded to all States Parties (P13-forward)",
            "secretariat",
            "referrals",
            f"{ref}/forwarding",
            {"communication_reference": f"ICC-ASP/S/NV/2026/{n}"},
            case=case,
        )
        self.command(
            "press release of the President (P13-press)",
            "president",
            "referrals",
            f"{ref}/press-release",
            {
                "reference": f"ICC-ASP-20261/PR{n}",
                "title": "President of the Assembly on the non-cooperation of Examplia",
            },
            case=case,
        )
        self.wait_for(
            "the formal response is open (policy on the log)",
            lambda: self.read_json("secretariat", "bureau", fr),
            lambda view: bool(view.get("opened")),
        )
        steps: list[tuple[str, str, str, Json]] = [
            ("emergency meeting convened (P14a)", "secretariat", "/emergency-meeting",
             {"meeting_id": emergency}),
            ("convening announced to all States Parties (P14a)", "secretariat",
             "/emergency-meeting/announcements",
             {"announcement": "convening", "text": "The Bureau meets today at 15:00."}),
            ("emergency meeting held (P14a)", "secretariat", "/emergency-meeting/held",
             {"held_on": today.isoformat(),
              "decisions": ["The President to send an open letter to Examplia."]}),
            ("decisions announced to all States Parties (P14a)", "secretariat",
             "/emergency-meeting/announcements",
             {"announcement": "decisions", "text": "The Bureau decided on an open letter."}),
            ("open letter sent by the President (P14b)", "president", "/open-letter",
             {"letter_reference": f"ICC-ASP/PRES/2026/{n}",
              "reply_due_on": (today + timedelta(days=30)).isoformat()}),
            ("Examplia's reply received (P14b)", "secretariat", "/open-letter/reply",
             {"received_on": today.isoformat(),
              "summary": "Examplia states that the person has left its territory."}),
            ("Examplia invited to the Bureau meeting (P14c)", "secretariat", "/invitation",
             {"meeting_id": regular}),
            ("Examplia's attendance recorded (P14c)", "secretariat", "/attendance",
             {"attended": True}),
            ("NYWG public meeting requested (P14d)", "secretariat", "/nywg-request", {}),
            ("noted in the omnibus resolution (P14e)", "secretariat", "/omnibus-noting", {}),
            ("Bureau report discussed in plenary (P14f)", "secretariat", "/plenary",
             {"held_on": today.isoformat()}),
            ("facilitator appointed (P14f)", "secretariat", "/facilitator",
             {"facilitator": "Ambassador Lucía Ferreira Quintana"}),
            ("letter to the President of the Security Council (P14g)", "president",
             "/security-council-letter", {"letter_reference": f"ICC-ASP/PRES/SC/2026/{n}"}),
        ]  # fmt: skip
        for what, actor, suffix, body in steps:
            nywg = suffix == "/nywg-request"  # refused on the calendar (ensure_calendar)
            self.command(what, actor, "bureau", fr + suffix, body, case=case, accept=(409,) * nywg)
            if suffix == "/emergency-meeting/held":
                self.command(
                    f"Bureau meeting {emergency} recorded as held",
                    "secretariat",
                    "bureau",
                    f"/v1/bureau-meetings/{emergency}/held",
                    {"held_on": today.isoformat(), "decisions": body["decisions"]},
                )
            if suffix == "/invitation":  # P14c: attendance is recorded once the meeting is held
                self.command(
                    f"Bureau meeting {regular} recorded as held",
                    "secretariat",
                    "bureau",
                    f"/v1/bureau-meetings/{regular}/held",
                    {"held_on": today.isoformat(), "decisions": ["Examplia heard."]},
                )
        return case

    def court_finding(self) -> Case:
        """Case 3: a finding not addressed to the Assembly, recorded for information only."""
        say("Case 3: a Court finding recorded for information only")
        today, n = self.today, self.serial
        response = self.command(
            "finding recorded for information only (P13)",
            "court",
            "referrals",
            "/v1/court-findings",
            {
                "decision": {
                    "reference": f"ICC-01/22-02/26-{n}",
                    "date": (today - timedelta(days=2)).isoformat(),
                    "chamber": "Pre-Trial Chamber III",
                    "legal_basis": "87(7)",
                    "referred_to_assembly": False,
                    "referred_to_security_council": False,
                },
                "requested_state": {
                    "name": "Kingdom of Ostravia",
                    "code": "OST",
                    "status": "state_party",
                },
                "court_request": {"article": "93", "reference": f"ICC-01/22-02/26-{n}-RFA"},
            },
        )
        case = Case("case 3 (information only)", response.json()["case_id"])
        case.event_ids.update(e["id"] for e in response.json().get("events", []))
        return case

    # --- The Bureau report (P15) --------------------------------------------------------------

    def bureau_report(self, cases: list[Case]) -> Json:
        """Draft the report to the next (or on-going) session, wait until it holds every case,
        submit it, and wait until P15 of case 2 shows the submission (through the log)."""
        say()
        say("The Bureau report to the session (P15)")
        draft = self.command(
            "report drafted for the next (or on-going) session",
            "secretariat",
            "reporting",
            "/v1/reports",
            {
                "recommendations": (
                    "The Assembly may wish to call upon the States concerned to cooperate "
                    "fully with the Court, and to request the Bureau to keep these matters "
                    "under review and to report to the next session."
                )
            },
        ).json()
        report_id = draft["report_id"]
        # P15: the report holds the facts dated up to the session's opening day. Case 1 is
        # continued as 7(a) today, after the opening of the on-going session: it belongs to the
        # report to the next session; case 3 too when the session opened before its date (a
        # re-run on a later day). Case 2, decided six days before today, is always in it.
        self.wait_for(
            f"the draft of report {report_id} holds case 2",
            lambda: self._text("secretariat", "reporting", f"/v1/reports/{report_id}.md"),
            lambda md: cases[1].case_id in md["text"],
        )
        submitted = self.command(
            "report submitted: frozen, sealed by a checkpoint, recorded on the log",
            "bureau_member",
            "reporting",
            f"/v1/reports/{report_id}/submission",
            {},
        ).json()
        seal = submitted["checkpoint"]
        say(f"  == session {submitted['session_id']}, as of {submitted['as_of']}")
        say(
            f"  == sealed by checkpoint {seal['checkpoint_id']}, Merkle root "
            f"{seal['merkle_root']}, up to {seal['position']}"
        )
        path = f"/v1/cases/{cases[1].case_id}/procedural-state"
        self.wait_for(
            "P15 of case 2 shows the report submitted",
            lambda: self.read_json("president", "reporting", path),
            lambda state: any(r["rule"] == "P15" and r["state"] == "done" for r in state["rules"]),
        )
        return dict(submitted)

    def _text(self, actor: str, service: str, path: str) -> Json | None:
        response = self.get(actor, service, path)
        return {"text": response.text} if response.status_code == 200 else None

    # --- Where to look --------------------------------------------------------------------------

    def summarise(self, case: Case) -> None:
        path = f"/v1/cases/{case.case_id}/procedural-state"
        state = self.read_json("president", "reporting", path) or {}
        rules = "  ".join(
            f"{r['rule']}{'(' + r['ref'] + ')' if r.get('ref') else ''}={r['state']}"
            for r in state.get("rules", [])
        )
        say(f"  {case.label}: scenario={state.get('scenario')} status={state.get('status')}")
        say(f"    {rules}")

    def links(self, cases: list[Case], public: set[str], report: Json) -> None:
        reader = mint_token(
            self.secret,
            role="president",
            sub="demo-reader",
            region="western_european_other",
            ttl=READER_TOKEN_TTL,
        )
        rep, go, bu = SERVICES["reporting"], SERVICES["good_offices"], SERVICES["bureau"]
        say()
        say("Where to look (a President token, valid 12 h; any role works, filtered by clearance):")
        say(f"  TOKEN={reader}")
        say("  (or mint one: TOKEN=$(make -s token ROLE=president SUB=demo-reader))")
        for case in cases:
            cid = case.case_id
            say()
            say(f"{case.label}: {cid}")
            say(f"  procedural state  {rep}/v1/cases/{cid}/procedural-state")
            say(
                f'  audit trail       curl -s -H "Authorization: Bearer {reader}" '
                f"{rep}/v1/cases/{cid}/audit-trail"
            )
            if case.label.startswith("case 1"):
                say(f"  good offices      {go}/v1/cases/{cid}/good-offices")
                say(f"  travel info       {go}/v1/cases/{cid}/travel-information")
            if not case.label.startswith("case 3"):
                say(f"  formal response   {bu}/v1/cases/{cid}/formal-response")
            if cid in public:
                say(f"  public register   {rep}/v1/public/cases/{cid}   (no token)")
            else:
                say("  public register   not listed (never public as 7(b))")
        rid, seal = report["report_id"], report["checkpoint"]
        say()
        say(f"The Bureau report to session {report['session_id']}: {rid}")
        say(f"  status, hashes    {rep}/v1/reports/{rid}")
        say(f"  Markdown          {rep}/v1/reports/{rid}.md")
        say(f"  printable HTML    {rep}/v1/reports/{rid}.html")
        say(f"  checkpoint        {rep}/v1/checkpoints/{seal['checkpoint_id']}")
        say(f"  its public key    {rep}/v1/checkpoints/public-key")
        auth = '-H "Authorization: Bearer $TOKEN"'
        say(f"  its seal          curl -s {auth} {rep}/v1/reports/{rid}.md | tail -1")
        say()
        say(f"The public register: {rep}/v1/public/cases   (no token)")
        say('(every URL but the public register: add -H "Authorization: Bearer $TOKEN")')


def _problem(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:300]
    if isinstance(body, dict):
        rule = f"[{body['rule']}] " if body.get("rule") else ""
        return f"{rule}{body.get('detail') or body.get('title') or body}"
    return str(body)[:300]


def check_ready(client: httpx.Client) -> list[str]:
    """The services not ready (``GET /health/ready`` not 200)."""
    missing = []
    for name, url in SERVICES.items():
        try:
            ok = client.get(f"{url}/health/ready", timeout=3).status_code == 200
        except httpx.HTTPError:
            ok = False
        if not ok:
            missing.append(f"{name} ({url})")
    return missing


def main() -> int:
    with httpx.Client(timeout=15) as client:
        missing = check_ready(client)
        if missing:
            say(f"demo: not ready: {', '.join(missing)}")
            say("demo: start the services first with `make run` (in another terminal)")
            return 1
        try:
            demo = Demo(client, jwt_secret())
            say(f"noncoop demo, run {demo.run}, business day {demo.today}")
            demo.ensure_calendar()
            emergency, regular = demo.schedule_meetings()
            demo.ensure_focal_point()
            cases = [
                demo.urgent_incident(),
                demo.court_referral(emergency, regular),
                demo.court_finding(),
            ]
            say("Waiting for the reporting service to read the log")
            for case in cases:
                demo.wait_for_audit_trail(case)
            public_list = demo.wait_for(
                "the public register lists cases 2 and 3",
                lambda: demo.read_json(None, "reporting", "/v1/public/cases?limit=500"),
                lambda found: (
                    {cases[1].case_id, cases[2].case_id} <= {c["case_id"] for c in found["cases"]}
                ),
            )
            public = {c["case_id"] for c in public_list["cases"]}
            # Beyond the first page, ask for case 1 itself.
            if demo.read_json(None, "reporting", f"/v1/public/cases/{cases[0].case_id}"):
                public.add(cases[0].case_id)
            report = demo.bureau_report(cases)
            say()
            say("Procedural state (as the President sees it)")
            for case in cases:
                demo.summarise(case)
            demo.links(cases, public, report)
        except DemoError as error:
            say(f"demo: failed: {error}")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
