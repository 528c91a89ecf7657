"""The console: server-rendered pages over the four services' APIs (ADR 0038). No database, no
Kafka: everything it shows it reads from the services, as the signed-in person."""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx
import structlog
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.requests import Request
from starlette.responses import Response

from console.backends import Backends
from console.cross_site import arrives_from_another_site_without_session, reopen_page
from console.errors import install_error_pages
from console.i18n import load_translations
from console.oidc import OidcClient
from console.pages import auth, calendar, case, cases, commands, reports, roster
from console.rendering import Pages
from console.session import COOKIE, Session, SessionSealer, set_session, write_cookie
from console.settings import ConsoleSettings, session_key_bytes
from console.state import Console
from noncoop_shared.auth.principal import Principal
from noncoop_shared.auth.tokens import InvalidTokenError, KeySetUnavailableError
from noncoop_shared.web.threadless import refuse_threaded_calls

log = structlog.get_logger(__name__)

VERSION = "0.1.0"
STATIC = Path(__file__).parent / "static"

#: Every page's router, in the order their paths are tried.
ROUTERS = (
    auth.router,
    cases.router,
    case.router,
    calendar.router,
    roster.router,
    reports.router,
    commands.router,
)
#: Pages show case data: never kept by a shared cache or the browser's history cache, never
#: framed, no script or style from anywhere else.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}
#: Outside development the console is reached over HTTPS only: a browser that has seen it once
#: never tries plain HTTP again, where the session cookie's first request could be stripped.
HSTS = {"Strict-Transport-Security": "max-age=31536000"}
MAX_FORM_BYTES = 512 * 1024
"""The largest request body the console reads: a form holds at most 20,000 characters (the
recommendations), 240 kB once UTF-8 and percent-encoded; without a bound, one request of a few
hundred megabytes of fields took a replica past its memory limit."""


def build_app(
    settings: ConsoleSettings | None = None,
    *,
    transports: dict[str, httpx.AsyncBaseTransport] | None = None,
    oidc_transport: httpx.AsyncBaseTransport | None = None,
) -> FastAPI:
    """The console. ``transports`` reach the services and ``oidc_transport`` the identity
    provider (tests hand in in-process ones; by default, the network)."""
    settings = settings or ConsoleSettings()
    key = session_key_bytes(settings.session_key) if settings.session_key else os.urandom(32)
    pages = Pages(load_translations())
    console = Console(
        settings=settings,
        pages=pages,
        backends=Backends(
            settings.service_urls(),
            timeout_seconds=settings.service_timeout_seconds,
            transports=transports,
        ),
        verifier=settings.token_verifier(),
        sealer=SessionSealer(key),
        oidc=OidcClient(settings, oidc_transport) if settings.oidc_enabled else None,
    )
    # No OpenAPI, no /docs: the console is pages for people; its API is the four services'.
    # A body past MAX_FORM_BYTES is a 413 as it streams, before any form is parsed.
    app = FastAPI(
        title="noncoop console",
        version=VERSION,
        openapi_url=None,
        docs_url=None,
        max_body_size=MAX_FORM_BYTES,
    )
    app.state.console = console
    for router in ROUTERS:
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    install_error_pages(app, pages)

    @app.get("/health/live", include_in_schema=False)
    async def live() -> dict[str, str]:
        return {"state": "ok"}

    @app.get("/health/ready", include_in_schema=False)
    async def ready() -> dict[str, str]:
        # Ready to serve pages; a service that is down shows as an error page, not as the
        # console being down.
        return {"state": "ok"}

    headers = SECURITY_HEADERS if settings.development else SECURITY_HEADERS | HSTS

    @app.middleware("http")
    async def session_middleware(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if arrives_from_another_site_without_session(request):
            # The Strict session cookie stayed behind: reopen from this site rather than start
            # an anonymous session whose cookie would replace the signed-in one.
            return _with_security_headers(reopen_page(request, console.pages), headers)
        session = console.sealer.open(request.cookies.get(COOKIE)) or Session(changed=True)
        principal: Principal | None = None
        if session.token is not None:
            try:
                principal = await console.verify(session.token)
            except InvalidTokenError:
                # Expired since sign-in: the person signs in again.
                session = session.signed_out()
            except KeySetUnavailableError:
                # The IdP's key set cannot be read now: not the token's fault, so the session
                # is kept for when it can; meanwhile the pages ask for a sign-in (which fails
                # the same way, with its generic message) rather than answering 500.
                log.warning("console.key_set_unavailable")
        set_session(request, session)
        request.state.principal = principal
        response = await call_next(request)
        final = request.state.session
        if final.changed and (final.token is not None or not _cross_site(request)):
            # A request another site started (a form it posts, a link to the callback) arrives
            # without the Strict cookie: an anonymous session written back would replace the
            # signed-in one, so another site could sign the person out. Only a sign-in (the
            # IdP's callback) writes a session there.
            write_cookie(response, console.sealer.seal(final), secure=not settings.development)
        return _with_security_headers(response, headers)

    refuse_threaded_calls(app.routes)
    return app


def _cross_site(request: Request) -> bool:
    return request.headers.get("sec-fetch-site") == "cross-site"


def _with_security_headers(response: Response, headers: dict[str, str]) -> Response:
    for name, value in headers.items():
        # A page that sets its own policy keeps it (the report preview: sandboxed, framed by
        # the console's own pages only).
        response.headers.setdefault(name, value)
    return response
