"""The body of ``POST /v1/history-imports`` and its answer (ADR 0017)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from noncoop_shared.auth.roles import RegionalGroup, Role

CASE_PLACEHOLDERS = ("{case_id}", "{id}")
"""Written in an entry's path (or as a whole string value of its body), stands for the import's
case id: given, or learnt from the entry that opened the case."""

MAX_ENTRIES = 1000


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


class HistoryEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    command: EntryCommand
    actor: EntryActor


class HistoryImport(BaseModel):
    """One case's history for this service, in the order it is to be recorded."""

    model_config = ConfigDict(extra="forbid")

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
    case_id: str | None
    entries: list[EntryOutcome]
    settled_deadlines: list[SettledDeadline] = Field(
        description="deadlines still open at the end whose due instant lies before the latest "
        "business time of the import, recorded overdue in the same transaction"
    )
