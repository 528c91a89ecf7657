"""Property-based fuzzing of every endpoint of every service, from the service's own OpenAPI.

Schemathesis generates the requests: valid ones ("positive") and invalid ones ("negative": wrong
types, missing fields, malformed path ids, odd query strings and headers). They are sent through
the in-process httpx clients of ``four_services``, in the test's event loop, where the apps'
PostgreSQL pools and Kafka clients live (schemathesis' own ASGI runner would call the apps from
another loop). Hypothesis runs in a worker thread and hands each request to that loop, so it
still shrinks a failure to its smallest example.

Who calls is the harness's choice, not schemathesis': mostly a role the operation allows (found
by asking it, a 403 names them), so the fuzzing reaches the handlers; sometimes a role it refuses,
nobody, or credentials that must fail. Path ids are generated (unknown, or malformed in negative
mode) or, half of the time, a real case registered beforehand, so commands also meet real state.

Every response must be below 500; every error application/problem+json with ``type``, ``title``
and ``status``; its status and media type documented; a 2xx body as documented; and an invalid
request (negative mode) refused. ``NONCOOP_FUZZ_EXAMPLES`` examples per operation and mode: a
few in the normal suite, many under ``make fuzz``.
"""

from __future__ import annotations

import asyncio
import json
import os
import traceback
from collections.abc import Coroutine
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TypeVar

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, Verbosity, given, reject, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import Case, GenerationMode
from schemathesis.checks import CheckFunction, not_a_server_error
from schemathesis.core.result import Err, Ok
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from noncoop_shared.auth.tokens import mint_token
from noncoop_shared.testing import (
    ROLE_CLAIMS,
    bearer_headers,
    court_decision_body,
    urgent_incident_body,
)

pytestmark = [
    pytest.mark.integration,
    # Hypothesis draws in a worker thread while the services' own code (on the loop's thread)
    # touches the global `random`; Hypothesis takes that for a strategy using `random`.
    pytest.mark.filterwarnings(
        "ignore:Do not use the `random` module:hypothesis.errors.HypothesisDeprecationWarning"
    ),
]

EXAMPLES = int(os.environ.get("NONCOOP_FUZZ_EXAMPLES", "5"))
PROBLEM = "application/problem+json"
SERVICES = ("referrals", "good_offices", "bureau", "reporting")
#: Every role a token may carry, with the claims it needs (``public`` is the anonymous caller).
TOKEN_ROLES = ROLE_CLAIMS

T = TypeVar("T")


@dataclass(frozen=True)
class Caller:
    """Who sends a request: a role (a fresh valid token), a raw Authorization value, or nobody."""

    role: str | None = None
    authorization: str | None = None

    def headers(self, secret: str) -> dict[str, str]:
        if self.role is not None:
            # Minted per request: a long `make fuzz` outlives a token's ten minutes.
            return bearer_headers(secret, self.role, **TOKEN_ROLES[self.role])
        return {"Authorization": self.authorization} if self.authorization is not None else {}


def _callers(allowed_roles: list[str], secret: str) -> list[Caller]:
    """Mostly the allowed roles (so requests reach the handlers), then every kind of refusal."""
    refused = [role for role in TOKEN_ROLES if role not in allowed_roles][:1]
    wrong_secret = mint_token("another-secret-" + "x" * 40, role="secretariat", sub="s-1")
    expired = mint_token(secret, role="secretariat", sub="s-1", ttl=timedelta(minutes=-5))
    bad = ["Bearer", "Bearer not-a-jwt", "Basic bm9uY29vcDpub25jb29w", "Bearer " + "A" * 5000]
    return (
        [Caller(role=role) for role in allowed_roles] * 4
        + [Caller(role=role) for role in refused]
        + [Caller()]
        + [Caller(authorization=value) for value in bad]
        + [Caller(authorization=f"Bearer {token}") for token in (wrong_secret, expired)]
    )


