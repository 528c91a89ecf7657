"""Examples of the good offices API's answers whose models live outside ``api/`` (ADR 0036)."""

from __future__ import annotations

from typing import Any

from noncoop_shared.web.examples import CASE_ID

TRAVEL_RECORD: dict[str, Any] = {
    "travel_id": "tr-2017-03-amman",
    "case_id": CASE_ID,
    "warrant_reference": "ICC-02/05-01/09-1",
    "person": "Omar Hassan Ahmad Al Bashir",
    "destination_state": "JOR",
    "travel_from": "2017-03-28",
    "travel_to": "2017-03-30",
    "status": "potential",
    "details": "Summit of the League of Arab States, Dead Sea.",
    "sharing": {
        "rule": "Res35",
        "due_at": "2017-03-22T12:00:00Z",
        "done_at": "2017-03-21T17:45:00Z",
        "late": False,
        "overdue_since": None,
    },
    "channel": "secure line to the Registry",
    "shared_status": "potential",
}

GOOD_OFFICES_VIEW: dict[str, Any] = {
    "case_id": CASE_ID,
    "active": True,
    "basis": "own_initiative_7b",
    "activation_rule": "P18-own-7b",
    "activated_at": "2017-03-21T14:00:00Z",
    "court_consulted_on": "2017-03-21",
    "bureau_decision_reference": None,
    "bureau_decisions": [],
    "bureau_notification": {
        "rule": "P18-notify",
        "due_at": "2017-03-24T14:00:00Z",
        "done_at": "2017-03-22T08:30:00Z",
        "late": False,
        "overdue_since": None,
    },
    "engagement": [
        {
            "kind": "contact_recorded",
            "occurred_at": "2017-03-23T16:00:00Z",
            "summary": "Recalled the obligation to arrest and surrender under article 89.",
            "counterpart": "Permanent Representative of Jordan to the United Nations",
            "detail": {"counterpart_kind": "requested_state_official"},
        }
    ],
    "reports_to_bureau": [],
    "verification": "verified",
    "continued_under_7a": False,
    "outcome": None,
    "concluded_at": None,
    "travel": [TRAVEL_RECORD],
    "version": 4,
    "timeline": [
        {
            "event_id": "015af29c-1f40-7c3a-9d2e-1a2b3c4d5e6f",
            "type": "noncoop.good_offices.good_offices_activated.v1",
            "rule": "P18-own-7b",
            "classification": "restricted",
            "occurred_at": "2017-03-21T14:00:00Z",
            "recorded_at": "2017-03-21T14:03:12Z",
            "actor_role": "president",
            "actor_id": "asp-president",
            "stream_version": 1,
        }
    ],
}

RESPONSE_EXAMPLES: dict[str, list[Any]] = {
    "GoodOfficesView": [GOOD_OFFICES_VIEW],
    "TravelRecord": [TRAVEL_RECORD],
}
