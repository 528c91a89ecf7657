"""``create_app``: the one place a service's FastAPI app is assembled.

Every service gets the same plumbing, in this order from the outside in::

    SecurityHeadersMiddleware    CSP, nosniff, no framing, no referrer, no-store (ADR 0021)
    CorrelationIdMiddleware      binds the id first, so every line and response below carries it
    RequestMetricsMiddleware     times everything, refusals and 500s included
    AuthenticationMiddleware     401 from the headers alone, before any byte of the body is read
    BodySizeLimitMiddleware      413 before a byte is parsed
    StorableRequestLineMiddleware 422 for NUL or a lone surrogate in the path or the query
    JsonContentTypeMiddleware    415
    JsonBodyMiddleware           422 for a JSON structure past its bounds (keys, items, depth,
                                 values) or with NUL or a lone surrogate anywhere
    UnhandledErrorMiddleware     500 problem, still inside the ones above
    (exception handlers, routes)

and the routes ``/health/live``, ``/health/ready`` (anonymous) and ``/metrics`` (anonymous in
development only, and then without the series that tell who did what). Every other route must
authenticate (docs/architecture.md §8): ``create_app`` refuses to build an app with a route that
depends on neither ``current_principal`` nor ``optional_principal``, so a forgotten dependency
fails at start-up, not in production; and the authentication middleware derives from the same
dependencies which routes it lets through without a token (``auth.middleware``).
``optional_principal`` is for the public register only. Outside development (``NONCOOP_ENV``) the
API docs need a token too.

The OpenAPI document is completed for integrators (``web.openapi``, ADR 0036): operation ids are
the endpoint functions' names, ``servers`` is ``settings.public_url()``, each operation's
``security`` is the access the middleware gives it (from the same table), command answers are
typed and every operation carries examples.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts

from noncoop_shared.auth.dependencies import current_principal, optional_principal
from noncoop_shared.auth.middleware import Access, AuthenticationMiddleware, RouteAccessTable
from noncoop_shared.auth.tokens import TokenVerifier
from noncoop_shared.logging import configure_logging
from noncoop_shared.privacy.keyring import Keyring
from noncoop_shared.settings import ServiceSettings
from noncoop_shared.tracing import configure_tracing
from noncoop_shared.web.commands import CommandRecorded
from noncoop_shared.web.correlation import CorrelationIdMiddleware
from noncoop_shared.web.health import ReadinessCheck, health_router
from noncoop_shared.web.json_bounds import JsonLimits
from noncoop_shared.web.limits import (
    BodySizeLimitMiddleware,
    JsonBodyMiddleware,
    JsonContentTypeMiddleware,
    StorableRequestLineMiddleware,
)
from noncoop_shared.web.metrics import Metrics, RequestMetricsMiddleware, metrics_router
from noncoop_shared.web.openapi import (
    add_component_schemas,
    add_examples,
    declare_security,
    operation_id,
    type_command_answers,
)
from noncoop_shared.web.problems import (
    PROBLEM_SCHEMAS,
    install_problem_handlers,
    problem_responses,
)
from noncoop_shared.web.security_headers import SecurityHeadersMiddleware
from noncoop_shared.web.threadless import refuse_threaded_calls

Lifespan = Callable[[FastAPI], AbstractAsyncContextManager[None]]

_AUTHENTICATING = (current_principal, optional_principal)

#: Problems any route may answer, documented on every operation.
COMMON_PROBLEM_STATUSES = (413, 415, 422, 500)
#: Problems of a route behind the bearer scheme, documented on every such operation.
AUTH_PROBLEM_STATUSES = (401, 403)


def _authenticates(dependant: Dependant) -> bool:
    return any(
        dependency.call in _AUTHENTICATING or _authenticates(dependency)
        for dependency in dependant.dependencies
    )


def _unauthenticated_routes(app: FastAPI, anonymous: Iterable[APIRouter]) -> list[str]:
    """Routes of ``app`` outside ``anonymous`` whose dependencies never authenticate.

    Walks the *effective* routes, so dependencies given to ``include_router`` count too.
    """
    exempt = {id(route) for router in anonymous for route in router.routes}
    return [
        f"{','.join(sorted(context.methods or ()))} {context.path}"
        for context in iter_route_contexts(app.routes)
        if isinstance(context.original_route, APIRoute)
        and id(context.original_route) not in exempt
        and not _authenticates(context.dependant)
    ]


def _route_accesses(
    app: FastAPI,
    *,
    open_routers: Iterable[APIRouter],
    operator_routers: Iterable[APIRouter],
    development: bool,
) -> list[tuple[str, frozenset[str], Access]]:
    """Each route's (path template, methods, access), for the middleware and the document.

    ``open_routers`` (health) are open; a route that depends on ``optional_principal`` (and not
    on ``current_principal``) takes an optional token; everything else needs a token.
    ``operator_routers`` (``/metrics``, which shows anonymous callers only its unrevealing part,
    see ``web.metrics``) are anonymous in development only.
    """
    open_ids = {id(route) for router in open_routers for route in router.routes}
    operator_ids = {id(route) for router in operator_routers for route in router.routes}
    entries: list[tuple[str, frozenset[str], Access]] = []
    for context in iter_route_contexts(app.routes):
        if not isinstance(context.original_route, APIRoute) or context.path is None:
            continue
        route = id(context.original_route)
        if route in open_ids:
            access = Access.OPEN
        elif (
            _depends_on(context.dependant, optional_principal)
            and not _depends_on(context.dependant, current_principal)
            and (development or route not in operator_ids)
        ):
            access = Access.OPTIONAL
        else:
            access = Access.REQUIRED
        entries.append((context.path, frozenset(context.methods or ()), access))
    return entries


def _access_table(
    app: FastAPI,
    *,
    open_routers: Iterable[APIRouter],
    operator_routers: Iterable[APIRouter],
    development: bool,
) -> RouteAccessTable:
    """Each route's access for :class:`AuthenticationMiddleware` (see ``auth.middleware`` and
    :func:`_route_accesses`); the API docs are anonymous in development only."""
    docs = [app.openapi_url, app.docs_url, app.redoc_url, app.swagger_ui_oauth2_redirect_url]
    entries: list[tuple[str, Iterable[str] | None, Access]] = [
        (path, None, Access.OPEN if development else Access.REQUIRED) for path in docs if path
    ]
    entries += _route_accesses(
        app, open_routers=open_routers, operator_routers=operator_routers, development=development
    )
    return RouteAccessTable.of(entries)


def _depends_on(dependant: Dependant, call: Callable[..., Any]) -> bool:
    return any(
        dependency.call is call or _depends_on(dependency, call)
        for dependency in dependant.dependencies
    )


def _openapi(
    app: FastAPI,
    access: Callable[[], Iterable[tuple[str, frozenset[str], Access]]],
    examples: Mapping[str, Sequence[Any]],
) -> Callable[[], dict[str, Any]]:
    """FastAPI's own schema, completed for integrators (``web.openapi``, ADR 0036): the problem
    schemas, each operation's security as the edge decides it (``access``) with its 401/403,
    typed command answers and the examples."""
    generate = app.openapi
    auth_responses = {
        int(status): response
        for status, response in problem_responses(*AUTH_PROBLEM_STATUSES).items()
    }

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = generate()  # FastAPI caches it in app.openapi_schema; completed once here
            add_component_schemas(schema, PROBLEM_SCHEMAS)
            granted = {
                (path, method): access_ for path, methods, access_ in access() for method in methods
            }
            declare_security(schema, granted, auth_responses)
            type_command_answers(schema, CommandRecorded)
            add_examples(schema, examples)
            app.openapi_schema = schema
        return app.openapi_schema

    return openapi


def create_app(
    settings: ServiceSettings,
    *,
    title: str,
    version: str,
    routers: Sequence[APIRouter] = (),
    lifespan: Lifespan | None = None,
    readiness_checks: Mapping[str, ReadinessCheck] | None = None,
    degraded_checks: Mapping[str, ReadinessCheck] | None = None,
    description: str = "",
    keyring: Callable[[], Keyring | None] = lambda: None,
    examples: Mapping[str, Sequence[Any]] | None = None,
) -> FastAPI:
    """A service's app: its ``routers`` behind the shared plumbing (see the module docstring).

    ``app.state`` holds ``settings``, ``token_verifier`` and ``metrics`` (take gauges from it in
    the lifespan). ``keyring`` gives the running service's keyring (routes open personal data
    themselves, in the fields their views declare, ADR 0022). Configures logging for
    ``settings.service_name``. Raises ``ValueError`` if a route of ``routers`` does not
    authenticate its caller. ``examples`` (component schema name -> examples) documents the
    models a service uses without defining them; its own models carry their examples.
    """
    app = FastAPI(
        title=title,
        version=version,
        description=description
        or "Errors are RFC 9457 problem details (application/problem+json). Every endpoint but "
        "health and the public register needs a bearer token (JWT).",
        lifespan=lifespan,
        responses=problem_responses(*COMMON_PROBLEM_STATUSES),
        servers=[
            {
                "url": settings.public_url(),
                "description": f"{settings.service_name} ({settings.environment})",
            }
        ],
        generate_unique_id_function=operation_id,
        # FastAPI's own OpenTelemetry server span (child of a caller's traceparent) is the root
        # of a command's trace (ADR 0029). Not its metrics (Prometheus has ours) nor its logs
        # (they would carry exception messages, which may quote personal data: ADR 0021).
        telemetry={"tracing": True, "metrics": False, "logs": False},
    )
    metrics = Metrics(service=settings.service_name)
    app.state.settings = settings
    app.state.token_verifier = TokenVerifier.from_settings(settings)
    app.state.metrics = metrics

    health, metrics_routes = health_router(readiness_checks, degraded_checks), metrics_router()
    development = settings.environment == "development"
    # add_middleware wraps the app built so far: the first added ends innermost.
    install_problem_handlers(app)
    app.add_middleware(
        JsonBodyMiddleware,
        limits=JsonLimits(
            max_json_depth=settings.max_json_depth,
            max_json_object_keys=settings.max_json_object_keys,
            max_json_array_items=settings.max_json_array_items,
            max_json_values=settings.max_json_values,
        ),
    )
    app.add_middleware(JsonContentTypeMiddleware)
    app.add_middleware(StorableRequestLineMiddleware)
    app.add_middleware(BodySizeLimitMiddleware, max_body_bytes=settings.max_body_bytes)
    app.add_middleware(
        AuthenticationMiddleware,
        verifier=lambda: app.state.token_verifier,
        access_table=lambda: _access_table(
            app, open_routers=(health,), operator_routers=(metrics_routes,), development=development
        ),
    )
    app.add_middleware(RequestMetricsMiddleware, metrics=metrics)
    app.add_middleware(CorrelationIdMiddleware)
    app.add_middleware(
        SecurityHeadersMiddleware,
        docs_paths=[path for path in (app.docs_url, app.redoc_url) if path],
    )

    for router in (health, metrics_routes, *routers):
        app.include_router(router)
    unauthenticated = _unauthenticated_routes(app, (health,))
    if unauthenticated:
        raise ValueError(
            "every route must depend on current_principal (or optional_principal for the public "
            f"register); these do not: {', '.join(unauthenticated)}"
        )
    refuse_threaded_calls(app.routes)
    app.openapi = _openapi(  # type: ignore[method-assign]
        app,
        lambda: _route_accesses(
            app, open_routers=(health,), operator_routers=(metrics_routes,), development=development
        ),
        examples or {},
    )
    configure_logging(settings.service_name, settings.log_level)
    configure_tracing(settings.service_name)
    return app
