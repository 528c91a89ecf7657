"""The access matrix's expectations: who may call each endpoint of the four services, and what
each reader may see (docs/architecture.md §8, docs/procedures.md "Confidentiality").

Written from the rules, not from ``noncoop_shared.access``, so that a mistake there shows up as a
leak here. Every route of every app must have a row (``test_access_matrix`` fails otherwise): a
new endpoint enters the matrix the day it is added. Request bodies are valid for the seeded data
(``seed.py``), so a refusal is about the caller, never about the body.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from noncoop_shared.testing import TODAY, utc_today

LATER = utc_today() + timedelta(days=10)

PUBLIC, STATES_PARTIES, BUREAU, RESTRICTED = "public", "states_parties", "bureau", "restricted"
CLASSES = (PUBLIC, STATES_PARTIES, BUREAU, RESTRICTED)


@dataclass(frozen=True)
class Reader:
    """One caller of the matrix: a role with its claims, or the anonymous public (no token)."""

    name: str
    role: str | None
    claims: dict[str, str] = field(default_factory=dict)
    cleared: frozenset[str] = frozenset({PUBLIC})
    """What the role reads on every case (docs/procedures.md, Confidentiality)."""
    assigned_region: bool = False
    """A focal point of the region the seeded 7(b) case is assigned to: restricted records of
    that case too ("restricted: ... the focal points assigned to the case")."""
    subject: str | None = None
    """The subject its reads carry: a focal point reads as the one on the roster (P17-access)."""


ABOVE_STATES_PARTIES = frozenset({PUBLIC, STATES_PARTIES})
READERS = (
    Reader("anonymous", None),
    # "The Court reads what it submitted and what concerns its own requests": the States
    # Parties' records of the case, not the Bureau's deliberations (ADR 0002).
    Reader("court", "court", cleared=ABOVE_STATES_PARTIES),
    Reader("secretariat", "secretariat", cleared=frozenset(CLASSES)),
    Reader("president", "president", {"region": "western_european_other"}, frozenset(CLASSES)),
    Reader("bureau_member", "bureau_member", cleared=frozenset({PUBLIC, STATES_PARTIES, BUREAU})),
    Reader(
        "focal_point(assigned)",
        "focal_point",
        {"region": "african"},
        ABOVE_STATES_PARTIES,
        assigned_region=True,
        subject="fp-af",
    ),
    Reader(
        "focal_point(other region)", "focal_point", {"region": "asia_pacific"}, ABOVE_STATES_PARTIES
    ),
    Reader("state_party", "state_party", {"state": "EXA"}, ABOVE_STATES_PARTIES),
)
ROLES = tuple(r for r in READERS if r.role is not None)
ALL_ROLES = frozenset(r.role for r in ROLES if r.role)


@dataclass(frozen=True)
class Anonymous:
    """Open by design (health, metrics, the API documentation): 200 for anyone, no case data."""


@dataclass(frozen=True)
class PublicRead:
    """The public register: anonymous allowed, a bad token still 401, public records only."""


@dataclass(frozen=True)
class Read:
    """An authenticated read: ``allowed`` roles get their clearance's view (200, or 404 when
    nothing is theirs to see), others 403."""

    allowed: frozenset[str] = ALL_ROLES
    honours_assignment: bool = False
    """Focal points read restricted records of their assigned cases here (good offices keeps
    the assignments; reporting reads them as States Parties, see its audit-trail route)."""
    court_reads_shared_travel: bool = False
    """Res. 35: travel information shared with the Court is the Court's to read."""


@dataclass(frozen=True)
class Command:
    """A command: ``allowed`` roles pass the gate (a probe field makes the body a 422, so they
    change nothing), others 403 with the valid ``body``; nothing is written."""

    allowed: frozenset[str]
    body: dict[str, Any] | None = None
    """``None``: the command has no body (it acts on the path alone)."""


Row = Anonymous | PublicRead | Read | Command


def command(*roles: str, body: dict[str, Any] | None = None) -> Command:
    return Command(frozenset(roles), body)


DOCS = {
    f"GET {path}": Anonymous()
    for path in ("/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc")
}
ANONYMOUS: dict[str, Row] = {
    "GET /health/live": Anonymous(),
    "GET /health/ready": Anonymous(),
    "GET /metrics": Anonymous(),
    **DOCS,
}

