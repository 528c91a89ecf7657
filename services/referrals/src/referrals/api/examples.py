"""Examples of the referrals API's answers whose models live outside ``api/`` (ADR 0036)."""

from __future__ import annotations

from typing import Any

from noncoop_shared.web.examples import (
    CASE_ID,
    COURT_REQUEST,
    DECIDED_AT,
    DECISION,
    EVENT_ID,
    PERSON,
    REGISTERED_AT,
    REQUESTED_STATE,
)

CASE_SUMMARY: dict[str, Any] = {
    "case_id": CASE_ID,
    "requested_state_code": "JOR",
    "requested_state_name": "Hashemite Kingdom of Jordan",
    "scenario": "7a",
    "status": "open",
    "opened_on": "2017-12-11",
    "updated_at": "2017-12-12T10:02:11Z",
    "version": 3,
}

CASE_VIEW: dict[str, Any] = {
    "case_id": CASE_ID,
    "scenario": "7a",
    "status": "open",
    "requested_state": REQUESTED_STATE,
    "court_request": COURT_REQUEST,
    "persons_concerned": [PERSON],
    "decision": DECISION,
    "decision_status": "in_force",
    "decision_changes": [],
    "urgency": None,
    "urgency_reason": None,
    "forwarding": {
        "rule": "P13-forward",
        "due_at": "2017-12-12T15:00:00Z",
        "done_at": "2017-12-12T10:00:00Z",
        "late": False,
        "overdue_since": None,
        "reference": "ICC-ASP/16/SP/78",
    },
    "press_release": {
        "rule": "P13-press",
        "due_at": "2017-12-12T15:00:00Z",
        "done_at": "2017-12-12T09:30:00Z",
        "late": False,
        "overdue_since": None,
        "reference": "ICC-ASP-20171213-PR1351",
    },
    "closure_reason": None,
    "closure_note": None,
    "closure_court_decision_reference": None,
    "closed_at": None,
    "procedure_ended_at": None,
    "why_no_procedure": None,
    "bound_by_security_council_resolution": False,
    "security_council_resolution": None,
    "information": None,
    "no_finding": None,
    "opened_at": DECIDED_AT,
    "opened_on": "2017-12-11",
    "updated_at": "2017-12-12T10:02:11Z",
    "version": 3,
    "timeline": [
        {
            "event_id": EVENT_ID,
            "type": "noncoop.referrals.court_decision_received.v1",
            "rule": "P13",
            "classification": "public",
            "occurred_at": DECIDED_AT,
            "recorded_at": REGISTERED_AT,
            "actor_role": "court",
            "actor_id": "icc-registry",
            "stream_version": 1,
        },
        {
            "event_id": "0160581e-3d4a-7b21-8f3e-4c5d6e7f8094",
            "type": "noncoop.referrals.press_release_issued.v1",
            "rule": "P13-press",
            "classification": "public",
            "occurred_at": "2017-12-12T09:30:00Z",
            "recorded_at": "2017-12-12T09:31:40Z",
            "actor_role": "president",
            "actor_id": "asp-president",
            "stream_version": 2,
        },
        {
            "event_id": "0160581e-3d4a-7b21-8f3e-4c5d6e7f8092",
            "type": "noncoop.referrals.decision_forwarded_to_states_parties.v1",
            "rule": "P13-forward",
            "classification": "public",
            "occurred_at": "2017-12-12T10:00:00Z",
            "recorded_at": "2017-12-12T10:02:11Z",
            "actor_role": "secretariat",
            "actor_id": "asp-secretariat",
            "stream_version": 3,
        },
    ],
}

RESPONSE_EXAMPLES: dict[str, list[Any]] = {
    "CaseView": [CASE_VIEW],
    "CaseList": [{"items": [CASE_SUMMARY], "next_cursor": None, "consistent": True}],
}
