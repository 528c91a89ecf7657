"""Every error a route can end with becomes an RFC 9457 problem with the right status and type."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

import httpx
import pytest
from fastapi import APIRouter, FastAPI, HTTPException
from pydantic import BaseModel, field_validator

from noncoop_shared.auth.dependencies import OptionalPrincipal
from noncoop_shared.errors import (
    ConcurrencyConflictError,
    DomainError,
    IdempotencyKeyReusedError,
    InvalidTransitionError,
    NotFoundError,
    RuleViolationError,
)
from noncoop_shared.settings import ServiceSettings
from noncoop_shared.web.app import create_app
from noncoop_shared.web.problems import PROBLEM_MEDIA_TYPE, ProblemError, problem_type

AppFactory = Callable[..., FastAPI]
TokenFor = Callable[..., dict[str, str]]
ClientFactory = Callable[[FastAPI], httpx.AsyncClient]


class NywgMeetingTooCloseToSessionError(RuleViolationError):
    rule = "P14d"


class Decision(BaseModel):
    reference: str
    date: date

    @field_validator("reference")
    @classmethod
    def _prefixed(cls, value: str) -> str:
        if not value.startswith("ICC-"):
            raise ValueError("a Court decision reference starts with ICC-")
        return value


class Referral(BaseModel):
    case_id: str
    decision: Decision


router = APIRouter()
RAISED: dict[str, Exception] = {
    "rule": NywgMeetingTooCloseToSessionError(
        "the next session starts on 2026-05-01, less than three months after the Bureau "
        "meeting of 2026-03-15"
    ),
    "transition": InvalidTransitionError("case c-1 is closed"),
    "conflict": ConcurrencyConflictError("case-c-1", expected=3, actual=4),
    "missing": NotFoundError("no case c-404"),
    "idempotency": IdempotencyKeyReusedError("key k-1 was used for another command"),
    "domain": DomainError("something the command cannot do"),
    "http": HTTPException(status_code=409, detail="plain HTTP conflict"),
    "problem": ProblemError(
        429, "Too Many Requests", "slow down", type_=problem_type("rate-limited"), retry_in=5
    ),
    "bug": RuntimeError("password=hunter2 at /srv/secret/path.py"),
}


@router.get("/raise/{what}")
async def raise_(what: str, principal: OptionalPrincipal) -> None:
    raise RAISED[what]


@router.post("/referrals")
async def refer(referral: Referral, principal: OptionalPrincipal) -> dict[str, str]:
    return {"case_id": referral.case_id}


@pytest.mark.parametrize(
    ("what", "status", "slug", "extensions"),
    [
        ("rule", 409, "rule-violation", {"rule": "P14d"}),
        ("transition", 409, "invalid-transition", {}),
        (
            "conflict",
            409,
            "version-conflict",
            {"stream": "case-c-1", "expected_version": 3, "actual_version": 4},
        ),
        ("missing", 404, "not-found", {}),
        (
            "idempotency",
            422,
            "idempotency-key-reused",
            {
                "errors": [
                    {
                        "field": "header.Idempotency-Key",
                        "message": "key k-1 was used for another command",
                        "type": "idempotency-key-reused",
                    }
                ]
            },
        ),
        (
            "domain",
            422,
            "domain-error",
            {
                "errors": [
                    {
                        "field": "body",
                        "message": "something the command cannot do",
                        "type": "domain-error",
                    }
                ]
            },
        ),
    ],
)
async def test_each_domain_error_maps_to_its_status_type_and_extensions(
    make_app: AppFactory,
    client_for: ClientFactory,
    what: str,
    status: int,
    slug: str,
    extensions: dict[str, object],
) -> None:
    error = RAISED[what]
    assert isinstance(error, DomainError)

    response = await client_for(make_app(router)).get(f"/raise/{what}")

    assert response.status_code == status
    assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
    assert response.json() == {
        "type": problem_type(slug),
        "title": error.title,
        "status": status,
        "detail": error.detail,
        **extensions,
    }


async def test_a_rule_refusal_names_the_rule_and_the_dates(
    make_app: AppFactory, client_for: ClientFactory
) -> None:
    body = (await client_for(make_app(router)).get("/raise/rule")).json()

    assert body["rule"] == "P14d"
    assert "2026-05-01" in body["detail"] and "2026-03-15" in body["detail"]


async def test_validation_errors_name_each_field_by_its_dotted_path(
    make_app: AppFactory, client_for: ClientFactory
) -> None:
    response = await client_for(make_app(router)).post(
        "/referrals", json={"case_id": "c-1", "decision": {"reference": "ICC-01/09"}}
    )

    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
    body = response.json()
    assert body["type"] == problem_type("validation-error")
    assert body["errors"] == [
        {"field": "body.decision.date", "message": "Field required", "type": "missing"}
    ]
    assert body["detail"] == "body.decision.date: Field required"


async def test_validation_detail_names_the_first_field_and_counts_the_others(
    make_app: AppFactory, client_for: ClientFactory
) -> None:
    response = await client_for(make_app(router)).post(
        "/referrals", json={"decision": {"reference": "01/09", "date": "not a date"}}
    )

    body = response.json()
    fields = [error["field"] for error in body["errors"]]
    assert fields == ["body.case_id", "body.decision.reference", "body.decision.date"]
    assert body["detail"].startswith("body.case_id: Field required")
    assert body["detail"].endswith("(and 2 more invalid fields)")


async def test_a_validator_message_is_given_without_pydantic_prefix(
    make_app: AppFactory, client_for: ClientFactory
) -> None:
    response = await client_for(make_app(router)).post(
        "/referrals",
        json={"case_id": "c-1", "decision": {"reference": "01/09", "date": "2026-01-02"}},
    )

    assert response.json()["errors"] == [
        {
            "field": "body.decision.reference",
            "message": "a Court decision reference starts with ICC-",
            "type": "value_error",
        }
    ]


async def test_the_rejected_input_is_not_echoed_back(
    make_app: AppFactory, client_for: ClientFactory
) -> None:
    response = await client_for(make_app(router)).post(
        "/referrals", json={"case_id": "c-1", "decision": {"reference": "SECRET-NAME"}}
    )

    assert response.status_code == 422
    assert "SECRET-NAME" not in response.text


async def test_malformed_json_is_a_422_saying_where_the_json_breaks(
    make_app: AppFactory, client_for: ClientFactory
) -> None:
    response = await client_for(make_app(router)).post(
        "/referrals", content=b'{"case_id": "c-1",', headers={"content-type": "application/json"}
    )

    assert response.status_code == 422
    body = response.json()
    assert body["type"] == problem_type("validation-error")
    [error] = body["errors"]
    assert error["field"] == "body"
    assert error["type"] == "json_invalid"
    assert error["message"].startswith("not valid JSON: ")
    assert "(at character 18)" in error["message"]
    assert body["detail"] == f"body: {error['message']}"


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b'{"case_id": "\x91\xb8"}', "not UTF-8 (byte 0x91 at position 13)"),
    ],
    ids=["not-utf-8"],
)
async def test_a_body_the_json_parser_cannot_decode_is_a_422_like_any_malformed_json(
    settings: ServiceSettings, client_for: ClientFactory, body: bytes, reason: str
) -> None:
    # FastAPI's own answer would be a bare 400 "There was an error parsing the body".
    roomy = settings.model_copy(update={"max_body_bytes": 100_000})
    app = create_app(roomy, title="web tests", version="0.0.1", routers=[router])
    response = await client_for(app).post(
        "/referrals", content=body, headers={"content-type": "application/json"}
    )

    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
    problem = response.json()
    assert problem["type"] == problem_type("validation-error")
    assert problem["errors"] == [
        {"field": "body", "message": f"not valid JSON: {reason}", "type": "json_invalid"}
    ]


async def test_an_http_exception_keeps_its_status_as_a_blank_typed_problem(
    make_app: AppFactory, client_for: ClientFactory
) -> None:
    response = await client_for(make_app(router)).get("/raise/http")

    assert response.status_code == 409
    assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
    assert response.json() == {
        "type": "about:blank",
        "title": "Conflict",
        "status": 409,
        "detail": "plain HTTP conflict",
    }


async def test_an_unknown_route_is_a_404_problem(
    make_app: AppFactory, client_for: ClientFactory, token_for: TokenFor
) -> None:
    response = await client_for(make_app(router)).get("/no/such/route", headers=token_for())

    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
    assert response.json()["title"] == "Not Found"


async def test_a_wrong_method_is_a_405_problem_keeping_the_allow_header(
    make_app: AppFactory, client_for: ClientFactory, token_for: TokenFor
) -> None:
    response = await client_for(make_app(router)).delete("/referrals", headers=token_for())

    assert response.status_code == 405
    assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
    assert response.headers["allow"] == "POST"


async def test_a_problem_error_carries_its_type_and_extensions(
    make_app: AppFactory, client_for: ClientFactory
) -> None:
    response = await client_for(make_app(router)).get("/raise/problem")

    assert response.status_code == 429
    assert response.json() == {
        "type": problem_type("rate-limited"),
        "title": "Too Many Requests",
        "status": 429,
        "detail": "slow down",
        "retry_in": 5,
    }


async def test_an_unexpected_error_is_a_500_that_leaks_nothing(
    make_app: AppFactory, client_for: ClientFactory
) -> None:
    response = await client_for(make_app(router)).get("/raise/bug")

    assert response.status_code == 500
    assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
    body = response.json()
    assert body["type"] == problem_type("internal-error")
    for internal in ("hunter2", "RuntimeError", "/srv/secret", "Traceback"):
        assert internal not in response.text
    # The id to quote is the one the response header carries.
    assert body["correlation_id"] == response.headers["x-correlation-id"]


async def test_an_unexpected_error_is_logged_with_its_stack_and_correlation_id(
    make_app: AppFactory, client_for: ClientFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    app = make_app(router)  # configures logging to the (captured) stdout
    response = await client_for(app).get("/raise/bug")

    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    [entry] = [line for line in lines if line["event"] == "http.unhandled_error"]
    assert entry["level"] == "error"
    assert entry["path"] == "/raise/bug"
    assert entry["correlation_id"] == response.headers["x-correlation-id"]
    assert "Traceback" in entry["exception"]
    assert "RuntimeError: password=hunter2" in entry["exception"]


def test_a_date_in_a_query_is_iso_text_only() -> None:
    from datetime import date

    from pydantic import TypeAdapter, ValidationError

    from noncoop_shared.web.commands import IsoDate

    adapter = TypeAdapter(IsoDate)
    assert adapter.validate_python("2026-04-01") == date(2026, 4, 1)
    for odd in ("9.422054669143845e-08", "1711929600", "2026-4-1", "01/04/2026"):
        with pytest.raises(ValidationError, match="YYYY-MM-DD"):
            adapter.validate_python(odd)