REFERRAL: dict[str, Any] = {
    "decision": {
        "reference": "ICC-01/99-01/26-901",
        "date": "2026-03-30",
        "chamber": "Pre-Trial Chamber I",
        "legal_basis": "87(7)",
        "referred_to_assembly": True,
        "referred_to_security_council": False,
    },
    "requested_state": {"name": "Republic of Examplia", "code": "EXA", "status": "state_party"},
    "court_request": {"article": "89", "reference": "ICC-01/99-01/26-7"},
}
URGENT: dict[str, Any] = {
    "requested_state": {"name": "Republic of Examplia", "code": "EXA", "status": "state_party"},
    "court_request": {"article": "89", "reference": "ICC-01/99-01/26-7"},
    "urgency": "imminent",
    "urgency_reason": "probe",
}

# The history import (ADR 0017): the Secretariat, or the Court for its own acts; each entry's
# actor is then checked by the entry's own route.
HISTORY_IMPORT: dict[str, Row] = {
    "POST /v1/history-imports": command(
        "secretariat",
        "court",
        body={
            "entries": [
                {
                    "command": {"path": "/v1/court-referrals", "body": {"occurred_at": "probe"}},
                    "actor": {"role": "court", "id": "probe"},
                }
            ]
        },
    )
}

REFERRALS: dict[str, Row] = {
    **ANONYMOUS,
    **HISTORY_IMPORT,
    "POST /v1/court-referrals": command("court", body=REFERRAL),
    "POST /v1/court-findings": command(
        "court",
        body=REFERRAL | {"decision": REFERRAL["decision"] | {"referred_to_assembly": False}},
    ),
    "POST /v1/urgent-incidents": command("president", "secretariat", body=URGENT),
    "POST /v1/court-information": command(
        "court",
        body={
            "reference": "ICC-01/99-01/26-150",
            "date": "2026-03-30",
            "chamber": "Pre-Trial Chamber I",
            "addressees": ["assembly", "security_council"],
            "subject": "A visit of a person subject to a warrant",
        },
    ),
    "POST /v1/cases/{case_id}/court-decision-without-finding": command(
        "court",
        body={"reference": "ICC-01/99-01/26-151", "date": "2026-03-30", "chamber": "PTC I"},
    ),
    "POST /v1/cases/{case_id}/court-referral": command(
        "court", body={"decision": REFERRAL["decision"]}
    ),
    "POST /v1/cases/{case_id}/court-decision-changes": command(
        "court",
        body={
            "kind": "amended",
            "decision_reference": "ICC-01/99-01/26-123",
            "change_reference": "ICC-01/99-01/26-124",
            "change_date": TODAY,
        },
    ),
    "POST /v1/cases/{case_id}/forwarding": command(
        "secretariat", body={"communication_reference": "SP/probe"}
    ),
    "POST /v1/cases/{case_id}/press-release": command(
        "president", "secretariat", body={"reference": "PR/probe", "title": "probe"}
    ),
    "POST /v1/cases/{case_id}/closure": command(
        "president", "secretariat", body={"reason": "other", "note": "probe"}
    ),
    # Crypto-shredding (docs/architecture.md §7): the case's personal data key is destroyed.
    "POST /v1/cases/{case_id}/personal-data-erasure": command(
        "secretariat", body={"reason": "probe"}
    ),
    "GET /v1/cases/{case_id}": Read(),
    "GET /v1/cases": Read(),
}

