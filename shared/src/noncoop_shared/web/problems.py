"""RFC 9457 problem details (``application/problem+json``) for every error a service returns.

A problem is ``{"type", "title", "status", "detail", ...extensions}``. ``type`` is a URI naming
the kind of problem (``https://noncoop.example/problems/rule-violation``), stable for clients to
switch on; ``about:blank`` when the HTTP status says it all (RFC 9457 §4.2.1). ``detail`` is a
sentence for a human; extensions carry what a program needs (``rule``, ``errors``...).

:func:`install_problem_handlers` maps, once per app:

============================  ======  ==========================================
exception                     status  type slug / extensions
============================  ======  ==========================================
RuleViolationError            409     rule-violation, ``rule``
InvalidTransitionError        409     invalid-transition
ConcurrencyConflictError      409     version-conflict, ``expected_version``...
NotFoundError                 404     not-found
IdempotencyKeyReusedError     422     idempotency-key-reused
any other DomainError         422     domain-error
RequestValidationError        422     validation-error, ``errors``
body not UTF-8 / too deep     422     validation-error, ``errors`` (FastAPI says 400)
HTTPException / ProblemError  its     about:blank, or the ProblemError's type
anything else                 500     internal-error, ``correlation_id``
============================  ======  ==========================================
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.utils import is_body_allowed_for_status_code
from pydantic import BaseModel, ConfigDict
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from noncoop_shared.errors import (
    BusinessTimeOutOfBoundsError,
    ConcurrencyConflictError,
    DomainError,
    IdempotencyKeyReusedError,
    InvalidTransitionError,
    NotFoundError,
    RuleViolationError,
)
from noncoop_shared.logging import bound_correlation_id

PROBLEM_MEDIA_TYPE = "application/problem+json"
#: An example domain, not a registry: the URIs identify, they need not resolve.
PROBLEM_TYPE_BASE = "https://noncoop.example/problems/"
BLANK_TYPE = "about:blank"

log = structlog.get_logger(__name__)


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:  # a status outside the registry (e.g. 599) still gets a problem
        return "Error"


def problem_type(slug: str) -> str:
    """The ``type`` URI of a problem kind, e.g. ``problem_type("rule-violation")``."""
    return PROBLEM_TYPE_BASE + slug


class ProblemResponse(JSONResponse):
    media_type = PROBLEM_MEDIA_TYPE


def problem_response(
    status: int,
    title: str,
    detail: str,
    type_: str = BLANK_TYPE,
    *,
    headers: Mapping[str, str] | None = None,
    **extensions: Any,
) -> Response:
    """A problem+json response. Extensions are added at the top level, as RFC 9457 §3.2 asks."""
    if not is_body_allowed_for_status_code(status):
        return Response(status_code=status, headers=headers)
    body = {"type": type_, "title": title, "status": status, "detail": detail, **extensions}
    return ProblemResponse(jsonable_encoder(body), status_code=status, headers=headers)


class ProblemError(HTTPException):
    """An HTTP error raised from a route or a dependency, rendered as a typed problem.

    Use it for transport-level refusals (401, 403, 413, 415...); domain refusals raise the
    errors of ``noncoop_shared.errors`` and stay free of HTTP.
    """

    def __init__(
        self,
        status: int,
        title: str,
        detail: str,
        *,
        type_: str = BLANK_TYPE,
        headers: Mapping[str, str] | None = None,
        **extensions: Any,
    ) -> None:
        super().__init__(status_code=status, detail=detail, headers=headers)
        self.title = title
        self.type_ = type_
        self.extensions = extensions

    def to_response(self) -> Response:
        return problem_response(
            self.status_code,
            self.title,
            self.detail,
            self.type_,
            headers=self.headers,
            **self.extensions,
        )


# --- documentation --------------------------------------------------------------------------


class Problem(BaseModel):
    """RFC 9457 problem details; extensions vary with ``type``."""

    model_config = ConfigDict(extra="allow")

    type: str = BLANK_TYPE
    title: str
    status: int
    detail: str


class FieldError(BaseModel):
    field: str
    message: str
    type: str


class ValidationProblem(Problem):
    """422 for bad input: one entry per invalid field, ``field`` a dotted path (``body.a.b``)."""

    errors: list[FieldError]


PROBLEM_SCHEMAS: tuple[type[BaseModel], ...] = (Problem, FieldError, ValidationProblem)

_RESPONSE_DESCRIPTIONS = {
    401: "Missing or invalid bearer token",
    403: "The caller's role may not do this",
    404: "Unknown resource",
    409: "Refused by a rule of the procedures, or a version conflict",
    413: "Request body too large",
    415: "Request body is not JSON",
    422: "Invalid input",
    500: "Unexpected error",
    503: "Not ready",
}


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses=`` entries documenting problem+json bodies for ``statuses``."""
    return {
        status: {
            "description": _RESPONSE_DESCRIPTIONS.get(status) or _phrase(status),
            "content": {
                PROBLEM_MEDIA_TYPE: {
                    "schema": {
                        "$ref": "#/components/schemas/"
                        + ("ValidationProblem" if status == 422 else "Problem")
                    }
                }
            },
        }
        for status in statuses
    }


