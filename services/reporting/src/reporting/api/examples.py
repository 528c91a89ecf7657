"""Examples of the reporting API's answers (ADR 0036), by component schema name: reporting's
views are defined beside their routes, so their examples are kept here, in one place."""

from __future__ import annotations

from typing import Any

from noncoop_shared.web.examples import (
    CASE_ID,
    DECIDED_AT,
    DECISION,
    EVENT_ID,
    REGISTERED_AT,
    REQUESTED_STATE,
    SESSION_ID,
)

CHECKPOINT: dict[str, Any] = {
    "position": {
        "noncoop.events.v1/0": 611,
        "noncoop.events.v1/1": 604,
        "noncoop.events.v1/2": 627,
    },
    "event_count": 1842,
    "merkle_root": "9f6a648e6bc809d0895015c2eb00ed2c06381d51eccfeeea7e39a18a0953d6a6",
    "sealed_at": "2018-01-17T18:00:00Z",
    "key_id": "6b4c39f95d062258",
    "signature": "F/dhEHgf60g+23vRl6dIhH/ttny542q1sPZARRLaGlmlyJ60FcqWktK0JWlQMTmbBunYCZWVNBnJ71k"
    "E3e1PBA==",
}
"""A checkpoint sealed by a throw-away key: its signature verifies under :data:`PUBLIC_KEY`."""

PUBLIC_KEY: dict[str, Any] = {
    "key_id": "6b4c39f95d062258",
    "public_key_pem": "-----BEGIN PUBLIC KEY-----\n"
    "MCowBQYDK2VwAyEAqfGZKGqJ6YaoUbxnxley1562sDPO+ihvZBiO/flwDXw=\n"
    "-----END PUBLIC KEY-----\n",
}

PUBLIC_SUMMARY: dict[str, Any] = {
    "case_id": CASE_ID,
    "requested_state_code": "JOR",
    "scenario": "7a",
    "status": "open",
    "opened_on": "2017-12-11",
    "updated_at": "2017-12-12T10:02:11Z",
}

REPORT: dict[str, Any] = {
    "report_id": "01607b1c-9a00-7e4f-8a1b-2c3d4e5f6a7b",
    "session_id": "asp-17",
    "session_starts_on": "2018-12-05",
    "session_ends_on": "2018-12-12",
    "status": "submitted",
    "as_of": "2018-11-20T12:00:00Z",
    "cutoff": "2018-11-20",
    "log_position": {"noncoop.events.v1/0": 702, "noncoop.events.v1/1": 688},
    "submitted_at": "2018-11-20T12:00:03Z",
    "submitted_occurred_at": "2018-11-20T11:30:00Z",
    "sha256_markdown": "3b1f0e4a9c2d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f",
    "sha256_html": "c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6",
    "checkpoint": {
        "checkpoint_id": 42,
        "merkle_root": "9f6a648e6bc809d0895015c2eb00ed2c06381d51eccfeeea7e39a18a0953d6a6",
        "position": {"noncoop.events.v1/0": 702, "noncoop.events.v1/1": 688},
    },
    "markdown": "# Report of the Bureau on non-cooperation\n\n"
    "## Hashemite Kingdom of Jordan (ICC-02/05-01/09-309)\n\n"
    "On 11 December 2017 Pre-Trial Chamber II referred the matter to the Assembly ...\n",
}

SUBSCRIPTION: dict[str, Any] = {
    "id": "0193a1f0-2b3c-7d4e-8f5a-6b7c8d9e0f1a",
    "url": "https://court-it.icc.example/noncoop/events",
    "event_types": ["noncoop.bureau.open_letter_sent.v1"],
    "created_at": "2026-12-01T09:30:00Z",
    "expires_at": "2027-03-01T09:30:00Z",
}

DELIVERY: dict[str, Any] = {
    "event_id": "0193a1f2-7c4e-7d21-9b1a-5e2f3c4d5e6f",
    "type": "noncoop.bureau.open_letter_sent.v1",
    "state": "dead",
    "attempts": 8,
    "next_attempt_at": None,
    "last_error": "503 Service Unavailable",
}

