"""A correlation id follows each request: taken from the client or generated, bound, echoed."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable

import httpx
import pytest
import structlog
from fastapi import APIRouter, FastAPI

from noncoop_shared.auth.dependencies import OptionalPrincipal
from noncoop_shared.logging import bound_correlation_id
from noncoop_shared.web.correlation import (
    CORRELATION_HEADER,
    current_correlation_id,
    parse_correlation_id,
)

AppFactory = Callable[..., FastAPI]
TokenFor = Callable[..., dict[str, str]]
ClientFactory = Callable[[FastAPI], httpx.AsyncClient]

router = APIRouter()
log = structlog.get_logger("tests.correlation")


@router.get("/whoami")
async def whoami(principal: OptionalPrincipal) -> dict[str, str]:
    structlog.contextvars.bind_contextvars(case_id="case-7")  # as a handler would
    log.info("test.handled")
    return {"correlation_id": current_correlation_id()}


async def test_a_client_given_uuid_is_used_and_echoed(
    make_app: AppFactory, client_for: ClientFactory
) -> None:
    given = str(uuid.uuid4())

    response = await client_for(make_app(router)).get(
        "/whoami", headers={CORRELATION_HEADER: given}
    )

    assert response.headers[CORRELATION_HEADER] == given
    assert response.json() == {"correlation_id": given}


async def test_an_id_is_generated_when_the_client_gives_none(
    make_app: AppFactory, client_for: ClientFactory
) -> None:
    client = client_for(make_app(router))

    first = await client.get("/whoami")
    second = await client.get("/whoami")

    generated = first.headers[CORRELATION_HEADER]
    assert uuid.UUID(generated).version == 4
    assert first.json() == {"correlation_id": generated}
    assert second.headers[CORRELATION_HEADER] != generated


@pytest.mark.parametrize("invalid", ["not-a-uuid", "x" * 500, "1234", "'; drop table"])
async def test_an_invalid_id_is_replaced_by_a_generated_one(
    make_app: AppFactory, client_for: ClientFactory, invalid: str
) -> None:
    response = await client_for(make_app(router)).get(
        "/whoami", headers={CORRELATION_HEADER: invalid}
    )

    echoed = response.headers[CORRELATION_HEADER]
    assert echoed != invalid
    assert uuid.UUID(echoed).version == 4


async def test_error_responses_carry_the_id_too(
    make_app: AppFactory, client_for: ClientFactory, token_for: TokenFor
) -> None:
    given = str(uuid.uuid4())

    response = await client_for(make_app(router)).get(
        "/no-such-route", headers={CORRELATION_HEADER: given, **token_for()}
    )

    assert response.status_code == 404
    assert response.headers[CORRELATION_HEADER] == given


async def test_log_lines_of_the_request_carry_the_id(
    make_app: AppFactory, client_for: ClientFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    app = make_app(router)
    given = str(uuid.uuid4())

    await client_for(app).get("/whoami", headers={CORRELATION_HEADER: given})

    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    [handled] = [line for line in lines if line["event"] == "test.handled"]
    assert handled["correlation_id"] == given
    assert handled["case_id"] == "case-7"
    assert handled["service"] == "web-tests"


async def test_nothing_bound_during_a_request_outlives_it(
    make_app: AppFactory, client_for: ClientFactory
) -> None:
    structlog.contextvars.clear_contextvars()

    await client_for(make_app(router)).get("/whoami")

    assert structlog.contextvars.get_contextvars() == {}
    assert bound_correlation_id() is None


def test_current_correlation_id_outside_a_request_fails_loudly() -> None:
    structlog.contextvars.clear_contextvars()

    with pytest.raises(RuntimeError, match="no correlation id is bound"):
        current_correlation_id()


def test_a_uuid_in_another_spelling_is_normalised() -> None:
    value = uuid.uuid4()

    assert parse_correlation_id(value.hex.upper()) == str(value)
    assert parse_correlation_id(None) is None
