"""Plain values that cross the store's boundary."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from noncoop_shared.access import Classification
from noncoop_shared.canonical import canonical_json
from noncoop_shared.catalogue.base import EventPayload
from noncoop_shared.envelope import Envelope
from noncoop_shared.errors import EventTooLargeError
from noncoop_shared.kafka import MAX_EVENT_BYTES


@dataclass(frozen=True)
class NewEvent:
    """An event ready to append: the payload plus who did it, when, and why."""

    payload: EventPayload
    occurred_at: datetime
    actor_role: str
    actor_id: str
    classification: Classification
    correlation_id: str
    causation_id: str | None = None
    rule: str | None = None
    """The rule the event fulfils, when it depends on the case; ``None``: the catalogue's."""


class IdempotencyKeyTakenError(Exception):
    """A concurrent twin saved the first result of this Idempotency-Key first: this
    transaction must roll back, and the twin's result is the answer (any store)."""

    def __init__(self, key: str) -> None:
        super().__init__(f"idempotency key {key!r} was saved by a concurrent command")
        self.key = key


@dataclass(frozen=True)
class IdempotentResult:
    """The first response to a command sent with an Idempotency-Key."""

    key: str
    principal: str
    fingerprint: str
    status_code: int
    body: str


def command_fingerprint(principal: str, route: str, body: Any) -> str:
    """SHA-256 of who sent what where: a reused key with another command is refused."""
    return hashlib.sha256(canonical_json({"p": principal, "r": route, "b": body})).hexdigest()


def check_publishable(envelope: Envelope) -> None:
    """Refuse at append an event the log could never take: the first line against a record that
    would stop the relay (ADR 0022; the relay's dead-letter table is the second)."""
    size = len(envelope.to_bytes()) + len(envelope.subject.encode("utf-8"))
    if size > MAX_EVENT_BYTES:
        raise EventTooLargeError(envelope.type, size, MAX_EVENT_BYTES)
