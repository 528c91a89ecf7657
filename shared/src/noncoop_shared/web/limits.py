"""What a request may be: a path and query with only storable text; a body of JSON, not larger
than ``max_body_bytes``, within the structural bounds of :mod:`noncoop_shared.web.json_bounds`,
with only storable text.

The checks are ASGI middlewares, so they run before any route parses a body.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qsl

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from noncoop_shared.text import unrecordable
from noncoop_shared.web.json_bounds import (
    JsonLimitExceeded,
    JsonLimits,
    depth_exceeded,
    exceeded_limit,
)
from noncoop_shared.web.problems import ProblemError, problem_type

#: Methods whose body is a command: the only ones checked for a JSON content type.
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


class BodyTooLargeError(ProblemError):
    """413, raised from ``receive`` once the streamed body passes the limit.

    A ``ProblemError`` (an ``HTTPException``) on purpose: FastAPI lets HTTP exceptions raised
    while reading the body through untouched (any other becomes a 400), so the app's problem
    handler renders it like every other error.
    """

    def __init__(self, max_body_bytes: int) -> None:
        super().__init__(
            413,
            "Content Too Large",
            f"the request body exceeds the limit of {max_body_bytes} bytes",
            type_=problem_type("content-too-large"),
            max_body_bytes=max_body_bytes,
        )


class BodySizeLimitMiddleware:
    """Refuses a body larger than ``max_body_bytes`` with a 413 problem.

    A declared ``Content-Length`` over the limit is refused before the app runs. A chunked body
    (no length) or one whose length lies is counted as it streams; the read that passes the limit
    raises :class:`BodyTooLargeError`, so the body is never held in memory past the limit.
    """

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        if max_body_bytes < 1:
            raise ValueError("max_body_bytes must be positive")
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body_bytes:
            await BodyTooLargeError(self.max_body_bytes).to_response()(scope, receive, send)
            return

        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    raise BodyTooLargeError(self.max_body_bytes)
            return message

        async def send_and_note_start(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, send_and_note_start)
        except BodyTooLargeError as exc:
            # Reached only when no exception handler took it (a plain Starlette route).
            if started:
                raise
            await exc.to_response()(scope, receive, send)


def is_json_media_type(content_type: str) -> bool:
    """``application/json`` or ``application/<anything>+json``, parameters ignored."""
    media_type = content_type.split(";", 1)[0].strip().lower()
    kind, _, subtype = media_type.partition("/")
    return kind == "application" and (subtype == "json" or subtype.endswith("+json"))


class JsonContentTypeMiddleware:
    """Refuses, with a 415 problem, a POST/PUT/PATCH whose body is not declared JSON.

    Refused: a ``Content-Type`` that is not JSON; or none, while the request declares a body
    (``Content-Length`` > 0 or ``Transfer-Encoding``). A command without a body and without a
    content type passes: there is nothing to misread.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in BODY_METHODS:
            headers = Headers(scope=scope)
            content_type = headers.get("content-type")
            has_body = headers.get("content-length", "0") != "0" or "transfer-encoding" in headers
            if (content_type is None and has_body) or (
                content_type is not None and not is_json_media_type(content_type)
            ):
                problem = ProblemError(
                    415,
                    "Unsupported Media Type",
                    "the request body must be application/json, "
                    f"not {content_type or 'undeclared'}",
                    type_=problem_type("unsupported-media-type"),
                )
                await problem.to_response()(scope, receive, send)
                return
        await self.app(scope, receive, send)


class StorableRequestLineMiddleware:
    """Refuses a path or query parameter holding text no record may hold (NUL, a lone
    surrogate) with a 422 naming it, for every method: such a value reaches PostgreSQL as a
    filter (``?scenario=%00``) and would be a 500 there."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            problem = _unstorable_request_line(scope)
            if problem is not None:
                await problem.to_response()(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _unstorable_request_line(scope: Scope) -> ProblemError | None:
    query = scope.get("query_string", b"").decode("latin-1")
    # As Starlette reads them: percent-decoded as UTF-8 (a bad byte becomes U+FFFD, storable).
    candidates = [("path", str(scope.get("path", "")))]
    candidates += [(f"query.{name}", value) for name, value in parse_qsl(query, True)]
    candidates += [(f"query.{name}", name) for name, _ in parse_qsl(query, True)]
    for field, text in candidates:
        found = unrecordable(text, (field,))
        if found is not None:
            return _invalid(*found)
    return None


class JsonBodyMiddleware:
    """Reads a JSON command body once, before any route, and refuses with a 422 problem:

    - a structure past a bound of :class:`JsonLimits` (keys, items, depth, values), naming the
      ``limit`` (the setting) and where: before pydantic, which would list an error per key;
    - text no record may hold (NUL, a lone surrogate), then an integer no event may hold
      (beyond 2**53 - 1, RFC 8785), naming the field (:func:`unrecordable`).

    Sits inside the size limit and the authentication, so the body it reads whole is bounded
    and comes from a known caller. A body that is not JSON passes, for the route's own 422.
    """

    def __init__(self, app: ASGIApp, limits: JsonLimits | None = None) -> None:
        self.app = app
        self.limits = limits or JsonLimits()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in BODY_METHODS:
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break  # the client went away: let the app see it
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        problem = self._problem(body)
        if problem is not None:
            await problem.to_response()(scope, receive, send)
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    def _problem(self, body: bytes) -> ProblemError | None:
        if not body.strip():
            return None
        try:
            parsed = json.loads(body)
        except RecursionError:
            return _limit_problem(depth_exceeded(self.limits))
        except ValueError:
            return None  # not JSON (or not UTF-8): the route answers with its own 422
        exceeded = exceeded_limit(parsed, self.limits)
        if exceeded is not None:
            return _limit_problem(exceeded)
        found = unrecordable(parsed)
        return None if found is None else _invalid(*found)


def _invalid(field: str, why: str, kind: str) -> ProblemError:
    return ProblemError(
        422,
        "Invalid request",
        f"{field}: {why}",
        type_=problem_type("validation-error"),
        errors=[{"field": field, "message": why, "type": kind}],
    )


def _limit_problem(exceeded: JsonLimitExceeded) -> ProblemError:
    return ProblemError(
        422,
        "Invalid request",
        f"{exceeded.field}: {exceeded.message} (limit {exceeded.limit})",
        type_=problem_type("json-limit-exceeded"),
        limit=exceeded.limit,
        errors=[{"field": exceeded.field, "message": exceeded.message, "type": "json_limit"}],
    )
