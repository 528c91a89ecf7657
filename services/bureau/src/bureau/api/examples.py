"""Examples of the Bureau API's answers whose models live outside ``api/`` (ADR 0036)."""

from __future__ import annotations

from typing import Any

from noncoop_shared.web.examples import CASE_ID, DECIDED_AT, SESSION

FORMAL_RESPONSE_VIEW: dict[str, Any] = {
    "case_id": CASE_ID,
    "opened": True,
    "referred_to_security_council": True,
    "stopped": None,
    "remaining_steps_at_stop": [],
    "steps": [
        {
            "step": "open_letter_sent",
            "rule": "P14b",
            "occurred_at": "2018-01-30T10:00:00Z",
            "facilitator": None,
            "detail": {
                "letter_reference": "ICC-ASP/16/PRES/2018/02",
                "reply_due_on": "2018-02-28",
            },
        }
    ],
    "version": 2,
    "timeline": [
        {
            "event_id": "0160581e-4e10-7f3a-8b2c-5d6e7f809a1b",
            "type": "noncoop.bureau.formal_response_opened.v1",
            "rule": "P13",
            "classification": "public",
            "occurred_at": DECIDED_AT,
            "recorded_at": "2017-12-11T16:20:06Z",
            "actor_role": "system",
            "actor_id": "bureau-policies",
            "stream_version": 1,
        },
        {
            "event_id": "01614543-a800-7c1d-9e2f-3a4b5c6d7e8f",
            "type": "noncoop.bureau.open_letter_sent.v1",
            "rule": "P14b",
            "classification": "public",
            "occurred_at": "2018-01-30T10:00:00Z",
            "recorded_at": "2018-01-30T10:04:51Z",
            "actor_role": "president",
            "actor_id": "asp-president",
            "stream_version": 2,
        },
    ],
}

RESPONSE_EXAMPLES: dict[str, list[Any]] = {
    "FormalResponseView": [FORMAL_RESPONSE_VIEW],
    "CalendarSession": [SESSION],
    "Meeting": [
        {
            "meeting_id": "bureau-2018-01",
            "meets_on": "2018-01-17",
            "emergency": False,
            "held_on": "2018-01-17",
            "decisions": ["The Bureau invites Jordan to a meeting to exchange views."],
        }
    ],
}
