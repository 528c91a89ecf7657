"""``make demo``: load an invented but realistic scenario into the running services.

Everything goes through the public HTTP APIs of the four services (started by ``make run``), and
every call goes through the Python client generated from their OpenAPI documents
(``clients/python``, ``noncoop_client``): the demo is also an example of how another system
drives noncoop. Nothing touches a database or the log directly. Three cases are loaded:

1. a 7(b) urgent incident reported by the President: good offices on own initiative (the Court
   consulted), the Bureau notified, a focal point asked to assist, travel information recorded
   and shared with the Court, the trigger information verified; then the Court refers the matter
   and the case continues as 7(a) (the good offices continue, the formal response opens: both
   through the policies on the log);
2. a 7(a) Court referral through every step of P14 (a)-(g), after the forwarding and the press
   release (P13), with the Assembly sessions and Bureau meetings put on the calendar first;
3. a Court finding recorded for information only (P13).

Then the audit log is sealed (a signed C2SP checkpoint over every record read so far), the
Bureau report to the next (or on-going) session is drafted (once reporting has read every case)
and submitted: reporting freezes it on the log position it was drawn at and records the
submission on the log, so P15 shows done on each case. A second seal then covers the
submission too, so a case's audit bundle (``noncoop audit bundle``) carries a consistency proof
between the two checkpoints.

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

import asyncio
import calendar
import importlib
import inspect
import json
import os
import pkgutil
import secrets
import sys
import time
import typing
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx

from noncoop_client import bureau, good_offices, referrals, reporting
from noncoop_client.bureau.api import calendar as sessions_api
from noncoop_client.bureau.api import formal_response, meetings
from noncoop_client.bureau.api.health import check_readiness as bureau_ready
from noncoop_client.good_offices.api import activation, engagement, travel
from noncoop_client.good_offices.api import reads as good_offices_reads
from noncoop_client.good_offices.api import roster as roster_api
from noncoop_client.good_offices.api.health import check_readiness as good_offices_ready
from noncoop_client.referrals.api import cases
from noncoop_client.referrals.api.health import check_readiness as referrals_ready
from noncoop_client.reporting.api import audit, procedural_state, public_register
from noncoop_client.reporting.api import bureau_reports as reports
from noncoop_client.reporting.api.health import check_readiness as reporting_ready
from noncoop_shared.auth.tokens import mint_token


def _with_operations(*packages: ModuleType) -> None:
    """A generated ``api.<tag>`` package's ``__init__`` imports none of its operations (one
    module each): import them, so ``cases.register_court_referral`` reads as in the client's
    own documentation."""
    for package in packages:
        for found in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package.__name__}.{found.name}")


_with_operations(
    sessions_api, meetings, formal_response, activation, engagement, travel, roster_api,
    good_offices_reads, cases, audit, procedural_state, public_register, reports,
)  # fmt: skip

ROOT = Path(__file__).resolve().parents[2]
HOST = os.environ.get("NONCOOP_DEMO_HOST", "127.0.0.1")
SERVICES = {
    "referrals": f"http://{HOST}:8101",
    "good_offices": f"http://{HOST}:8102",
    "bureau": f"http://{HOST}:8103",
    "reporting": f"http://{HOST}:8104",
}
#: Each service's generated client class (each subpackage has its own).
CLIENTS: dict[str, type[Any]] = {
    "referrals": referrals.AuthenticatedClient,
    "good_offices": good_offices.AuthenticatedClient,
    "bureau": bureau.AuthenticatedClient,
    "reporting": reporting.AuthenticatedClient,
}
#: Without a token: the public register (and the health checks) need none.
ANONYMOUS_CLIENTS: dict[str, type[Any]] = {
    "referrals": referrals.Client,
    "good_offices": good_offices.Client,
    "bureau": bureau.Client,
    "reporting": reporting.Client,
}
#: Each service's readiness check.
READINESS: dict[str, ModuleType] = {
    "referrals": referrals_ready,
    "good_offices": good_offices_ready,
    "bureau": bureau_ready,
    "reporting": reporting_ready,
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


@dataclass(frozen=True)
class Call:
    """A generated operation (a module of ``noncoop_client.<service>.api``) with its path
    arguments: ``Call(cases.record_forwarding, case_id)``."""

    operation: ModuleType
    args: tuple[Any, ...] = ()

    def __init__(self, operation: ModuleType, *args: Any) -> None:
        object.__setattr__(self, "operation", operation)
        object.__setattr__(self, "args", args)

    @property
    def service(self) -> str:
        """``noncoop_client.<service>.api...``: the service the operation belongs to."""
        return self.operation.__name__.split(".")[1]


@dataclass(frozen=True)
class DemoRun:
    """What the demo loaded: its three cases and the submitted report."""

    cases: list[Case]
    report: Json
    public: set[str]


def _body_model(operation: ModuleType) -> Any | None:
    """The operation's request body model (``X`` in ``body: X | None | Unset``), or None when
    it takes no body: the demo writes its bodies as plain JSON and lets the generated model
    read them (``from_dict``), so an unknown field or a wrong type fails here, in the client."""
    hints = typing.get_type_hints(operation.asyncio_detailed)
    if "body" not in hints:
        return None
    options = typing.get_args(hints["body"]) or (hints["body"],)
    return next(option for option in options if hasattr(option, "from_dict"))


class Demo:
    def __init__(
        self,
        secret: str,
        urls: Mapping[str, str] = SERVICES,
        transports: Mapping[str, httpx.AsyncBaseTransport] | None = None,
    ) -> None:
        """``transports``: per service, how to reach it (the tests pass in-process ASGI
        transports); by default each client connects to ``urls``."""
        self.secret = secret
        self.urls = dict(urls)
        self.transports = dict(transports or {})
        self.today = datetime.now(UTC).date()
        # Unique per run: the keys and the references of the cases.
        self.run = datetime.now(UTC).strftime("%Y%m%d%H%M%S") + "-" + secrets.token_hex(2)
        self.serial = int(time.time()) % 100_000
        self.actors = dict(ACTORS)
        self.tokens = {name: self.mint(name) for name in self.actors}
        self.clients: dict[tuple[str, str | None], Any] = {}
        self.step = 0

    def mint(self, actor: str, ttl: timedelta = timedelta(hours=1)) -> str:
        role, sub, region, state = self.actors[actor]
        return mint_token(self.secret, role=role, sub=sub, region=region, state=state, ttl=ttl)

    # --- HTTP, through the generated clients ----------------------------------------------------

    def client(self, service: str, actor: str | None) -> Any:
        """The generated client of ``service`` acting as ``actor`` (None: anonymous, for the
        public register), one per pair, kept for the run."""
        key = (service, actor)
        if key not in self.clients:
            httpx_args: dict[str, Any] = {}
            if service in self.transports:
                httpx_args["transport"] = self.transports[service]
            options: dict[str, Any] = {
                "base_url": self.urls[service],
                "timeout": httpx.Timeout(15.0),
                "httpx_args": httpx_args,
            }
            if actor is None:
                self.clients[key] = ANONYMOUS_CLIENTS[service](**options)
            else:
                self.clients[key] = CLIENTS[service](token=self.tokens[actor], **options)
        return self.clients[key]

    async def close(self) -> None:
        for client in self.clients.values():
            await client.get_async_httpx_client().aclose()
        self.clients.clear()

    async def command(
        self,
        what: str,
        actor: str,
        call: Call | ModuleType,
        body: Json | None = None,
        *,
        case: Case | None = None,
        accept: Iterable[int] = (),
    ) -> Json:
        """Send one command with its own Idempotency-Key; retried with the same key when the
        connection drops or the service answers 502-504, and for a while on 404 while the service
        has not yet learnt the case from the log. The answer's JSON (an empty dict when refused
        as ``accept`` allows)."""
        call = call if isinstance(call, Call) else Call(call)
        self.step += 1
        kwargs: dict[str, Any] = {"client": self.client(call.service, actor)}
        model = _body_model(call.operation)
        if model is not None:
            kwargs["body"] = model.from_dict(body or {})
        if "idempotency_key" in inspect.signature(call.operation.asyncio_detailed).parameters:
            kwargs["idempotency_key"] = f"demo-{self.run}-{self.step:03d}"
        name = call.operation.__name__.rsplit(".", 1)[-1]
        deadline = time.monotonic() + WAIT_SECONDS
        while True:
            try:
                response = await call.operation.asyncio_detailed(*call.args, **kwargs)
            except httpx.TransportError as error:
                if time.monotonic() > deadline:
                    raise DemoError(f"{what}: {name} failed: {error}") from error
                await asyncio.sleep(0.5)
                continue
            status = int(response.status_code)
            waiting = status in RETRYABLE or (status == 404 and case is not None)
            if waiting and time.monotonic() < deadline:
                await asyncio.sleep(0.3)
                continue
            break
        if status in accept:
            say(f"  -- {what}: refused as expected ({status}) {_problem(response.content)}")
            return {}
        if status >= 300:
            raise DemoError(f"{what}: {name} as {actor} -> {status} {_problem(response.content)}")
        answer: Json = json.loads(response.content)
        events = answer.get("events", [])
        if case is not None:
            case.event_ids.update(e["id"] for e in events)
        types = ", ".join(e["type"].rsplit(".", 2)[-2] for e in events) or "no event"
        replay = " (replayed)" if response.headers.get("Idempotent-Replayed") else ""
        say(f"  ok {what}  [{types}]{replay}")
        return answer

    async def read(self, actor: str | None, call: Call | ModuleType, **query: Any) -> Any:
        """A read through the generated client: its JSON (or text) when 200, None when 404."""
        call = call if isinstance(call, Call) else Call(call)
        client = self.client(call.service, actor)
        response = await call.operation.asyncio_detailed(*call.args, client=client, **query)
        if response.status_code == 200:
            kind = response.headers.get("content-type", "")
            return json.loads(response.content) if "json" in kind else response.content.decode()
        if response.status_code == 404:
            return None
        name = call.operation.__name__.rsplit(".", 1)[-1]
        raise DemoError(f"{name} -> {int(response.status_code)} {_problem(response.content)}")

    async def wait_for(
        self, what: str, read: Callable[[], Awaitable[Any]], done: Callable[[Any], bool]
    ) -> Any:
        """Poll a reading endpoint until ``done`` holds (the log and the projections catch up)."""
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            last = await read()
            if last is not None and done(last):
                say(f"  .. {what}")
                return last
            await asyncio.sleep(0.3)
        raise DemoError(f"timed out after {WAIT_SECONDS:.0f} s waiting until {what}")

    async def wait_for_audit_trail(self, case: Case) -> Json:
        trail: Json = await self.wait_for(
            f"the audit trail of {case.label} holds all {len(case.event_ids)} events sent",
            lambda: self.read("president", Call(audit.read_audit_trail, case.case_id)),
            lambda trail: case.event_ids <= {e["event_id"] for e in trail["entries"]},
        )
        return trail

    async def seal_audit_log(self, why: str) -> Json:
        """Seal the audit log now: a signed C2SP checkpoint over every record read so far."""
        sealed = await self.command(why, "secretariat", audit.seal_now)
        say(f"  == audit log checkpoint at tree size {sealed['tree_size']}")
        return sealed

    # --- Shared resources: calendar, meetings, roster -------------------------------------------

    async def ensure_calendar(self) -> None:
        """A session on-going today (for P14e/f) and a next one a year away; only what is missing
        is scheduled. P14d counts the on-going session as the next, so it is refused here."""
        say("The Assembly calendar")
        sessions: list[Json] = await self.read("secretariat", sessions_api.list_sessions) or []
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
            await self.command(
                f"session {session_id} ({kind}, {starts} to {ends}) scheduled",
                "secretariat",
                sessions_api.schedule_session,
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
            await self.command(
                f"session asp-{number} (regular, from {starts}) scheduled",
                "secretariat",
                sessions_api.schedule_session,
                {
                    "session_id": f"asp-{number}",
                    "number": number,
                    "kind": "regular",
                    "starts_on": starts.isoformat(),
                    "ends_on": (starts + timedelta(days=5)).isoformat(),
                    "venue": "United Nations Headquarters, New York",
                },
            )

    async def schedule_meetings(self) -> tuple[str, str]:
        """Two Bureau meetings today: an emergency one (P14a) and the regular one the requested
        State is invited to (P14c). New ids every run: a meeting is held once."""
        say("The Bureau's meetings")
        emergency = f"bureau-{self.run}-emergency"
        regular = f"bureau-{self.run}-regular"
        for meeting_id, is_emergency, agenda in (
            (emergency, True, "Non-cooperation of the Republic of Examplia (para 14(a))"),
            (regular, False, "Regular meeting; the Republic of Examplia is invited (14(c))"),
        ):
            await self.command(
                f"Bureau meeting {meeting_id} scheduled for {self.today}",
                "secretariat",
                meetings.schedule_bureau_meeting,
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
        self.actors["focal_point"] = ("focal_point", focal_point_id, FOCAL_POINT_REGION, None)
        self.tokens["focal_point"] = self.mint("focal_point")
        for key in [key for key in self.clients if key[1] == "focal_point"]:
            del self.clients[key]  # a new token: the next call makes a client that carries it

    async def ensure_focal_point(self) -> None:
        say("The focal point roster")
        roster = await self.read("secretariat", roster_api.read_focal_point_roster, on=self.today)
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
        await self.command(
            "focal point of the African Group appointed (P17)",
            "secretariat",
            roster_api.appoint_focal_point,
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

    async def urgent_incident(self) -> Case:
        """Case 1: 7(b), good offices on own initiative, then referred by the Court (7(a))."""
        say("Case 1: an urgent incident (7(b)), later referred by the Court")
        today, n = self.today, self.serial
        warrant = f"ICC-02/31-01/26-{n}"
        response = await self.command(
            "urgent incident reported by the President (S7)",
            "president",
            cases.report_urgent_incident,
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
        case = Case("case 1 (7(b) continued as 7(a))", response["case_id"])
        case.event_ids.update(e["id"] for e in response.get("events", []))
        await self.command(
            "good offices activated on own initiative, the Court consulted (P18-own-7b)",
            "president",
            Call(activation.activate_on_own_initiative, case.case_id),
            {"court_consulted_on": today.isoformat()},
            case=case,
        )
        await self.command(
            "Bureau members notified (P18-notify)",
            "president",
            Call(activation.record_bureau_notification, case.case_id),
            {"means": "e-mail to all Bureau members"},
            case=case,
        )
        await self.command(
            "the Court consulted (P20)",
            "president",
            Call(engagement.record_court_consultation, case.case_id),
            {"summary": "Call with the Registrar on the reported travel and the warrant."},
            case=case,
        )
        await self.command(
            "contact with the requested State (P20)",
            "president",
            Call(engagement.record_contact, case.case_id),
            {
                "counterpart_kind": "requested_state_official",
                "counterpart": "Minister for Foreign Affairs of Veloria",
                "summary": "Reminded the Minister of Veloria's obligations under Part 9.",
            },
            case=case,
        )
        await self.command(
            "the focal point of the African Group asked to assist (P20)",
            "president",
            Call(engagement.request_assistance, case.case_id),
            {
                "assistant": "focal_point",
                "region": FOCAL_POINT_REGION,
                "summary": "Please engage with the summit's host delegation.",
            },
            case=case,
        )
        await self.command(
            "the focal point engaged (P22)",
            "focal_point",
            Call(engagement.record_assistance_engagement, case.case_id),
            {"summary": "Met the Permanent Representative of Veloria in New York."},
            case=case,
        )
        travel_id = f"trv-{self.run}"
        await self.command(
            "travel information recorded by the focal point (Res. 35)",
            "focal_point",
            Call(travel.record_travel_information, case.case_id),
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
        await self.command(
            "travel information shared with the Court (Res. 35)",
            "focal_point",
            Call(travel.share_travel_information, case.case_id, travel_id),
            {"channel": "secure line to the Registry"},
            case=case,
        )
        await self.command(
            "the trigger information verified (P20)",
            "secretariat",
            Call(engagement.record_verification, case.case_id),
            {"outcome": "verified", "summary": "Confirmed by two delegations."},
            case=case,
        )
        await self.command(
            "the President reported to the Bureau (P21)",
            "president",
            Call(engagement.submit_report_to_bureau, case.case_id),
            {"summary": "Good offices under way; travel information shared with the Court."},
            case=case,
        )
        await self.command(
            "the Court referred the matter: continued as 7(a) (S7b-to-7a)",
            "court",
            Call(cases.continue_under_court_referral, case.case_id),
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
        await self.command(
            "the Court's decision forwarded to all States Parties (P13-forward)",
            "secretariat",
            Call(cases.record_forwarding, case.case_id),
            {"communication_reference": f"ICC-ASP/S/NV/2026/{n}-V"},
            case=case,
        )
        await self.command(
            "press release of the President (P13-press)",
            "president",
            Call(cases.record_press_release, case.case_id),
            {
                "reference": f"ICC-ASP-20261/PR{n}-V",
                "title": "President of the Assembly on the Court's referral concerning Veloria",
            },
            case=case,
        )
        good_offices_of_case = Call(good_offices_reads.read_good_offices, case.case_id)
        formal_response_of_case = Call(formal_response.read_formal_response, case.case_id)
        await self.wait_for(
            "the good offices continue under 7(a) (policy on the log)",
            lambda: self.read("president", good_offices_of_case),
            lambda view: bool(view.get("continued_under_7a")),
        )
        await self.wait_for(
            "the formal response is open (policy on the log)",
            lambda: self.read("president", formal_response_of_case),
            lambda view: bool(view.get("opened")),
        )
        return case

    async def court_referral(self, emergency: str, regular: str) -> Case:
        """Case 2: a 7(a) referral through P13 and every step of P14."""
        say("Case 2: a Court referral (7(a)) through every step of P14")
        today, n = self.today, self.serial
        decision = f"ICC-01/27-01/26-{n}"
        response = await self.command(
            "the Court's decision registered (P13); referred to the Security Council too",
            "court",
            cases.register_court_referral,
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
        case = Case("case 2 (7(a), P14 a-g)", response["case_id"])
        case.event_ids.update(e["id"] for e in response.get("events", []))
        await self.command(
            "decision forwarded to all States Parties (P13-forward)",
            "secretariat",
            Call(cases.record_forwarding, case.case_id),
            {"communication_reference": f"ICC-ASP/S/NV/2026/{n}"},
            case=case,
        )
        await self.command(
            "press release of the President (P13-press)",
            "president",
            Call(cases.record_press_release, case.case_id),
            {
                "reference": f"ICC-ASP-20261/PR{n}",
                "title": "President of the Assembly on the non-cooperation of Examplia",
            },
            case=case,
        )
        formal_response_of_case = Call(formal_response.read_formal_response, case.case_id)
        await self.wait_for(
            "the formal response is open (policy on the log)",
            lambda: self.read("secretariat", formal_response_of_case),
            lambda view: bool(view.get("opened")),
        )
        fr = formal_response
        steps: list[tuple[str, str, ModuleType, Json]] = [
            ("emergency meeting convened (P14a)", "secretariat", fr.convene_emergency_meeting,
             {"meeting_id": emergency}),
            ("convening announced to all States Parties (P14a)", "secretariat",
             fr.announce_emergency_meeting,
             {"announcement": "convening", "text": "The Bureau meets today at 15:00."}),
            ("emergency meeting held (P14a)", "secretariat", fr.record_emergency_meeting_held,
             {"held_on": today.isoformat(),
              "decisions": ["The President to send an open letter to Examplia."]}),
            ("decisions announced to all States Parties (P14a)", "secretariat",
             fr.announce_emergency_meeting,
             {"announcement": "decisions", "text": "The Bureau decided on an open letter."}),
            ("open letter sent by the President (P14b)", "president", fr.send_open_letter,
             {"letter_reference": f"ICC-ASP/PRES/2026/{n}",
              "reply_due_on": (today + timedelta(days=30)).isoformat()}),
            ("Examplia's reply received (P14b)", "secretariat", fr.record_open_letter_reply,
             {"received_on": today.isoformat(),
              "summary": "Examplia states that the person has left its territory."}),
            ("Examplia invited to the Bureau meeting (P14c)", "secretariat",
             fr.invite_requested_state, {"meeting_id": regular}),
            ("Examplia's attendance recorded (P14c)", "secretariat", fr.record_attendance,
             {"attended": True}),
            ("NYWG public meeting requested (P14d)", "secretariat",
             fr.request_nywg_public_meeting, {}),
            ("noted in the omnibus resolution (P14e)", "secretariat", fr.record_omnibus_noting, {}),
            ("Bureau report discussed in plenary (P14f)", "secretariat",
             fr.record_plenary_discussion, {"held_on": today.isoformat()}),
            ("facilitator appointed (P14f)", "secretariat", fr.appoint_facilitator,
             {"facilitator": "Ambassador Lucía Ferreira Quintana"}),
            ("letter to the President of the Security Council (P14g)", "president",
             fr.send_security_council_letter, {"letter_reference": f"ICC-ASP/PRES/SC/2026/{n}"}),
        ]  # fmt: skip
        for what, actor, operation, body in steps:
            # P14d is refused on the calendar (ensure_calendar).
            nywg = operation is fr.request_nywg_public_meeting
            step = Call(operation, case.case_id)
            await self.command(what, actor, step, body, case=case, accept=(409,) * nywg)
            if operation is fr.record_emergency_meeting_held:
                await self.command(
                    f"Bureau meeting {emergency} recorded as held",
                    "secretariat",
                    Call(meetings.record_bureau_meeting_held, emergency),
                    {"held_on": today.isoformat(), "decisions": body["decisions"]},
                )
            # P14c: attendance is recorded once the meeting is held.
            if operation is fr.invite_requested_state:
                await self.command(
                    f"Bureau meeting {regular} recorded as held",
                    "secretariat",
                    Call(meetings.record_bureau_meeting_held, regular),
                    {"held_on": today.isoformat(), "decisions": ["Examplia heard."]},
                )
        return case

    async def court_finding(self) -> Case:
        """Case 3: a finding not addressed to the Assembly, recorded for information only."""
        say("Case 3: a Court finding recorded for information only")
        today, n = self.today, self.serial
        response = await self.command(
            "finding recorded for information only (P13)",
            "court",
            cases.record_court_finding,
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
        case = Case("case 3 (information only)", response["case_id"])
        case.event_ids.update(e["id"] for e in response.get("events", []))
        return case

    # --- The Bureau report (P15) --------------------------------------------------------------

    async def bureau_report(self, cases: list[Case]) -> Json:
        """Draft the report to the next (or on-going) session, wait until it holds every case,
        submit it, and wait until P15 of case 2 shows the submission (through the log)."""
        say()
        say("The Bureau report to the session (P15)")
        draft = await self.command(
            "report drafted for the next (or on-going) session",
            "secretariat",
            reports.draft_report,
            {
                "recommendations": (
                    "The Assembly may wish to call upon the States concerned to cooperate "
                    "fully with the Court, and to request the Bureau to keep these matters "
                    "under review and to report to the next session."
                )
            },
        )
        report_id = draft["report_id"]
        # P15: the report holds the facts dated up to the session's opening day. Case 1 is
        # continued as 7(a) today, after the opening of the on-going session: it belongs to the
        # report to the next session; case 3 too when the session opened before its date (a
        # re-run on a later day). Case 2, decided six days before today, is always in it.
        await self.wait_for(
            f"the draft of report {report_id} holds case 2",
            lambda: self.read("secretariat", Call(reports.read_report_markdown, report_id)),
            lambda markdown: cases[1].case_id in markdown,
        )
        submitted = await self.command(
            "report submitted: frozen, sealed by a checkpoint, recorded on the log",
            "bureau_member",
            Call(reports.submit_report, report_id),
            {},
        )
        seal = submitted["checkpoint"]
        say(f"  == session {submitted['session_id']}, as of {submitted['as_of']}")
        say(
            f"  == sealed by checkpoint {seal['checkpoint_id']}, Merkle root "
            f"{seal['merkle_root']}, up to {seal['position']}"
        )
        state_of_case_2 = Call(procedural_state.read_procedural_state, cases[1].case_id)
        await self.wait_for(
            "P15 of case 2 shows the report submitted",
            lambda: self.read("president", state_of_case_2),
            lambda state: any(r["rule"] == "P15" and r["state"] == "done" for r in state["rules"]),
        )
        return dict(submitted)

    # --- Where to look --------------------------------------------------------------------------

    async def summarise(self, case: Case) -> None:
        read_state = Call(procedural_state.read_procedural_state, case.case_id)
        state = await self.read("president", read_state) or {}
        rules = "  ".join(
            f"{r['rule']}{'(' + r['ref'] + ')' if r.get('ref') else ''}={r['state']}"
            for r in state.get("rules", [])
        )
        say(f"  {case.label}: scenario={state.get('scenario')} status={state.get('status')}")
        say(f"    {rules}")

    def links(self, run: DemoRun) -> None:
        cases, public, report = run.cases, run.public, run.report
        reader = mint_token(
            self.secret,
            role="president",
            sub="demo-reader",
            region="western_european_other",
            ttl=READER_TOKEN_TTL,
        )
        rep, go, bu = self.urls["reporting"], self.urls["good_offices"], self.urls["bureau"]
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
        say("The audit log (C2SP signed checkpoints, RFC 9162 proofs; docs/adr/0033):")
        say(f"  latest checkpoint {rep}/v1/audit-log/checkpoint")
        say(f"  verifier key      {rep}/v1/audit-log/vkey")
        say(f"  case 2's bundle   make audit-bundle CASE={cases[1].case_id}")
        say("                    (writes it with `noncoop audit bundle`, checks it with")
        say("                    tools/verify_bundle.py, which needs only Python and cryptography)")
        say()
        say(f"The public register: {rep}/v1/public/cases   (no token)")
        say('(every URL but the public register: add -H "Authorization: Bearer $TOKEN")')

    # --- The whole scenario ---------------------------------------------------------------------

    async def load(self) -> DemoRun:
        """The three cases, the audit log sealed, the report drafted and submitted, sealed again."""
        say(f"noncoop demo, run {self.run}, business day {self.today}")
        await self.ensure_calendar()
        emergency, regular = await self.schedule_meetings()
        await self.ensure_focal_point()
        loaded = [
            await self.urgent_incident(),
            await self.court_referral(emergency, regular),
            await self.court_finding(),
        ]
        say("Waiting for the reporting service to read the log")
        for case in loaded:
            await self.wait_for_audit_trail(case)
        listing = Call(public_register.list_public_cases)
        public_list = await self.wait_for(
            "the public register lists cases 2 and 3",
            lambda: self.read(None, listing, limit=500),
            lambda found: (
                {loaded[1].case_id, loaded[2].case_id} <= {c["case_id"] for c in found["cases"]}
            ),
        )
        public = {c["case_id"] for c in public_list["cases"]}
        # Beyond the first page, ask for case 1 itself.
        if await self.read(None, Call(public_register.read_public_case, loaded[0].case_id)):
            public.add(loaded[0].case_id)
        say()
        say("The audit log")
        await self.seal_audit_log("audit log sealed over the three cases")
        report = await self.bureau_report(loaded)
        await self.seal_audit_log("audit log sealed again, the report's submission included")
        say()
        say("Procedural state (as the President sees it)")
        for case in loaded:
            await self.summarise(case)
        return DemoRun(loaded, report, public)


def _problem(content: bytes) -> str:
    try:
        body = json.loads(content)
    except ValueError:
        return content[:300].decode(errors="replace")
    if isinstance(body, dict):
        rule = f"[{body['rule']}] " if body.get("rule") else ""
        return f"{rule}{body.get('detail') or body.get('title') or body}"
    return str(body)[:300]


async def not_ready(demo: Demo) -> list[str]:
    """The services not ready (``check_readiness`` not 200)."""
    missing = []
    for name, check in READINESS.items():
        try:
            ok = (await check.asyncio_detailed(client=demo.client(name, None))).status_code == 200
        except httpx.HTTPError:
            ok = False
        if not ok:
            missing.append(f"{name} ({demo.urls[name]})")
    return missing


async def run_demo() -> int:
    try:
        demo = Demo(jwt_secret())
    except DemoError as error:
        say(f"demo: {error}")
        return 1
    try:
        missing = await not_ready(demo)
        if missing:
            say(f"demo: not ready: {', '.join(missing)}")
            say("demo: start the services first with `make run` (in another terminal)")
            return 1
        try:
            demo.links(await demo.load())
        except DemoError as error:
            say(f"demo: failed: {error}")
            return 1
    finally:
        await demo.close()
    return 0


def main() -> int:
    return asyncio.run(run_demo())


if __name__ == "__main__":
    sys.exit(main())
