"""The OpenAPI documents are fit to generate clients from (docs/architecture.md §13, ADR 0036):
named operations, examples that hold, and the security the edge really applies."""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute, iter_route_contexts
from jsonschema import Draft202012Validator, FormatChecker
from pydantic import TypeAdapter, ValidationError

from noncoop_shared.audit import generate_signing_key
from noncoop_shared.contracts.generate import SERVICES
from noncoop_shared.contracts.generate import openapi as development_openapi
from noncoop_shared.settings import ServiceSettings
from noncoop_shared.testing import ProductionKeys
from noncoop_shared.web.openapi import operations

SNAKE_CASE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
#: What FastAPI's default ids end with: the path and the method.
DEFAULT_SUFFIX = re.compile(r"_(v1|health)_.*_(get|post|put|patch|delete)$|_(get|post)$")
JSON = "application/json"


@pytest.fixture(scope="module")
def documents() -> dict[str, dict[str, Any]]:
    return {service: development_openapi(service) for service in SERVICES}


def _settings_class(service: str) -> type[ServiceSettings]:
    module = importlib.import_module(f"{service}.settings")
    [settings] = [
        value
        for name, value in vars(module).items()
        if name.endswith("Settings")
        and isinstance(value, type)
        and value is not ServiceSettings
        and issubclass(value, ServiceSettings)
    ]
    return settings


def production_app(service: str) -> FastAPI:
    """The service's app as production configures it, not started: its edge needs no store."""
    keys = ProductionKeys.generate(service)
    own = {"signing_key_pem": generate_signing_key()[0].decode()} if service == "reporting" else {}
    settings = _settings_class(service)(
        database_url="postgresql://noncoop@127.0.0.1:1/unused",
        kafka_bootstrap_servers="127.0.0.1:1",
        public_base_url=f"https://{service.replace('_', '-')}.noncoop.example",
        **keys.settings,  # type: ignore[arg-type]  # the settings' own names
        **own,  # type: ignore[arg-type]
    )
    app: FastAPI = importlib.import_module(f"{service}.main").build_app(settings)
    return app


# --- operation ids ----------------------------------------------------------------------------


@pytest.mark.parametrize("service", SERVICES)
def test_every_operation_id_is_a_unique_snake_case_name_without_path_or_method(
    documents: dict[str, dict[str, Any]], service: str
) -> None:
    ids = [operation["operationId"] for _, _, operation in operations(documents[service])]
    assert [i for i in ids if not SNAKE_CASE.match(i)] == []
    assert [i for i in ids if DEFAULT_SUFFIX.search(i)] == []
    assert sorted(i for i in set(ids) if ids.count(i) > 1) == []
    assert {"check_liveness", "check_readiness", "import_history"} & set(ids)


def test_the_court_registers_a_referral_by_name(documents: dict[str, dict[str, Any]]) -> None:
    post = documents["referrals"]["paths"]["/v1/court-referrals"]["post"]
    assert post["operationId"] == "register_court_referral"


# --- servers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "service, port", list(zip(SERVICES, (8101, 8102, 8103, 8104), strict=True))
)
def test_the_server_is_where_make_run_serves_the_service_unless_set(
    documents: dict[str, dict[str, Any]], service: str, port: int
) -> None:
    [server] = documents[service]["servers"]
    assert server["url"] == f"http://localhost:{port}"
    assert server["description"]
    [deployed] = production_app(service).openapi()["servers"]
    assert deployed["url"] == f"https://{service.replace('_', '-')}.noncoop.example"


# --- examples ---------------------------------------------------------------------------------