# --- handlers -------------------------------------------------------------------------------

#: Where the domain problem handler notes the problem's kind (``rule-violation``...), so the
#: command counter (``web.metrics``) names the outcome without parsing the response.
PROBLEM_SCOPE_KEY = "noncoop.problem"

# Most specific first: the first isinstance match wins.
_DOMAIN_PROBLEMS: Sequence[tuple[type[DomainError], int, str]] = (
    (RuleViolationError, 409, "rule-violation"),
    (InvalidTransitionError, 409, "invalid-transition"),
    (ConcurrencyConflictError, 409, "version-conflict"),
    (NotFoundError, 404, "not-found"),
    (IdempotencyKeyReusedError, 422, "idempotency-key-reused"),
    (BusinessTimeOutOfBoundsError, 422, "business-time-out-of-bounds"),
    (DomainError, 422, "domain-error"),
)


async def _domain_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, DomainError)
    status, slug = next((s, t) for cls, s, t in _DOMAIN_PROBLEMS if isinstance(exc, cls))
    # The rule and the status only: a refusal's detail states the case as the caller may see it
    # (dates, references, restricted steps), which the log's readers may not (ADR 0021).
    log.info("http.domain_error", status=status, problem=slug, rule=getattr(exc, "rule", None))
    request.scope[PROBLEM_SCOPE_KEY] = slug  # the command counter's outcome
    metrics = getattr(request.app.state, "metrics", None)
    if isinstance(exc, RuleViolationError) and metrics is not None:
        metrics.refusals().labels(metrics.service, exc.rule).inc()
    extensions = exc.extensions()
    if status == 422 and "errors" not in extensions:
        # Every 422 has its ``errors`` list, as the OpenAPI documents (ValidationProblem).
        field = "header.Idempotency-Key" if isinstance(exc, IdempotencyKeyReusedError) else "body"
        extensions["errors"] = [{"field": field, "message": exc.detail, "type": slug}]
    return problem_response(status, exc.title, exc.detail, problem_type(slug), **extensions)


#: A 422 lists at most this many field errors, and counts them all in ``error_count``: a body of
#: many bad fields must not make an answer many times its own size (ADR 0021).
MAX_LISTED_ERRORS = 20
#: How much of a field path or message a problem repeats: keys and messages come from the input.
MAX_ERROR_TEXT = 200


def _clip(text: str) -> str:
    return text if len(text) <= MAX_ERROR_TEXT else text[:MAX_ERROR_TEXT] + "..."


def _field_path(loc: Sequence[str | int]) -> str:
    return _clip(".".join(str(part) for part in loc))


def _field_error(error: Mapping[str, Any]) -> dict[str, str]:
    # The input is never echoed back: it may be large, or personal data.
    loc, message, kind = tuple(error.get("loc", ())), str(error.get("msg", "")), error["type"]
    if kind == "json_invalid":
        # FastAPI gives ("body", <character offset>) and "JSON decode error": say where and why.
        offset = loc[1] if len(loc) > 1 else None
        reason = error.get("ctx", {}).get("error", "malformed JSON")
        where = f" (at character {offset})" if offset is not None else ""
        return {"field": "body", "message": f"not valid JSON: {reason}{where}", "type": kind}
    if kind == "value_error":
        message = message.removeprefix("Value error, ")
    return {"field": _field_path(loc), "message": _clip(message), "type": kind}