@dataclass(frozen=True)
class Target:
    """One service under fuzzing, reached from the worker thread through the test's loop."""

    name: str
    client: httpx.AsyncClient
    loop: asyncio.AbstractEventLoop
    secret: str

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout=120)


@pytest.mark.parametrize("service", SERVICES)
async def test_fuzzing_every_endpoint_finds_no_server_error_and_only_problem_json_errors(
    four_services: Any, service: str
) -> None:
    known_case_ids = await _register_cases(four_services)
    client = four_services.clients[service]
    target = Target(service, client, asyncio.get_running_loop(), four_services.secret)
    openapi = _without_security(four_services.apps[service].openapi())
    operations = [
        _unwrap(result) for result in schemathesis.openapi.from_dict(openapi).get_all_operations()
    ]
    assert operations, f"{service} documents no operation"
    callers = {
        op.label: _callers(await _allowed_roles(target, op, known_case_ids[0]), target.secret)
        for op in operations
    }

    def fuzz_every_operation() -> list[str]:
        failures = []
        for op in operations:
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                failure = _fuzz(target, op, mode, callers[op.label], known_case_ids)
                if failure:
                    failures.append(f"{op.label} ({mode.value}):\n{failure}")
        return failures

    failures = await asyncio.to_thread(fuzz_every_operation)
    assert not failures, f"{len(failures)} failing operation(s) of {service}:\n\n" + "\n\n".join(
        failures
    )


def _fuzz(
    target: Target,
    op: Any,
    mode: GenerationMode,
    callers: list[Caller],
    known_case_ids: list[str],
) -> str | None:
    """``EXAMPLES`` generated requests to ``op``; the shrunk failure, or None."""

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        phases=[Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
        verbosity=Verbosity.quiet,
        report_multiple_bugs=False,
    )
    @given(
        case=op.as_strategy(generation_mode=mode),
        caller=st.sampled_from(callers),
        known_case=st.none() | st.sampled_from(known_case_ids),
    )
    def answered_properly(case: Case[Any], caller: Caller, known_case: str | None) -> None:
        if mode.is_positive and known_case and "case_id" in (case.path_parameters or {}):
            case.path_parameters = {**(case.path_parameters or {}), "case_id": known_case}
        kwargs = case.as_transport_kwargs(base_url=f"http://{target.name}")
        kwargs["headers"] = _headers(kwargs.get("headers") or {}) | caller.headers(target.secret)
        try:
            request = _build_request(target.client, kwargs)
        except (UnicodeEncodeError, ValueError, TypeError, httpx.HTTPError):
            reject()  # no HTTP client could send it, so no service can receive it
        response = target.run(target.client.send(request))
        _check(case, response, mode, kwargs["headers"])

    try:
        answered_properly()
    except Unsatisfiable:
        # Nothing to make invalid (no parameter, no body: the health checks): not a failure.
        return None if mode.is_negative else traceback.format_exc()
    except (Exception, BaseExceptionGroup) as error:  # schemathesis' FailureGroup is a group
        return "".join(traceback.format_exception(error))
    return None


def _check(case: Case[Any], response: httpx.Response, mode: GenerationMode, headers: Any) -> None:
    sent = f"{response.request.method} {response.request.url} -> {response.status_code}"
    assert response.status_code < 500, f"{sent}: {response.text[:2000]}"
    if response.status_code >= 400:
        media_type = response.headers.get("content-type", "")
        assert media_type.startswith(PROBLEM), f"{sent}: {media_type}"
        problem = response.json()
        assert isinstance(problem.get("type"), str), f"{sent}: {problem}"
        assert isinstance(problem.get("title"), str), f"{sent}: {problem}"
        assert problem.get("status") == response.status_code, f"{sent}: {problem}"
    checks: list[CheckFunction] = [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
    ]
    if response.status_code < 300:
        # Errors are checked above as problems; their documented schema for 422 (with
        # `errors`) holds for input validation only, not for every 422 a domain may give.
        checks.append(response_schema_conformance)
    if mode.is_negative:
        checks.append(negative_data_rejection)
    case.validate_response(response, checks=checks, headers=headers)