GO = "/v1/cases/{case_id}/good-offices"
PRESIDENT_OR_SECRETARIAT = ("president", "secretariat")
APPOINTMENT = {
    "focal_point_id": "fp-probe",
    "name": "N. Probe",
    "state": "CHL",
    "region": "latin_american_caribbean",
    "term_start": TODAY,
    "bureau_decision_reference": "B/probe",
}
GOOD_OFFICES: dict[str, Row] = {
    **ANONYMOUS,
    **HISTORY_IMPORT,
    f"POST {GO}/own-initiative-activation": command(
        "president", body={"court_consulted_on": TODAY}
    ),
    f"POST {GO}/bureau-decision-activation": command(
        *PRESIDENT_OR_SECRETARIAT, body={"bureau_decision_reference": "B/probe"}
    ),
    f"POST {GO}/bureau-remain-decision": command(
        *PRESIDENT_OR_SECRETARIAT, body={"bureau_decision_reference": "B/probe"}
    ),
    f"POST {GO}/bureau-notification": command(*PRESIDENT_OR_SECRETARIAT, body={"means": "probe"}),
    f"POST {GO}/contacts": command(
        *PRESIDENT_OR_SECRETARIAT,
        body={"counterpart_kind": "other_stakeholder", "counterpart": "x", "summary": "probe"},
    ),
    f"POST {GO}/court-consultations": command(*PRESIDENT_OR_SECRETARIAT, body={"summary": "probe"}),
    f"POST {GO}/article-97-reminders": command("president", body={"summary": "probe"}),
    f"POST {GO}/assistance-requests": command(
        "president", body={"assistant": "bureau_member", "bureau_member": "bm-probe"}
    ),
    f"POST {GO}/assistance-engagements": command(
        "focal_point", "bureau_member", body={"summary": "probe"}
    ),
    f"POST {GO}/verification": command(*PRESIDENT_OR_SECRETARIAT, body={"outcome": "verified"}),
    f"POST {GO}/secretariat-assistance": command("secretariat", body={"summary": "probe"}),
    f"POST {GO}/reports-to-bureau": command("president", body={"summary": "probe"}),
    f"POST {GO}/conclusion": command("president", body={"outcome": "other"}),
    "POST /v1/cases/{case_id}/travel-information": command(
        "focal_point",
        "secretariat",
        body={
            "travel_id": "T-probe",
            "person": "P. Probe",
            "destination_state": "OTH",
            "travel_from": LATER.isoformat(),
            "status": "potential",
            "warrant_reference": "W-probe",
        },
    ),
    "POST /v1/cases/{case_id}/travel-information/{travel_id}/sharing": command(
        "focal_point", "secretariat", body={"channel": "probe"}
    ),
    "POST /v1/cases/{case_id}/travel-information/{travel_id}/confirmation": command(
        "focal_point", "secretariat", body={"travel_from": LATER.isoformat()}
    ),
    "POST /v1/cases/{case_id}/travel-information/{travel_id}/cancellation": command(
        "focal_point", "secretariat", body={"details": "probe"}
    ),
    "POST /v1/travel-information": command(
        "focal_point",
        "secretariat",
        body={
            "travel_id": "T-probe",
            "person": "P. Probe",
            "destination_state": "OTH",
            "travel_from": LATER.isoformat(),
            "status": "potential",
            "warrant_reference": "W-probe",
        },
    ),
    "POST /v1/travel-information/{travel_id}/sharing": command(
        "focal_point", "secretariat", body={"channel": "probe"}
    ),
    "POST /v1/travel-information/{travel_id}/confirmation": command(
        "focal_point", "secretariat", body={"travel_from": LATER.isoformat()}
    ),
    "POST /v1/travel-information/{travel_id}/cancellation": command(
        "focal_point", "secretariat", body={"details": "probe"}
    ),
    "GET /v1/travel-information/{travel_id}": Read(court_reads_shared_travel=True),
    "GET /v1/cases/{case_id}/travel-information": Read(
        honours_assignment=True, court_reads_shared_travel=True
    ),
    f"GET {GO}": Read(honours_assignment=True),
    "POST /v1/focal-points": command(*PRESIDENT_OR_SECRETARIAT, body=APPOINTMENT),
    "GET /v1/focal-points": Read(),
    "POST /v1/focal-points/{focal_point_id}/replacement": command(
        "secretariat",
        body={
            "replaced_on": LATER.isoformat(),
            "successor": APPOINTMENT | {"region": "african", "term_start": LATER.isoformat()},
        },
    ),
    "POST /v1/focal-points/{focal_point_id}/end-of-term": command(
        "secretariat", body={"ended_on": LATER.isoformat(), "reason": "resigned"}
    ),
    "POST /v1/focal-points/five-requested": command("president", body={"requested_on": TODAY}),
    "POST /v1/focal-points/five-requested/withdrawal": command(
        "president", body={"withdrawn_on": TODAY}
    ),
}

