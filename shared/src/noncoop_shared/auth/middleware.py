"""Authentication before the body is read (docs/architecture.md §8; ADR 0021).

FastAPI reads and parses a request's body before it solves the route's dependencies, so a route
that authenticates through ``current_principal`` alone still reads a megabyte from anyone. This
ASGI middleware verifies the bearer token from the headers, before anything reads the body, and
answers 401 itself when the route needs a caller and there is none (or a bad one).

Each route's access is decided once, from the app's routes (:func:`route_access_table`):

- ``OPEN``: health (and, in development, the API docs and metrics): the token is not looked at;
- ``OPTIONAL``: routes that depend on ``optional_principal`` (the public register): anonymous
  passes, a token that is sent must be valid (401 otherwise);
- ``REQUIRED``: every other route, and any path no route matches (an anonymous caller learns
  nothing of which paths exist).

The principal verified here is left in the scope; ``current_principal`` and
``optional_principal`` take it from there instead of verifying again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

import structlog
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.routing import compile_path
from starlette.types import ASGIApp, Receive, Scope, Send

from noncoop_shared.auth.principal import Principal
from noncoop_shared.auth.tokens import InvalidTokenError, KeySetUnavailableError, TokenVerifier
from noncoop_shared.imports.marker import imported_entry
from noncoop_shared.web.problems import ProblemError, problem_type

log = structlog.get_logger(__name__)

#: Where the verified principal waits for the route's dependency. No client can set a scope key.
PRINCIPAL_SCOPE_KEY = "noncoop.principal"

#: An Authorization header longer than this is refused unread (a token is a few hundred bytes).
MAX_AUTHORIZATION_BYTES = 4096 + len("Bearer ")


class Access(Enum):
    OPEN = "open"
    OPTIONAL = "optional"
    REQUIRED = "required"


@dataclass(frozen=True)
class RouteAccess:
    pattern: re.Pattern[str]
    methods: frozenset[str] | None
    access: Access


class RouteAccessTable:
    """The access of a (method, path), matched like Starlette matches routes: first full match."""

    def __init__(self, routes: Iterable[RouteAccess]) -> None:
        self._routes = tuple(routes)

    @classmethod
    def of(cls, routes: Iterable[tuple[str, Iterable[str] | None, Access]]) -> RouteAccessTable:
        """From (path template, methods or None for any, access)."""
        return cls(
            RouteAccess(
                compile_path(path)[0],
                frozenset(m.upper() for m in methods) if methods is not None else None,
                access,
            )
            for path, methods, access in routes
        )

    def access(self, method: str, path: str) -> Access:
        for route in self._routes:
            if route.pattern.match(path) and (route.methods is None or method in route.methods):
                return route.access
        return Access.REQUIRED


def unauthenticated(detail: str, error: str | None = None) -> ProblemError:
    """The 401 problem, with the RFC 6750 §3 challenge (error codes let a client tell "get a new
    token" from "fix the request")."""
    challenge = 'Bearer realm="noncoop"'
    if error is not None:
        # A header is ASCII and the description a quoted string: keep the printable ASCII only
        # (RFC 6750 §3: %x20-21 / %x23-5B / %x5D-7E), and not much of it.
        description = "".join(c for c in detail if " " <= c <= "~" and c not in '"\\')[:200]
        challenge += f', error="{error}", error_description="{description}"'
    return ProblemError(
        401,
        "Unauthorized",
        detail,
        type_=problem_type("unauthenticated"),
        headers={"WWW-Authenticate": challenge},
    )


def bearer_token(authorization: str) -> str:
    """The token of an ``Authorization: Bearer <token>`` header; else the 401 problem."""
    if len(authorization) > MAX_AUTHORIZATION_BYTES:
        raise unauthenticated(
            f"the Authorization header is longer than {MAX_AUTHORIZATION_BYTES} bytes",
            "invalid_request",
        )
    scheme, _, token = authorization.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise unauthenticated(
            "the Authorization header must be 'Bearer <token>'", "invalid_request"
        )
    return token


async def verify_bearer(authorization: str, verifier: TokenVerifier) -> Principal:
    """The principal of an Authorization header; the 401 (or 503) problem otherwise."""
    token = bearer_token(authorization)
    try:
        # A JWKS lookup may fetch keys over the network (blocking): keep it off the event loop.
        if verifier.fetches_keys:
            return await run_in_threadpool(verifier.verify, token)
        return verifier.verify(token)
    except InvalidTokenError as exc:
        log.info("auth.token_refused", reason=str(exc))
        raise unauthenticated(str(exc), "invalid_token") from exc
    except KeySetUnavailableError as exc:
        log.error("auth.jwks_unavailable", error=str(exc))
        raise ProblemError(
            503,
            "Service Unavailable",
            "the keys to verify tokens cannot be fetched right now; retry later",
            type_=problem_type("auth-keys-unavailable"),
        ) from exc


def verified_principal(scope: Mapping[str, Any]) -> Principal | None:
    """The principal this middleware verified for the request, if it did."""
    principal = scope.get(PRINCIPAL_SCOPE_KEY)
    return principal if isinstance(principal, Principal) else None


class AuthenticationMiddleware:
    """Verifies the bearer token before the body is read; 401 when the route needs a caller.

    ``access_table`` is called on the first request (the app's routes are complete by then).
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        verifier: Callable[[], TokenVerifier],
        access_table: Callable[[], RouteAccessTable],
    ) -> None:
        self.app = app
        self._verifier = verifier
        self._access_table = access_table
        self._table: RouteAccessTable | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or imported_entry(scope) is not None:
            # An entry of a history import acts as its actor, authenticated by the import.
            await self.app(scope, receive, send)
            return
        if self._table is None:
            self._table = self._access_table()
        access = self._table.access(scope["method"], scope["path"])
        authorization = Headers(scope=scope).get("authorization")
        if access is not Access.OPEN:
            try:
                if authorization is not None:
                    scope[PRINCIPAL_SCOPE_KEY] = await verify_bearer(
                        authorization, self._verifier()
                    )
                elif access is Access.REQUIRED:
                    raise unauthenticated("this endpoint needs a bearer token")
            except ProblemError as problem:
                await problem.to_response()(scope, receive, send)
                return
        await self.app(scope, receive, send)
