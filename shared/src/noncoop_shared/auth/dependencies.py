"""FastAPI dependencies: who is calling, and may that role do this.

In a route::

    @router.post("/cases/{case_id}/close")
    async def close_case(
        principal: Annotated[Principal, Depends(require_roles(Role.SECRETARIAT))], ...
    ) -> ...

    @router.get("/register")                       # the public register: token optional
    async def register(principal: OptionalPrincipal) -> ...

Refusals are problems: 401 (``WWW-Authenticate: Bearer``, RFC 6750 §3) when the token is missing
or invalid, 403 naming the allowed roles when the role may not act. The verifier is the app's
(``app.state.token_verifier``, set by ``create_app``); tests may override
:func:`get_token_verifier`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

import structlog
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from noncoop_shared.auth.middleware import unauthenticated, verified_principal, verify_bearer
from noncoop_shared.auth.principal import Principal
from noncoop_shared.auth.roles import Role
from noncoop_shared.auth.tokens import TokenVerifier
from noncoop_shared.imports.marker import imported_entry
from noncoop_shared.web.problems import ProblemError, problem_type

log = structlog.get_logger(__name__)

# auto_error=False: a missing or malformed header must become our problem, not FastAPI's error.
# The scheme is still declared, so OpenAPI documents the bearer security of every route using it.
bearer_scheme = HTTPBearer(
    auto_error=False,
    scheme_name="bearer",
    bearerFormat="JWT",
    description="JWT bearer token; `noncoop-token` mints one for development.",
)


async def get_token_verifier(request: Request) -> TokenVerifier:
    """The app's verifier. A missing one is a wiring bug (500), not the client's fault.

    ``async`` although it awaits nothing: FastAPI would run a plain ``def`` in a thread.
    """
    verifier = getattr(request.app.state, "token_verifier", None)
    if not isinstance(verifier, TokenVerifier):
        raise RuntimeError("app.state.token_verifier is not set: build the app with create_app()")
    return verifier


BearerCredentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)]
AppTokenVerifier = Annotated[TokenVerifier, Depends(get_token_verifier)]


async def _authenticate(
    request: Request, credentials: HTTPAuthorizationCredentials | None, verifier: TokenVerifier
) -> Principal | None:
    """The principal of the request's bearer token; None when there is no Authorization header.

    Behind ``create_app`` the :class:`AuthenticationMiddleware` has verified the token before the
    body was read: its principal is taken as is. An entry of a history import, run in process,
    acts as the entry's actor: the import authenticated the importer and checked who may be
    imported (ADR 0017).
    """
    if (entry := imported_entry(request.scope)) is not None:
        return entry.actor
    principal = verified_principal(request.scope)
    if principal is None:
        authorization = request.headers.get("authorization")
        if authorization is None:
            return None
        principal = await verify_bearer(authorization, verifier)
    structlog.contextvars.bind_contextvars(
        actor_role=str(principal.role), actor_id=principal.subject
    )
    return principal


async def current_principal(
    request: Request, credentials: BearerCredentials, verifier: AppTokenVerifier
) -> Principal:
    """The authenticated caller; 401 without a valid bearer token."""
    principal = await _authenticate(request, credentials, verifier)
    if principal is None:
        raise unauthenticated("this endpoint needs a bearer token")
    return principal


async def optional_principal(
    request: Request, credentials: BearerCredentials, verifier: AppTokenVerifier
) -> Principal:
    """The caller, or the anonymous ``public`` principal when no token is sent.

    A token that is sent but invalid is still a 401: a client that believes it is
    authenticated must not silently get the public view.
    """
    principal = await _authenticate(request, credentials, verifier)
    return principal if principal is not None else Principal.anonymous()


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]
OptionalPrincipal = Annotated[Principal, Depends(optional_principal)]


def require_roles(*roles: Role) -> Callable[[Principal], Awaitable[Principal]]:
    """A dependency giving the authenticated caller if its role is one of ``roles``, else 403.

    Every command names the roles that may issue it (docs/architecture.md §8) through this.
    """
    if not roles:
        raise ValueError("require_roles() needs at least one role")
    allowed = tuple(dict.fromkeys(Role(role) for role in roles))

    async def principal_with_role(principal: CurrentPrincipal) -> Principal:
        if principal.role not in allowed:
            names = ", ".join(allowed)
            raise ProblemError(
                403,
                "Forbidden",
                f"only these roles may do this: {names}; the caller is {principal.role}",
                type_=problem_type("forbidden"),
                allowed_roles=list(allowed),
            )
        return principal

    return principal_with_role
