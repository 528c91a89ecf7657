"""The console's own error pages: what a service refused is said in the console's words, with
no more than the service said (a case the reader may not see is "not found", as the API says)."""

from __future__ import annotations

import structlog
from fastapi import FastAPI
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from console.backends import ServiceError, ServiceUnavailableError
from console.csrf import CsrfError
from console.idempotency import IdempotencyKeyError
from console.rendering import Pages
from console.session import session_of, set_session

log = structlog.get_logger(__name__)


class SignInRequiredError(Exception):
    """A page for signed-in people, asked for without a (valid) session."""


def sign_in_again(request: Request) -> Response:
    set_session(request, session_of(request).signed_out())
    return RedirectResponse("/sign-in?expired=1", status_code=303)


def install_error_pages(app: FastAPI, pages: Pages) -> None:
    async def sign_in_required(request: Request, exc: Exception) -> Response:
        return RedirectResponse("/sign-in", status_code=303)

    async def csrf_refused(request: Request, exc: Exception) -> Response:
        return pages.render(request, "error.html", 403, kind="csrf")

    async def idempotency_key_refused(request: Request, exc: Exception) -> Response:
        return pages.render(request, "error.html", 400, kind="idempotency-key")

    async def service_refused(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ServiceError)
        status = exc.problem.status
        if status == 401:
            # The token expired or was revoked between sign-in and now.
            return sign_in_again(request)
        if status in (403, 404):
            return pages.render(request, "error.html", status, kind=str(status))
        log.warning("console.service_error", service=exc.service, status=status)
        return pages.render(request, "error.html", 502, kind="service", problem=exc.problem)

    async def service_unavailable(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ServiceUnavailableError)
        log.warning("console.service_unavailable", service=str(exc))
        return pages.render(request, "error.html", 502, kind="unavailable")

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        kind = "404" if exc.status_code == 404 else "other"
        return pages.render(request, "error.html", exc.status_code, kind=kind)

    app.add_exception_handler(SignInRequiredError, sign_in_required)
    app.add_exception_handler(CsrfError, csrf_refused)
    app.add_exception_handler(IdempotencyKeyError, idempotency_key_refused)
    app.add_exception_handler(ServiceError, service_refused)
    app.add_exception_handler(ServiceUnavailableError, service_unavailable)
    app.add_exception_handler(HTTPException, http_error)
