"""The body of ``POST /v1/history-imports`` and its answer (ADR 0017)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from noncoop_shared.auth.roles import RegionalGroup, Role
from noncoop_shared.web.examples import (
    CASE_ID,
    DECIDED_AT,
    DECISION,
    EVENT_ID,
    REQUESTED_STATE,
)

CASE_PLACEHOLDERS = ("{case_id}", "{id}")
"""Written in an entry's path (or as a whole string value of its body), stands for the import's
case id: given, or learnt from the entry that opened the case."""

MAX_ENTRIES = 500

_FORWARDED_EXAMPLE_TYPE = "noncoop.referrals.decision_forwarded_to_states_parties.v1"


class EntryActor(BaseModel):
    """Who did it in the world: recorded as the event's actor, as if that actor had sent it."""

    model_config = ConfigDict(extra="forbid")

    role: Role = Field(description="any role but public: the public records nothing")
    id: str = Field(min_length=1, max_length=200)
    region: RegionalGroup | None = Field(default=None, description="a focal point's group")
    state: str | None = Field(default=None, max_length=200, description="a State Party's code")

    @field_validator("role")
    @classmethod
    def _not_public(cls, role: Role) -> Role:
        if role is Role.PUBLIC:
            raise ValueError("the public records nothing: an entry's actor has another role")
        return role


class EntryCommand(BaseModel):
    """One command as a client would send it: ``POST`` to a route of this service."""

    model_config = ConfigDict(extra="forbid")

    method: Literal["POST"] = "POST"
    path: str = Field(
        min_length=1,
        max_length=500,
        # Printable ASCII without "?" or "#": a command's path, no query.
        pattern=r"^/v1/[\x21\x22\x24-\x3e\x40-\x7e]*$",
        examples=["/v1/cases/{case_id}/forwarding"],
    )
    body: dict[str, Any] = Field(
        description="the route's own body; its occurred_at (business time) is required here"
    )

    @field_validator("body")
    @classmethod
    def _plain_json(cls, body: dict[str, Any]) -> dict[str, Any]:
        problem = _unfit_body(body)
        if problem is not None:
            raise ValueError(problem)
        return body


MAX_BODY_DEPTH = 32
"""No command body of the services nests deeper; the import walks bodies recursively."""


def _unfit_body(body: dict[str, Any]) -> str | None:
    """Why ``body`` cannot be a command body here, or None. Walked without recursion, so a
    deeply nested body is refused, never a crash."""
    stack: list[tuple[Any, int]] = [(body, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, float):
            # No command takes a number with a fraction, and the import's fingerprint
            # (canonical JSON) has no form for one.
            return "a command body holds no number with a fraction (write it as text)"
        if isinstance(value, dict | list):
            if depth > MAX_BODY_DEPTH:
                return f"a command body nests at most {MAX_BODY_DEPTH} levels"
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)
    return None


class HistoryEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    command: EntryCommand
    actor: EntryActor


class HistoryImport(BaseModel):
    """One case's history for this service, in the order it is to be recorded."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "entries": [
                        {
                            "command": {
                                "method": "POST",
                                "path": "/v1/court-referrals",
                                "body": {
                                    "decision": DECISION,
                                    "requested_state": REQUESTED_STATE,
                                    "occurred_at": DECIDED_AT,
                                },
                            },
                            "actor": {"role": "court", "id": "icc-registry"},
                        },
                        {
                            "command": {
                                "method": "POST",
                                "path": "/v1/cases/{case_id}/forwarding",
                                "body": {
                                    "communication_reference": "ICC-ASP/16/SP/78",
                                    "occurred_at": "2017-12-12T10:00:00Z",
                                },
                            },
                            "actor": {"role": "secretariat", "id": "asp-secretariat"},
                        },
                    ]
                }
            ]
        },
    )

    case_id: str | None = Field(
        default=None,
        pattern=r"^[0-9a-f-]{36}$",
        description="the case; omit it when the first entry opens the case (referrals)",
    )
    entries: list[HistoryEntry] = Field(min_length=1, max_length=MAX_ENTRIES)


class EntryOutcome(BaseModel):
    index: int
    status: int
    answer: dict[str, Any] = Field(description="what the route answered, as to a live command")


class SettledDeadline(BaseModel):
    stream: str
    kind: str
    rule: str
    due_at: str
    event_id: str | None = Field(description="the overdue event, or null if nothing was due")


class HistoryImported(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "case_id": CASE_ID,
                    "entries": [
                        {
                            "index": 0,
                            "status": 201,
                            "answer": {
                                "case_id": CASE_ID,
                                "stream_version": 1,
                                "events": [
                                    {
                                        "id": EVENT_ID,
                                        "type": "noncoop.referrals.court_decision_received.v1",
                                        "classification": "public",
                                    }
                                ],
                            },
                        },
                        {
                            "index": 1,
                            "status": 200,
                            "answer": {
                                "case_id": CASE_ID,
                                "stream_version": 2,
                                "events": [
                                    {
                                        "id": "0160581e-3d4a-7b21-8f3e-4c5d6e7f8092",
                                        "type": _FORWARDED_EXAMPLE_TYPE,
                                        "classification": "public",
                                    }
                                ],
                            },
                        },
                    ],
                    "settled_deadlines": [
                        {
                            "stream": f"case:{CASE_ID}",
                            "kind": "press_release",
                            "rule": "P13-press",
                            "due_at": "2017-12-12T15:00:00+00:00",
                            "event_id": "0160581e-3d4a-7b21-8f3e-4c5d6e7f8093",
                        }
                    ],
                }
            ]
        }
    )

    case_id: str | None
    entries: list[EntryOutcome]
    settled_deadlines: list[SettledDeadline] = Field(
        description="deadlines still open at the end whose due instant lies before the latest "
        "business time of the import, recorded overdue in the same transaction"
    )