#: The order a 422 lists its errors in: by the part of the request they are about. FastAPI lists
#: the errors of a route's dependencies first (the Idempotency-Key header of a command route,
#: docs/adr/0037-one-dependency-per-command-route.md), then the route's own path, query, headers
#: and body; the problem keeps the order of the request's parts whoever declares them.
_PARTS = ("path", "query", "header", "cookie", "body")


def _part(error: Mapping[str, Any]) -> int:
    loc = tuple(error.get("loc", ()))
    return _PARTS.index(loc[0]) if loc and loc[0] in _PARTS else len(_PARTS)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    found = sorted(exc.errors(), key=_part)  # stable: a part's errors keep their order
    errors = [_field_error(error) for error in found[:MAX_LISTED_ERRORS]]
    extensions: dict[str, Any] = {"errors": errors}
    if len(found) > len(errors):
        extensions["error_count"] = len(found)
    if errors:
        first = errors[0]
        detail = f"{first['field']}: {first['message']}"
        others = len(found) - 1
        if others:
            detail += f" (and {others} more invalid field{'s' if others > 1 else ''})"
    else:
        detail = "the request is invalid"
    return problem_response(
        422, "Invalid request", detail, problem_type("validation-error"), **extensions
    )


def _unreadable_body_reason(exc: HTTPException) -> str | None:
    """Why FastAPI could not decode a JSON body, when its bare 400 hides it; else None.

    FastAPI turns a ``JSONDecodeError`` into a 422 but any other decoding failure into "400 There
    was an error parsing the body": bytes that are not UTF-8, or nesting deeper than the parser's
    recursion limit. For the client both are malformed JSON, so both get the same 422.
    """
    cause = exc.__cause__
    if exc.status_code != 400 or isinstance(exc, ProblemError):
        return None
    if isinstance(cause, UnicodeDecodeError):
        return f"not UTF-8 (byte {cause.object[cause.start]:#04x} at position {cause.start})"
    if isinstance(cause, RecursionError):
        return "nested too deeply"
    return None


async def _http_exception(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if isinstance(exc, ProblemError):
        return exc.to_response()
    if (reason := _unreadable_body_reason(exc)) is not None:
        errors = [{"field": "body", "message": f"not valid JSON: {reason}", "type": "json_invalid"}]
        return problem_response(
            422,
            "Invalid request",
            f"body: {errors[0]['message']}",
            problem_type("validation-error"),
            errors=errors,
        )
    return problem_response(
        exc.status_code, _phrase(exc.status_code), str(exc.detail), headers=exc.headers
    )


def internal_error_response(exc: BaseException, scope: Scope) -> Response:
    """The 500 problem for an unexpected exception, logged here with its stack.

    The client learns nothing of the internals, only the correlation id to quote.
    """
    correlation_id = bound_correlation_id()
    log.error(
        "http.unhandled_error",
        method=scope.get("method"),
        path=scope.get("path"),
        exc_info=exc,
    )
    return problem_response(
        500,
        "Internal Server Error",
        "An unexpected error occurred. It has been logged; quote the correlation id when "
        "reporting it.",
        problem_type("internal-error"),
        correlation_id=correlation_id,
    )


async def _unexpected_error(request: Request, exc: Exception) -> Response:
    return internal_error_response(exc, request.scope)


class UnhandledErrorMiddleware:
    """Turns an exception no handler took into the 500 problem, inside the app's middlewares.

    Starlette would do it in its outermost middleware, outside ours: the 500 would then carry
    no correlation id header and be missing from the latency histogram. If the response has
    already started there is nothing left to send: the exception propagates to the server.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_and_note_start(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, send_and_note_start)
        except Exception as exc:
            if started:
                raise
            await internal_error_response(exc, scope)(scope, receive, send)


def install_problem_handlers(app: FastAPI) -> None:
    """Render every error of ``app`` as problem+json (see the module docstring's table).

    Adds :class:`UnhandledErrorMiddleware`; call this before adding the other middlewares so it
    is the innermost one (``create_app`` does).
    """
    app.add_exception_handler(DomainError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_exception)
    # Backstop for an exception raised by an outer middleware, past UnhandledErrorMiddleware.
    app.add_exception_handler(Exception, _unexpected_error)
    app.add_middleware(UnhandledErrorMiddleware)
