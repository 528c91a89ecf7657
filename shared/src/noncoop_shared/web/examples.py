"""Example values for the OpenAPI documents (ADR 0036): one story every service's examples tell.

A Court decision finding that a State Party did not arrest and surrender a person subject to a
warrant (the Al Bashir case, ICC-02/05-01/09), referred to the Assembly and the Security
Council. The values are taken from the public record; ids are UUIDv7 of the same days. A test
validates every example against its schema, so they cannot drift from the models.
"""

from __future__ import annotations

from typing import Any

from pydantic import ConfigDict

CASE_ID = "0160581e-3c00-7a6b-9c1d-2e3f4a5b6c7d"
"""A case opened on 11 December 2017."""

DECISION: dict[str, Any] = {
    "reference": "ICC-02/05-01/09-309",
    "date": "2017-12-11",
    "chamber": "Pre-Trial Chamber II",
    "legal_basis": "87(7)",
    "referred_to_assembly": True,
    "referred_to_security_council": True,
}
REQUESTED_STATE: dict[str, Any] = {
    "name": "Hashemite Kingdom of Jordan",
    "code": "JOR",
    "status": "state_party",
}
COURT_REQUEST: dict[str, Any] = {
    "article": "89",
    "reference": "ICC-02/05-01/09-1",
    "date": "2009-03-04",
}
PERSON: dict[str, Any] = {
    "name": "Omar Hassan Ahmad Al Bashir",
    "warrant_reference": "ICC-02/05-01/09-1",
}
REGISTERED_AT = "2017-12-11T16:20:05Z"
"""When the decision was recorded (record time); it was taken that day (business time)."""
DECIDED_AT = "2017-12-11T15:00:00Z"

EVENT_ID = "0160581e-3d4a-7b21-8f3e-4c5d6e7f8091"
SESSION_ID = "asp-16"
SESSION: dict[str, Any] = {
    "session_id": SESSION_ID,
    "number": 16,
    "kind": "regular",
    "starts_on": "2017-12-04",
    "ends_on": "2017-12-14",
    "venue": "United Nations Headquarters, New York",
    "takes_up_non_cooperation": False,
}


def with_examples(*examples: dict[str, Any]) -> ConfigDict:
    """A model's config giving its JSON schema ``examples`` (merged with its parents' config)."""
    return ConfigDict(json_schema_extra={"examples": list(examples)})