def _unwrap(result: Ok[Any] | Err[Any]) -> Any:
    """An operation schemathesis could read; one it could not is a broken OpenAPI document."""
    assert isinstance(result, Ok), f"unreadable operation: {result.err()}"
    return result.ok()


def _without_security(openapi: dict[str, Any]) -> dict[str, Any]:
    """The document without its bearer scheme: the harness, not schemathesis, picks callers."""
    document = json.loads(json.dumps(openapi))
    document.get("components", {}).pop("securitySchemes", None)
    for operations in document["paths"].values():
        for operation in operations.values():
            operation.pop("security", None)
    return dict(document)


def _headers(generated: dict[str, Any]) -> dict[str, Any]:
    # Schemathesis' own bookkeeping header says nothing to the service.
    return {k: v for k, v in generated.items() if k.lower() != "x-schemathesis-testcaseid"}


def _build_request(client: httpx.AsyncClient, kwargs: dict[str, Any]) -> httpx.Request:
    """The httpx request for schemathesis' ``requests``-style keyword arguments."""
    if "json" in kwargs:
        # The standard library escapes non-ASCII, so a lone surrogate goes out as "\\ud800"
        # (valid JSON text the service must cope with) instead of failing to encode.
        content: bytes | None = json.dumps(kwargs["json"]).encode()
    else:
        data = kwargs.get("data")
        content = data.encode() if isinstance(data, str) else data
    params = {name: _query_value(value) for name, value in (kwargs.get("params") or {}).items()}
    return client.build_request(
        kwargs["method"], kwargs["url"], params=params, headers=kwargs["headers"], content=content
    )


def _query_value(value: Any) -> str | list[str]:
    if isinstance(value, list):
        return [item if isinstance(item, str) else json.dumps(item) for item in value]
    return value if isinstance(value, str) else json.dumps(value)


async def _allowed_roles(target: Target, op: Any, case_id: str) -> list[str]:
    """The roles that may call ``op``: the first refused role's 403 names them; else every role."""
    path = op.path
    for parameter in op.path_parameters:
        path = path.replace("{" + parameter.name + "}", case_id)
    for role in TOKEN_ROLES:
        response = await target.client.request(
            op.method.upper(), path, headers=Caller(role=role).headers(target.secret)
        )
        if response.status_code == 403 and "allowed_roles" in response.json():
            return [str(allowed) for allowed in response.json()["allowed_roles"]]
    return list(TOKEN_ROLES)


async def _register_cases(system: Any) -> list[str]:
    """A 7(a) and a 7(b) case that reporting (the last service in line) already knows."""
    referrals = system.clients["referrals"]
    opened = [
        await referrals.post(
            "/v1/court-referrals", json=court_decision_body(), headers=system.headers("court")
        ),
        await referrals.post(
            "/v1/urgent-incidents",
            json=urgent_incident_body(),
            headers=system.headers("president"),
        ),
    ]
    assert [r.status_code for r in opened] == [201, 201], [r.text for r in opened]
    case_ids = [str(r.json()["case_id"]) for r in opened]
    reporting, reader = system.clients["reporting"], system.headers("secretariat")
    for case_id in case_ids:
        await _eventually_found(reporting, f"/v1/cases/{case_id}/audit-trail", reader)
    return case_ids


async def _eventually_found(
    client: httpx.AsyncClient, path: str, headers: dict[str, str], timeout_s: float = 30.0
) -> None:
    deadline = asyncio.get_running_loop().time() + timeout_s
    while (response := await client.get(path, headers=headers)).status_code != 200:
        assert asyncio.get_running_loop().time() < deadline, response.text
        await asyncio.sleep(0.1)
