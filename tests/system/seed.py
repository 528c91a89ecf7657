"""Cases whose records span every classification, made through the public APIs of the four
services, and the markers that tell, in any response, which class a piece of it came from.

Every free-text field the seed fills carries a unique marker; once the log has settled, each
event of the three event-sourced stores is read back with its classification, and a marker (or
an event id) takes the class of the least classified event holding it. A reader who is shown a
marker above its clearance has been leaked a record. Personal-data fields (names) get no marker:
they may be stored encrypted, where no marker could be found.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import asyncpg
import httpx
from tests.system.access_table import BUREAU, CLASSES, LATER, PUBLIC

from noncoop_shared.testing import utc_today

if TYPE_CHECKING:
    from tests.system.conftest import FourServices

Headers = Callable[..., dict[str, str]]
EVENT_SOURCED = ("referrals", "good_offices", "bureau")


@dataclass
class Marker:
    classification: str
    case_id: str | None
    """The case the marked record belongs to (``None``: a registry, the calendar...)."""


@dataclass
class Seed:
    formal_case: str
    """7(a): public decision, States Parties' forwarding, the Bureau's formal response."""
    informal_case: str
    """7(b): restricted incident and good offices, assigned to the african focal point."""
    checkpoint_id: str
    tree_size: str
    submitted_report: str
    draft_report: str
    markers: dict[str, Marker] = field(default_factory=dict)
    shared_travel_markers: frozenset[str] = frozenset()
    """What the Court may read of the travel record shared with it (Res. 35)."""

    def path_values(self, name: str, service: str) -> tuple[str, ...]:
        """The values a path parameter takes: every case for reads, in the order commands use
        (a command takes the first)."""
        cases = (self.formal_case, self.informal_case)
        values: dict[str, tuple[str, ...]] = {
            "case_id": cases[::-1] if service == "good_offices" else cases,
            "travel_id": ("T-SHARED",),
            "focal_point_id": ("fp-af",),
            "session_id": ("ASP-26",),
            "meeting_id": ("B-0",),
            "checkpoint_id": (self.checkpoint_id,),
            "tree_size": (self.tree_size,),
            "report_id": (self.submitted_report, self.draft_report),
            # No one's: every caller gets the 404 of an id nobody used.
            "subscription_id": ("00000000-0000-4000-8000-000000000000",),
        }
        return values[name]


class Seeder:
    def __init__(self, clients: dict[str, httpx.AsyncClient], headers: Headers) -> None:
        self.clients = clients
        self.headers = headers
        self.texts: list[str] = []
        self.undeclared: dict[str, str] = {}

    def mark(self) -> str:
        text = f"MK-{uuid.uuid4().hex[:12]}"
        self.texts.append(text)
        return text

    async def send(
        self, service: str, path: str, body: dict[str, Any] | None, role: str, **claims: str
    ) -> dict[str, Any]:
        sub = claims.pop("sub", f"seed-{role}")
        response = await self.clients[service].post(
            path, json=body, headers=self.headers(role, sub, **claims)
        )
        assert response.status_code in (200, 201), (service, path, response.text)
        return dict(response.json())

    async def eventually(
        self, service: str, path: str, body: dict[str, Any], role: str, **claims: str
    ) -> None:
        """Send until the service has learnt the case from the log (a 404 or 409 before)."""
        last = ""
        for _ in range(200):
            response = await self.clients[service].post(
                path, json=body, headers=self.headers(role, f"seed-{role}", **claims)
            )
            if response.status_code == 200:
                return
            last = response.text
            await asyncio.sleep(0.1)
        raise AssertionError(f"{service} {path} never accepted: {last}")


async def seed(system: FourServices) -> Seed:
    """Seed the four services and wait until reporting has read every event of both cases."""
    s = Seeder(system.clients, system.headers)
    await _calendar(s)
    formal = await _formal_case(s)
    informal = await _informal_case(s)
    await _formal_response(s, formal)
    shared_travel = await _good_offices(s, informal)
    events = await _settled_log(system, (formal, informal))
    reports = await _reports(s)
    sealed = await s.send("reporting", "/v1/checkpoints", None, "secretariat")
    markers = classify(s.texts, events)
    # Reports live in reporting's own tables, not on the log: their classes are the rule's.
    markers[reports.draft_text] = Marker(BUREAU, None)  # a draft is its writers'
    markers[reports.submitted_text] = Marker(PUBLIC, None)  # "the report as submitted"
    return Seed(
        formal,
        informal,
        str(sealed["checkpoint_id"]),
        str(sealed["tree_size"]),
        reports.submitted,
        reports.draft,
        markers,
        frozenset(shared_travel),
    )


async def _calendar(s: Seeder) -> None:
    for session_id, number, starts, ends in [
        ("ASP-25", 25, utc_today() - timedelta(days=1), LATER),
        ("ASP-26", 26, utc_today() + timedelta(days=400), utc_today() + timedelta(days=405)),
    ]:
        body = {
            "session_id": session_id,
            "number": number,
            "kind": "regular",
            "starts_on": starts.isoformat(),
            "ends_on": ends.isoformat(),
            "venue": s.mark(),
        }
        await s.send("bureau", "/v1/sessions", body, "secretariat")
    for meeting_id, on, emergency in [
        ("B-0", utc_today(), False),
        ("B-EM", utc_today(), True),
        ("B-7", LATER, False),
    ]:
        body = {
            "meeting_id": meeting_id,
            "meets_on": on.isoformat(),
            "emergency": emergency,
            "agenda": s.mark(),
        }
        await s.send("bureau", "/v1/bureau-meetings", body, "secretariat")
    for focal_point_id, state, region in [
        ("fp-af", "GHA", "african"),
        ("fp-ap", "JPN", "asia_pacific"),
    ]:
        body = {
            "focal_point_id": focal_point_id,
            "name": f"Focal point {region}",
            "state": state,
            "region": region,
            "term_start": utc_today().isoformat(),
            "bureau_decision_reference": s.mark(),
        }
        await s.send("good_offices", "/v1/focal-points", body, "secretariat")


async def _formal_case(s: Seeder) -> str:
    decision = {
        "reference": s.mark(),
        "date": utc_today().isoformat(),
        "chamber": "Pre-Trial Chamber II",
        "legal_basis": "87(7)",
        "referred_to_assembly": True,
        "referred_to_security_council": True,
    }
    body = {
        "decision": decision,
        "requested_state": {"name": "Republic of Examplia", "code": "EXA", "status": "state_party"},
        "court_request": {"article": "89", "reference": s.mark()},
    }
    case_id = str((await s.send("referrals", "/v1/court-referrals", body, "court"))["case_id"])
    await s.send(
        "referrals",
        f"/v1/cases/{case_id}/forwarding",
        {"communication_reference": s.mark()},
        "secretariat",
    )
    await s.send(
        "referrals",
        f"/v1/cases/{case_id}/press-release",
        {"reference": s.mark(), "title": s.mark()},
        "president",
    )
    return case_id


async def _informal_case(s: Seeder) -> str:
    body = {
        "requested_state": {"name": "Republic of Examplia", "code": "EXA", "status": "state_party"},
        "court_request": {"article": "89", "reference": s.mark()},
        "urgency": "imminent",
        "urgency_reason": s.mark(),
    }
    return str((await s.send("referrals", "/v1/urgent-incidents", body, "president"))["case_id"])


async def _formal_response(s: Seeder, case_id: str) -> None:
    fr = f"/v1/cases/{case_id}/formal-response"
    # The formal response is opened by bureau's policy once the referral reaches it.
    await s.eventually("bureau", f"{fr}/emergency-meeting", {"meeting_id": "B-EM"}, "secretariat")
    await s.send(
        "bureau",
        f"{fr}/emergency-meeting/held",
        {"held_on": utc_today().isoformat(), "decisions": [s.mark()]},
        "secretariat",
    )
    await s.send(
        "bureau",
        f"{fr}/emergency-meeting/announcements",
        {"announcement": "decisions", "text": s.mark()},
        "secretariat",
    )
    await s.send(
        "bureau",
        f"{fr}/open-letter",
        {"letter_reference": s.mark(), "reply_due_on": LATER.isoformat()},
        "president",
    )
    await s.send("bureau", f"{fr}/invitation", {"meeting_id": "B-7"}, "secretariat")


async def _good_offices(s: Seeder, case_id: str) -> list[str]:
    """Returns the markers of the travel record shared with the Court."""
    go = f"/v1/cases/{case_id}/good-offices"
    # Good offices learn the 7(b) case from the log.
    await s.eventually(
        "good_offices",
        f"{go}/own-initiative-activation",
        {"court_consulted_on": utc_today().isoformat()},
        "president",
    )
    steps: list[tuple[str, dict[str, Any], str]] = [
        (f"{go}/bureau-notification", {"means": s.mark()}, "president"),
        (
            f"{go}/contacts",
            {
                "counterpart_kind": "requested_state_official",
                "counterpart": "Minister",
                "summary": s.mark(),
            },
            "president",
        ),
        (f"{go}/court-consultations", {"summary": s.mark()}, "secretariat"),
        (
            f"{go}/reports-to-bureau",
            {"summary": s.mark(), "un_secretariat_information": s.mark()},
            "president",
        ),
        (
            f"{go}/assistance-requests",
            {"assistant": "focal_point", "region": "african", "summary": s.mark()},
            "president",
        ),
        (f"{go}/verification", {"outcome": "verified", "summary": s.mark()}, "secretariat"),
    ]
    for path, body, role in steps:
        await s.send("good_offices", path, body, role)
    await s.send(
        "good_offices",
        f"{go}/assistance-engagements",
        {"summary": s.mark()},
        "focal_point",
        sub="fp-af",  # P17-access: the focal point on the roster, not its region alone
        region="african",
    )
    travel = f"/v1/cases/{case_id}/travel-information"
    details: dict[str, str] = {}
    for travel_id, role, claims in [
        ("T-SHARED", "focal_point", {"sub": "fp-af", "region": "african"}),
        ("T-HIDDEN", "secretariat", {}),
    ]:
        details[travel_id] = s.mark()
        body = {
            "travel_id": travel_id,
            "person": "Person Subject To Warrant",
            "destination_state": "OTH",
            "travel_from": LATER.isoformat(),
            "status": "confirmed",
            "details": details[travel_id],
            "warrant_reference": "ICC-01/99-W1",
        }
        await s.send("good_offices", travel, body, role, **claims)
    channel = s.mark()
    await s.send("good_offices", f"{travel}/T-SHARED/sharing", {"channel": channel}, "secretariat")
    return [details["T-SHARED"], channel]


@dataclass
class Reports:
    submitted: str
    submitted_text: str
    draft: str
    draft_text: str


async def _reports(s: Seeder) -> Reports:
    """A report submitted to the on-going session, and a draft beside it."""
    submitted_text, draft_text = s.mark(), s.mark()
    s.texts.remove(submitted_text)
    s.texts.remove(draft_text)
    submitted = await s.send(
        "reporting", "/v1/reports", {"recommendations": submitted_text}, "secretariat"
    )
    await s.send(
        "reporting", f"/v1/reports/{submitted['report_id']}/submission", None, "secretariat"
    )
    draft = await s.send(
        "reporting", "/v1/reports", {"recommendations": draft_text}, "bureau_member"
    )
    return Reports(str(submitted["report_id"]), submitted_text, str(draft["report_id"]), draft_text)


async def _settled_log(system: FourServices, cases: tuple[str, ...]) -> list[dict[str, Any]]:
    """The stores' events once policies are done and reporting's audit trail has them all."""
    events: list[dict[str, Any]] = []

    async def settled() -> bool:
        nonlocal events
        before = await store_events(system.dsns)
        for case_id in cases:
            expected = {e["id"] for e in before if e.get("subject") == case_id}
            trail = await system.clients["reporting"].get(
                f"/v1/cases/{case_id}/audit-trail", headers=system.headers("secretariat")
            )
            entries = trail.json().get("entries", []) if trail.status_code == 200 else []
            if {e["event_id"] for e in entries} != expected:
                return False
        events = before
        return True

    await settle(settled, "reporting reads every event of the seeded cases")
    return events


Fetch = Callable[[], Awaitable[bool]]


async def settle(check: Fetch, what: str, attempts: int = 300) -> None:
    for _ in range(attempts):
        if await check():
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"never settled: {what}")


async def store_events(dsns: dict[str, str]) -> list[dict[str, Any]]:
    """Every event of the three event-sourced stores, as its envelope."""
    events: list[dict[str, Any]] = []
    for service in EVENT_SOURCED:
        conn = await asyncpg.connect(dsns[service])
        try:
            events += [
                json.loads(r["envelope"]) for r in await conn.fetch("SELECT envelope FROM events")
            ]
        finally:
            await conn.close()
    return events


def classify(texts: list[str], events: list[dict[str, Any]]) -> dict[str, Marker]:
    """Each marker text and each event id, with the least classified event that holds it."""
    markers: dict[str, Marker] = {}

    def keep(text: str, classification: str, case_id: str | None) -> None:
        known = markers.get(text)
        if known is None or CLASSES.index(classification) < CLASSES.index(known.classification):
            markers[text] = Marker(classification, case_id)

    for event in events:
        classification, subject = event["classification"], event.get("subject")
        keep(event["id"], classification, subject)
        encoded = json.dumps(event)
        for text in texts:
            if text in encoded:
                keep(text, classification, subject)
    missing = [t for t in texts if t not in markers]
    assert not missing, f"markers in no stored event: {missing}"
    return markers