def _component(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """The schema ``schema`` stands for: its ``$ref`` followed, an optional body's null left."""
    while True:
        if "$ref" in schema:
            schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
            continue
        branches = [b for b in schema.get("anyOf", []) if b.get("type") != "null"]
        if len(branches) == 1 and "examples" not in schema:
            schema = branches[0]
            continue
        return schema


def _examples(document: dict[str, Any], media: dict[str, Any]) -> list[Any]:
    if "example" in media:
        return [media["example"]]
    if "examples" in media:
        return [example["value"] for example in media["examples"].values()]
    schema = media.get("schema", {})
    return list(schema.get("examples") or _component(document, schema).get("examples") or [])


def _json_media(operation: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """The request body and the JSON success responses of ``operation``."""
    body = operation.get("requestBody", {}).get("content", {}).get(JSON)
    if body is not None:
        yield "request body", body
    for status, response in operation["responses"].items():
        media = response.get("content", {}).get(JSON)
        if status.startswith("2") and media is not None:
            yield f"{status} response", media


FORMATS = FormatChecker()


@FORMATS.checks("date-time", raises=ValueError)
def _date_time(value: object) -> bool:
    """RFC 3339: a date, a time and an offset (jsonschema checks it only with an extra)."""
    return not isinstance(value, str) or datetime.fromisoformat(value).tzinfo is not None


def _problems(document: dict[str, Any], schema: dict[str, Any], example: Any) -> list[str]:
    validator = Draft202012Validator(
        {"components": document["components"], **schema}, format_checker=FORMATS
    )
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(example)
    ]


@pytest.mark.parametrize("service", SERVICES)
def test_every_operation_has_an_example_of_its_body_and_of_its_success(
    documents: dict[str, dict[str, Any]], service: str
) -> None:
    document = documents[service]
    missing = [
        f"{method.upper()} {path} {what}"
        for path, method, operation in operations(document)
        for what, media in _json_media(operation)
        if not _examples(document, media)
    ]
    assert missing == []


@pytest.mark.parametrize("service", SERVICES)
def test_every_example_validates_against_its_own_schema(
    documents: dict[str, dict[str, Any]], service: str
) -> None:
    document = documents[service]
    invalid: dict[str, list[str]] = {}
    for path, method, operation in operations(document):
        for what, media in _json_media(operation):
            for example in _examples(document, media):
                problems = _problems(document, media.get("schema", {}), example)
                if problems:
                    invalid[f"{method.upper()} {path} {what}"] = problems
    for name, schema in document["components"]["schemas"].items():
        for example in schema.get("examples", []):
            problems = _problems(document, schema, example)
            if problems:
                invalid[f"components/schemas/{name}"] = problems
    assert invalid == {}


@pytest.mark.parametrize("service", SERVICES)
def test_every_request_example_passes_the_routes_own_validation(service: str) -> None:
    """More than the schema says: the body model's own validators (dates in order, rule Time's
    bounds...) accept each example as the route would."""
    app = production_app(service)
    document = app.openapi()
    refused: dict[str, str] = {}
    checked = 0
    for context in iter_route_contexts(app.routes):
        route = context.original_route
        if not isinstance(route, APIRoute) or route.body_field is None or context.path is None:
            continue
        for method in context.methods or ():
            operation = document["paths"][context.path][method.lower()]
            body = operation["requestBody"]["content"][JSON]
            for example in _examples(document, body):
                checked += 1
                try:
                    TypeAdapter(route.body_field.field_info.annotation).validate_python(example)
                except ValidationError as error:
                    refused[f"{method} {context.path}"] = str(error)
    assert refused == {}
    assert checked > 0


def test_a_wrong_example_is_caught(documents: dict[str, dict[str, Any]]) -> None:
    document = documents["referrals"]
    body = document["paths"]["/v1/court-referrals"]["post"]["requestBody"]["content"][JSON]
    [example] = _examples(document, body)
    wrong = {**example, "decision": {**example["decision"], "legal_basis": "87(8)"}}
    assert _problems(document, body["schema"], example) == []
    assert _problems(document, body["schema"], wrong) != []
    assert _problems(document, body["schema"], {**example, "unknown": 1}) != []
    assert _problems(document, body["schema"], {**example, "occurred_at": "2017-12-11"}) != []


# --- security ---------------------------------------------------------------------------------


def _concrete(path: str, operation: dict[str, Any]) -> str:
    """``path`` with each parameter given a value its pattern accepts."""
    for parameter in operation.get("parameters", []):
        if parameter["in"] == "path":
            value = (
                "1"
                if parameter["schema"].get("type") == "integer"
                else ("01900000-0000-7000-8000-000000000000")
            )
            path = path.replace("{" + parameter["name"] + "}", value)
    return path


def _needs_a_token(operation: dict[str, Any]) -> bool:
    """What the document says: no requirement, or an empty one among them, lets anyone in."""
    return bool(operation["security"]) and {} not in operation["security"]


@pytest.mark.parametrize("service", SERVICES)
async def test_an_anonymous_call_is_refused_exactly_where_the_document_asks_a_token(
    service: str,
) -> None:
    app = production_app(service)
    document = app.openapi()
    disagreements: list[str] = []
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://edge") as client:
        for path, method, operation in operations(document):
            body = operation.get("requestBody", {}).get("content", {}).get(JSON)
            examples = _examples(document, body) if body is not None else []
            response = await client.request(
                method.upper(),
                _concrete(path, operation),
                json=examples[0] if examples else None,
            )
            refused = response.status_code == 401
            if refused != _needs_a_token(operation):
                disagreements.append(
                    f"{method.upper()} {path}: security {operation['security']}, "
                    f"anonymous call answered {response.status_code}"
                )
    assert disagreements == []
    assert document["paths"]["/health/live"]["get"]["security"] == []
    if service == "reporting":
        assert document["paths"]["/v1/public/cases"]["get"]["security"] == [{}, {"bearer": []}]