RESPONSE_EXAMPLES: dict[str, list[Any]] = {
    "SubscriptionView": [SUBSCRIPTION],
    "CreatedSubscription": [{**SUBSCRIPTION, "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}],
    "SubscriptionList": [{"subscriptions": [SUBSCRIPTION]}],
    "DeliveryList": [{"deliveries": [DELIVERY]}],
    "Requeued": [{"requeued": 1}],
    "CommandBody": [{"occurred_at": "2018-11-20T11:30:00Z"}],
    "AuditTrailView": [
        {
            "case_id": CASE_ID,
            "as_of": None,
            "on": None,
            "entries": [
                {
                    "event_id": EVENT_ID,
                    "stream": f"case:{CASE_ID}",
                    "stream_version": 1,
                    "type": "noncoop.referrals.court_decision_received.v1",
                    "source": "noncoop/referrals",
                    "rule": "P13",
                    "classification": "public",
                    "actor_role": "court",
                    "actor_id": "icc-registry",
                    "occurred_at": DECIDED_AT,
                    "recorded_at": REGISTERED_AT,
                    "hash": "5d41c2a8e0f3b6d9c7a1e4f2b8d0c6a3e9f1b7d5c3a0e8f6b4d2c9a7e5f3b1d0",
                    "prev_hash": None,
                    "correlation_id": "0160581e-3b9c-7d10-a2b3-c4d5e6f70819",
                    "causation_id": None,
                }
            ],
        }
    ],
    "ProceduralStateView": [
        {
            "case_id": CASE_ID,
            "on": "2018-01-31",
            "scenario": "7a",
            "status": "open",
            "rules": [
                {
                    "rule": "P13-forward",
                    "state": "done",
                    "why": "forwarded to all States Parties on 12 December 2017, on time",
                    "done_at": "2017-12-12T10:00:00Z",
                    "late": False,
                    "actor": "secretariat",
                },
                {
                    "rule": "P14b",
                    "state": "pending",
                    "why": "the open letter was sent on 30 January 2018; the reply is due by "
                    "28 February 2018",
                    "since": "2018-01-30T10:00:00Z",
                    "due_at": "2018-02-28T23:59:59Z",
                    "ref": "ICC-ASP/16/PRES/2018/02",
                },
                {
                    "rule": "P14e",
                    "state": "pending",
                    "why": "the Assembly notes the matter at its next session",
                    "due_session": {
                        "session_id": "asp-17",
                        "opens_on": "2018-12-05",
                        "closes_on": "2018-12-12",
                        "ongoing": False,
                    },
                },
            ],
            "next_due": {
                "rule": "P14b",
                "due_at": "2018-02-28T23:59:59Z",
                "ref": "ICC-ASP/16/PRES/2018/02",
            },
            "events": 6,
            "recorded_at": "2018-01-30T10:04:51Z",
            "audience": "bureau",
            "as_of": None,
        }
    ],
    "SealedCheckpoint": [{"checkpoint_id": 42, "checkpoint": CHECKPOINT}],
    "SealedNow": [
        {
            "checkpoint_id": 42,
            "checkpoint": CHECKPOINT,
            "tree_size": 1204,
            "note": "noncoop.local/audit-log\n1204\nSBNJTRN+FjG7owHVrKtue7eqdM4RhdRWVl71HXN2d7I=\n"
            "\n\u2014 noncoop.local/audit-log VUbgH7NtYJnIXbmAKeju98lRWNxBj34PAFoP+JRLgADKPEX/5Plg"
            "TrUD50UkqUkHKOBPsbb06flEg/yaAfSDGEfrjgk=\n",
        }
    ],
    "PublicKey": [PUBLIC_KEY],
    "PublicCaseList": [{"cases": [PUBLIC_SUMMARY]}],
    "PublicCase": [
        {
            **PUBLIC_SUMMARY,
            "entries": [
                {
                    "type": "noncoop.referrals.court_decision_received.v1",
                    "rule": "P13",
                    "occurred_at": DECIDED_AT,
                    "recorded_at": REGISTERED_AT,
                    "payload": {"decision": DECISION, "requested_state": REQUESTED_STATE},
                }
            ],
        }
    ],
    "ReportView": [REPORT],
    "ReportList": [
        {
            "items": [
                {
                    "report_id": REPORT["report_id"],
                    "session_id": REPORT["session_id"],
                    "status": "submitted",
                    "created_at": "2018-11-02T09:15:00Z",
                    "drafted_by": "secretariat:asp-sec-2",
                    "submitted_at": REPORT["submitted_at"],
                    "submitted_occurred_at": REPORT["submitted_occurred_at"],
                }
            ],
            "next_cursor": None,
        }
    ],
}

DRAFT_REQUEST: dict[str, Any] = {
    "session_id": SESSION_ID,
    "recommendations": "The Assembly may wish to call on all States Parties to cooperate "
    "fully with the Court.",
}
