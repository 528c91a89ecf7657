"""A service's refusal in the console's own words: the heading of a problem+json.

The services' ``title``s are English and part of their API contract (ADR 0039): the console
does not show them as they are, it maps the problem's ``type`` (its slug after
``https://noncoop.example/problems/``) to a key of its catalogue, and a type it does not know
to a title by the status. The ``detail`` is shown as the service wrote it: it cites the rule
and the facts, which the console has no words of its own for.
"""

from __future__ import annotations

from console.backends import Problem
from noncoop_shared.web.problems import PROBLEM_TYPE_BASE

#: The problem types the services answer (``noncoop_shared.web.problems``'s table, the auth
#: middleware and dependencies, the body limits, health, reporting's own), by slug.
TYPE_TITLES: dict[str, str] = {
    "rule-violation": "problem:rule-violation",
    "invalid-transition": "problem:invalid-transition",
    "version-conflict": "problem:version-conflict",
    "not-found": "problem:not-found",
    "idempotency-key-reused": "problem:idempotency-key-reused",
    "business-time-out-of-bounds": "problem:business-time-out-of-bounds",
    "domain-error": "problem:domain-error",
    "validation-error": "problem:validation-error",
    "json-limit-exceeded": "problem:validation-error",
    # reporting's 422 for a draft it cannot draw (no session on the calendar...)
    "validation": "problem:unprocessable",
    "unauthenticated": "problem:status:401",
    "forbidden": "problem:status:403",
    "content-too-large": "problem:status:413",
    "unsupported-media-type": "problem:status:415",
    "internal-error": "problem:status:500",
    "not-ready": "problem:status:503",
    "auth-keys-unavailable": "problem:status:503",
    "audit-log-unavailable": "problem:status:503",
}

#: Domain errors without a type of their own (``domain-error``) that have a title of their own.
DOMAIN_ERROR_TITLES: dict[str, str] = {
    "Event too large for the log": "problem:event-too-large",
}

#: A type the console does not know: a title by the status...
STATUS_TITLES = frozenset({400, 401, 403, 404, 409, 413, 415, 422, 429, 500, 502, 503, 504})
#: ...or by its class.
CLIENT_ERROR = "problem:client-error"
SERVER_ERROR = "problem:server-error"


def slug_of(problem_type: str) -> str:
    """``rule-violation`` for ``https://noncoop.example/problems/rule-violation``; empty for
    ``about:blank`` or a type outside the services' base."""
    if not problem_type.startswith(PROBLEM_TYPE_BASE):
        return ""
    return problem_type.removeprefix(PROBLEM_TYPE_BASE)


def title_key(problem: Problem) -> str:
    """The catalogue key of the heading to show for ``problem``."""
    slug = slug_of(problem.type)
    if slug == "domain-error" and problem.title in DOMAIN_ERROR_TITLES:
        return DOMAIN_ERROR_TITLES[problem.title]
    if slug in TYPE_TITLES:
        return TYPE_TITLES[slug]
    if problem.status in STATUS_TITLES:
        return f"problem:status:{problem.status}"
    return CLIENT_ERROR if 400 <= problem.status < 500 else SERVER_ERROR


def all_keys() -> set[str]:
    """Every key :func:`title_key` can give (each needs its words in both catalogues)."""
    return (
        set(TYPE_TITLES.values())
        | set(DOMAIN_ERROR_TITLES.values())
        | {f"problem:status:{status}" for status in STATUS_TITLES}
        | {CLIENT_ERROR, SERVER_ERROR}
    )
