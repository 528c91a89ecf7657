"""Bodies are JSON and at most max_body_bytes; refusals are 413 / 415 problems."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable

import httpx
import pytest
from fastapi import APIRouter, FastAPI, Request
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.types import Message, Receive, Scope, Send

from noncoop_shared.auth.dependencies import OptionalPrincipal
from noncoop_shared.web.json_bounds import JsonLimits, exceeded_limit
from noncoop_shared.web.limits import (
    BodySizeLimitMiddleware,
    JsonContentTypeMiddleware,
    is_json_media_type,
)
from noncoop_shared.web.problems import PROBLEM_MEDIA_TYPE, problem_type

AppFactory = Callable[..., FastAPI]
TokenFor = Callable[..., dict[str, str]]
ClientFactory = Callable[[FastAPI], httpx.AsyncClient]

MAX = 1024  # the settings fixture's max_body_bytes

router = APIRouter()
BODIES_READ: list[int] = []


@router.post("/echo")
async def echo(request: Request, principal: OptionalPrincipal) -> dict[str, int]:
    body = await request.body()
    BODIES_READ.append(len(body))
    return {"bytes": len(body)}


@router.post("/commands/close")
async def close(principal: OptionalPrincipal) -> dict[str, bool]:
    return {"closed": True}


async def chunks(count: int, size: int) -> AsyncIterator[bytes]:
    for _ in range(count):
        yield b" " * size


async def test_a_declared_length_over_the_limit_is_refused_before_the_app_reads_it(
    make_app: AppFactory, client_for: ClientFactory
) -> None:
    BODIES_READ.clear()
    response = await client_for(make_app(router)).post(
        "/echo", content=b" " * (MAX + 1), headers={"content-type": "application/json"}
    )

    assert response.status_code == 413
    assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
    body = response.json()
    assert body["type"] == problem_type("content-too-large")
    assert body["max_body_bytes"] == MAX
    assert BODIES_READ == []


async def test_a_body_of_exactly_the_limit_passes(
    make_app: AppFactory, client_for: ClientFactory
) -> None:
    response = await client_for(make_app(router)).post(
        "/echo", content=b" " * MAX, headers={"content-type": "application/json"}
    )

    assert response.status_code == 200
    assert response.json() == {"bytes": MAX}


async def test_a_chunked_body_is_counted_as_it_streams_and_refused_past_the_limit(
    make_app: AppFactory, client_for: ClientFactory
) -> None:
    BODIES_READ.clear()
    request = httpx.Request(
        "POST",
        "http://testserver/echo",
        content=chunks(count=5, size=300),
        headers={"content-type": "application/json"},
    )
    assert "content-length" not in request.headers
    assert request.headers["transfer-encoding"] == "chunked"

    response = await client_for(make_app(router)).send(request)

    assert response.status_code == 413
    assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
    assert response.json()["type"] == problem_type("content-too-large")
    assert BODIES_READ == []


async def test_a_chunked_body_under_the_limit_passes(
    make_app: AppFactory, client_for: ClientFactory
) -> None:
    request = httpx.Request(
        "POST",
        "http://testserver/echo",
        content=chunks(count=3, size=300),
        headers={"content-type": "application/json"},
    )

    response = await client_for(make_app(router)).send(request)

    assert response.status_code == 200
    assert response.json() == {"bytes": 900}


async def test_a_lying_content_length_does_not_let_a_large_body_through() -> None:
    # A bare ASGI app (no exception handlers): the middleware itself answers the 413.
    body_seen: list[bytes] = []

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            body_seen.append(message.get("body", b""))
            if not message.get("more_body"):
                break
        await JSONResponse({"read": True})(scope, receive, send)

    messages = [
        {"type": "http.request", "body": b" " * 60, "more_body": True},
        {"type": "http.request", "body": b" " * 60, "more_body": False},
    ]
    sent: list[Message] = []

    async def receive() -> Message:
        return messages.pop(0)

    async def send(message: Message) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/",
        "headers": [(b"content-length", b"10"), (b"content-type", b"application/json")],
    }
    await BodySizeLimitMiddleware(app, 100)(scope, receive, send)

    assert sent[0]["type"] == "http.response.start"
    assert sent[0]["status"] == 413
    assert (b"content-type", PROBLEM_MEDIA_TYPE.encode()) in sent[0]["headers"]
    assert body_seen == [b" " * 60]  # the second read, past the limit, never reached the app


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "application/xml"]
)
async def test_a_command_body_that_is_not_json_is_refused_with_415(
    make_app: AppFactory, client_for: ClientFactory, content_type: str
) -> None:
    response = await client_for(make_app(router)).post(
        "/echo", content=b"a=1", headers={"content-type": content_type}
    )

    assert response.status_code == 415
    assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
    body = response.json()
    assert body["type"] == problem_type("unsupported-media-type")
    assert content_type in body["detail"]


async def test_a_body_without_content_type_is_refused_with_415(
    make_app: AppFactory, client_for: ClientFactory
) -> None:
    response = await client_for(make_app(router)).post("/echo", content=b"{}")

    assert response.status_code == 415


@pytest.mark.parametrize("method", ["PUT", "PATCH"])
async def test_put_and_patch_are_checked_like_post(
    make_app: AppFactory, client_for: ClientFactory, method: str, token_for: TokenFor
) -> None:
    response = await client_for(make_app(router)).request(
        method, "/echo", content=b"x", headers={"content-type": "text/plain", **token_for()}
    )

    assert response.status_code == 415


async def test_a_command_without_a_body_needs_no_content_type(
    make_app: AppFactory, client_for: ClientFactory
) -> None:
    response = await client_for(make_app(router)).post("/commands/close")

    assert response.status_code == 200
    assert response.json() == {"closed": True}


@pytest.mark.parametrize(
    "content_type",
    [
        "application/json",
        "application/json; charset=utf-8",
        "Application/JSON",
        "application/merge-patch+json",
    ],
)
def test_json_media_types_are_recognised(content_type: str) -> None:
    assert is_json_media_type(content_type)


@pytest.mark.parametrize("content_type", ["text/json", "application/jsonx", "application/", ""])
def test_other_media_types_are_not_json(content_type: str) -> None:
    assert not is_json_media_type(content_type)


async def test_the_content_type_middleware_ignores_reads() -> None:
    async def endpoint(request: Request) -> JSONResponse:
        return JSONResponse({"ok": True})

    app = JsonContentTypeMiddleware(Starlette(routes=[Route("/", endpoint)]))
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as client:
        response = await client.get("/", headers={"content-type": "text/plain"})

    assert response.status_code == 200


def test_a_limit_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        BodySizeLimitMiddleware(Starlette(), 0)


@pytest.mark.parametrize(
    ("body", "field", "why"),
    [
        (b'{"a": {"b": ["ok", "x\\u0000y"]}}', "body.a.b.1", "NUL"),
        (b'{"name": "\\ud800"}', "body.name", "lone surrogate"),
        (b'{"\\u0000": 1}', "body", "a key contains a NUL"),
        (b'{"n": 9007199254740992}', "body.n", "I-JSON safe range"),
        (b'{"a": [1, {"b": -9007199254740992}]}', "body.a.1.b", "I-JSON safe range"),
        (b'{"n": 1000000000000000000000000000000}', "body.n", "I-JSON safe range"),
    ],
)
async def test_text_no_record_may_hold_is_a_422_naming_the_field(
    make_app: AppFactory, client_for: ClientFactory, body: bytes, field: str, why: str
) -> None:
    BODIES_READ.clear()
    response = await client_for(make_app(router)).post(
        "/echo", content=body, headers={"content-type": "application/json"}
    )

    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
    problem = response.json()
    assert problem["errors"][0]["field"] == field
    assert why in problem["detail"]
    assert BODIES_READ == []  # the route never ran


async def test_the_largest_exact_integer_reaches_the_route(
    make_app: AppFactory, client_for: ClientFactory
) -> None:
    body = b'{"n": 9007199254740991, "m": -9007199254740991}'
    response = await client_for(make_app(router)).post(
        "/echo", content=body, headers={"content-type": "application/json"}
    )

    assert response.status_code == 200
    assert response.json() == {"bytes": len(body)}


@pytest.mark.parametrize(
    "text", ["\u202eRTL override", "e\u0301 combining", "\U0001f600 emoji", "\\u0000 as text"]
)
async def test_odd_but_storable_text_reaches_the_route_whole(
    make_app: AppFactory, client_for: ClientFactory, text: str
) -> None:
    BODIES_READ.clear()
    body = json.dumps({"note": text}).encode()
    response = await client_for(make_app(router)).post(
        "/echo", content=body, headers={"content-type": "application/json"}
    )

    assert response.status_code == 200
    assert response.json() == {"bytes": len(body)}


# --- structural bounds of a JSON body (ADR 0021) ----------------------------------------------

LIMITS = JsonLimits(
    max_json_depth=3, max_json_object_keys=2, max_json_array_items=3, max_json_values=10
)


@pytest.mark.parametrize(
    ("document", "limit", "field"),
    [
        ({"a": 1, "b": 2, "c": 3}, "max_json_object_keys", "body"),
        ({"a": {"b": {"c": [1]}}}, "max_json_depth", "body.a.b.c"),
        ({"a": [1, 2, 3, 4]}, "max_json_array_items", "body.a"),
        ([[1, 1, 1], [1, 1, 1], [1, 1, 1]], "max_json_values", "body"),
    ],
    ids=["keys", "depth", "items", "values"],
)
def test_a_document_past_a_bound_names_the_bound_and_where(
    document: object, limit: str, field: str
) -> None:
    exceeded = exceeded_limit(document, LIMITS)

    assert exceeded is not None
    assert (exceeded.limit, exceeded.field) == (limit, field)


def test_a_document_within_every_bound_passes() -> None:
    assert exceeded_limit({"a": {"b": [1, 2, 3]}, "c": "x"}, LIMITS) is None


def test_a_long_key_is_not_echoed_at_length() -> None:
    exceeded = exceeded_limit({"k" * 10_000: {"a": 1, "b": 2, "c": 3}}, LIMITS)

    assert exceeded is not None
    assert len(exceeded.field) < 100