FR = "/v1/cases/{case_id}/formal-response"
BUREAU_SERVICE: dict[str, Row] = {
    **ANONYMOUS,
    **HISTORY_IMPORT,
    "POST /v1/sessions": command(
        "secretariat",
        body={
            "session_id": "ASP-P",
            "number": 90,
            "kind": "special",
            "starts_on": "2031-01-10",
            "ends_on": "2031-01-12",
            "venue": "New York",
        },
    ),
    "GET /v1/sessions": Read(),
    "POST /v1/sessions/{session_id}/non-cooperation-mark": command(
        "secretariat", body={"reason": "The Bureau put non-cooperation on its agenda."}
    ),
    "POST /v1/sessions/{session_id}/dates": command(
        "secretariat", body={"starts_on": "2031-02-10", "ends_on": "2031-02-12", "venue": "Rome"}
    ),
    "POST /v1/bureau-meetings": command(
        "secretariat", body={"meeting_id": "B-P", "meets_on": LATER.isoformat()}
    ),
    # "bureau: Bureau members, President, Secretariat: meeting records".
    "GET /v1/bureau-meetings": Read(frozenset({"bureau_member", "president", "secretariat"})),
    "POST /v1/bureau-meetings/{meeting_id}/held": command(
        "secretariat", body={"held_on": TODAY, "decisions": ["probe"]}
    ),
    f"POST {FR}/emergency-meeting": command("secretariat", body={"meeting_id": "B-EM"}),
    f"POST {FR}/emergency-meeting/held": command(
        "secretariat", body={"held_on": TODAY, "decisions": ["probe"]}
    ),
    f"POST {FR}/emergency-meeting/announcements": command(
        "secretariat", body={"announcement": "convening"}
    ),
    f"POST {FR}/open-letter": command(
        "president", body={"letter_reference": "L-probe", "reply_due_on": "2099-01-01"}
    ),
    f"POST {FR}/open-letter/reply": command(
        "secretariat", body={"received_on": TODAY, "summary": "probe"}
    ),
    f"POST {FR}/invitation": command("secretariat", body={"meeting_id": "B-7"}),
    f"POST {FR}/attendance": command("secretariat", body={"attended": True}),
    f"POST {FR}/nywg-request": command("secretariat", body={}),
    f"POST {FR}/omnibus-noting": command("secretariat", body={}),
    f"POST {FR}/plenary": command("secretariat", body={"held_on": TODAY}),
    f"POST {FR}/facilitator": command("secretariat", body={"facilitator": "Ambassador P."}),
    f"POST {FR}/security-council-letter": command(
        "president", body={"letter_reference": "SC-probe"}
    ),
    f"GET {FR}": Read(),
}

REPORT_WRITERS = ("secretariat", "bureau_member", "president")
REPORTING: dict[str, Row] = {
    **ANONYMOUS,
    "GET /v1/cases/{case_id}/audit-trail": Read(),
    "GET /v1/cases/{case_id}/procedural-state": Read(),
    "GET /v1/public/cases": PublicRead(),
    "GET /v1/public/cases/{case_id}": PublicRead(),
    "POST /v1/checkpoints": command(*REPORT_WRITERS),
    "GET /v1/checkpoints/public-key": Read(),
    "GET /v1/checkpoints/{checkpoint_id}": Read(),
    "GET /v1/audit-log/checkpoint": Read(),
    "GET /v1/audit-log/checkpoints/{tree_size}": Read(),
    "GET /v1/audit-log/vkey": Read(),
    "POST /v1/reports": command(*REPORT_WRITERS, body={"recommendations": "probe"}),
    "POST /v1/reports/{report_id}/submission": command(*REPORT_WRITERS),
    # A draft is the writers' (404 for others); a submitted report is public (docs/procedures.md).
    # The list: every role reads it, drafts (and who drafted) only the writers'.
    "GET /v1/reports": Read(),
    "GET /v1/reports/{report_id}.md": Read(),
    "GET /v1/reports/{report_id}.html": Read(),
    "GET /v1/reports/{report_id}": Read(),
    # The feed gives each reader its clearance's events (the audit trail's decision).
    "GET /v1/feed": Read(),
    # Any caller may subscribe; a subscription is its owner's alone (404 for anyone else).
    "POST /v1/webhook-subscriptions": command(
        *ALL_ROLES, body={"url": "https://hooks.example.org/noncoop"}
    ),
    "GET /v1/webhook-subscriptions": Read(),
    "GET /v1/webhook-subscriptions/{subscription_id}": Read(),
    "DELETE /v1/webhook-subscriptions/{subscription_id}": command(*ALL_ROLES),
    "POST /v1/webhook-subscriptions/{subscription_id}/renewal": command(*ALL_ROLES),
    "GET /v1/webhook-subscriptions/{subscription_id}/deliveries": Read(),
    "POST /v1/webhook-subscriptions/{subscription_id}/dead-letters/redeliver": command(*ALL_ROLES),
}

TABLE: dict[str, dict[str, Row]] = {
    "referrals": REFERRALS,
    "good_offices": GOOD_OFFICES,
    "bureau": BUREAU_SERVICE,
    "reporting": REPORTING,
}
