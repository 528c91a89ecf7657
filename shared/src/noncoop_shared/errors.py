"""Errors the domain and the store raise, free of any transport.

The web layer (``noncoop_shared.web.problems``) maps each one to an RFC 9457 problem: a rule
refusal or a version conflict is 409, an unknown case 404, a reused idempotency key 422. Keeping
them here means the pure domain never imports FastAPI.
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """Base of every error a command can end with that is not a bug."""

    title = "Domain error"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail

    def extensions(self) -> dict[str, Any]:
        """Fields added to the problem document besides type/title/status/detail."""
        return {}


class RuleViolationError(DomainError):
    """A command the procedures refuse ("hard" rules of docs/procedures.md).

    ``rule`` is the rule id (``P14d``, ``S7fn4``...), so the refused user is told which paragraph
    refuses the action. Subclasses are named ``<Subject><Problem>Error`` and fix ``rule``.
    """

    title = "Refused by the procedures"
    rule: str = ""

    def __init__(self, detail: str, *, rule: str | None = None) -> None:
        super().__init__(detail)
        if rule is not None:
            self.rule = rule
        if not self.rule:
            raise TypeError(f"{type(self).__name__} must name the rule it enforces")

    def extensions(self) -> dict[str, Any]:
        return {"rule": self.rule}


class InvalidTransitionError(DomainError):
    """A command that does not fit the current state of the stream (e.g. closing a closed case).

    Not a rule of the procedures, so it carries no rule id; still a 409 for the caller.
    """

    title = "Not possible in the current state"


class NotFoundError(DomainError):
    """The stream (case, roster...) does not exist, or the reader may not know that it exists."""

    title = "Not found"


class ConcurrencyConflictError(DomainError):
    """Another writer appended to the stream first (``UNIQUE(stream, version)``)."""

    title = "Version conflict"

    def __init__(self, stream: str, expected: int, actual: int | None) -> None:
        super().__init__(
            f"stream {stream} was expected at version {expected} but is at version {actual}; "
            "reload the stream and retry the command"
        )
        self.stream = stream
        self.expected = expected
        self.actual = actual

    def extensions(self) -> dict[str, Any]:
        return {
            "stream": self.stream,
            "expected_version": self.expected,
            "actual_version": self.actual,
        }


class IdempotencyKeyReusedError(DomainError):
    """The same Idempotency-Key was sent with a different command."""

    title = "Idempotency-Key reused for a different command"


class BusinessTimeOutOfBoundsError(DomainError):
    """A business time (``occurred_at``, or a date the command carries) that the procedures'
    rule on Time refuses: before 1 July 2002, before the fact it follows, or in the future.

    A 422 naming the field, with the rule ``Time`` (docs/procedures.md, Time).
    """

    title = "Business time out of bounds"
    rule = "Time"

    def __init__(self, detail: str, *, field: str = "body.occurred_at") -> None:
        super().__init__(detail)
        self.field = field

    def extensions(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "errors": [{"field": self.field, "message": self.detail, "type": "business_time"}],
        }


class EventTooLargeError(DomainError):
    """The event would be larger than the log takes (ADR 0022): refused at append, so no event is
    ever recorded that the relay could not publish. A 422 naming the event type and the limit."""

    title = "Event too large for the log"

    def __init__(self, event_type: str, size: int, limit: int) -> None:
        super().__init__(
            f"the {event_type} event would be {size} bytes; the log takes at most {limit}"
        )
        self.event_type = event_type
        self.size = size
        self.limit = limit

    def extensions(self) -> dict[str, Any]:
        return {"event_type": self.event_type, "limit_bytes": self.limit}
