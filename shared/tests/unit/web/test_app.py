"""create_app: the plumbing every service gets, and the rule that routes authenticate."""

from __future__ import annotations

from typing import Annotated

import pytest
from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from fastapi.routing import iter_route_contexts

from noncoop_shared.auth.dependencies import (
    CurrentPrincipal,
    OptionalPrincipal,
    current_principal,
    require_roles,
)
from noncoop_shared.auth.principal import Principal
from noncoop_shared.auth.roles import Role
from noncoop_shared.auth.tokens import TokenVerifier
from noncoop_shared.settings import ServiceSettings
from noncoop_shared.web.app import create_app
from noncoop_shared.web.commands import CommandBody
from noncoop_shared.web.metrics import Metrics
from noncoop_shared.web.problems import PROBLEM_MEDIA_TYPE


class Contact(CommandBody):
    summary: str


def build(settings: ServiceSettings, *routers: APIRouter) -> object:
    return create_app(settings, title="t", version="1", routers=routers)


def test_a_route_that_does_not_authenticate_is_refused_at_build_time(
    settings: ServiceSettings,
) -> None:
    router = APIRouter()

    @router.get("/cases")
    async def list_cases() -> list[str]:
        return []

    with pytest.raises(ValueError, match=r"these do not: GET /cases"):
        build(settings, router)


def test_routes_authenticating_directly_through_roles_or_router_dependencies_are_accepted(
    settings: ServiceSettings,
) -> None:
    direct, by_role, public = APIRouter(), APIRouter(), APIRouter()
    by_router = APIRouter(dependencies=[Depends(require_roles(Role.SECRETARIAT))])
    by_include, outer = APIRouter(), APIRouter(prefix="/v1")

    @direct.get("/a")
    async def a(principal: CurrentPrincipal) -> None: ...

    @by_role.post("/b")
    async def b(principal: Annotated[Principal, Depends(require_roles(Role.COURT))]) -> None: ...

    @public.get("/register")
    async def register(principal: OptionalPrincipal) -> None: ...

    @by_router.get("/d")
    async def d() -> None: ...

    @by_include.get("/e")
    async def e() -> None: ...

    outer.include_router(by_include, prefix="/nested", dependencies=[Depends(current_principal)])

    app = create_app(
        settings, title="t", version="1", routers=[direct, by_role, public, by_router, outer]
    )

    paths = {context.path for context in iter_route_contexts(app.routes)}
    assert {"/a", "/b", "/register", "/d", "/v1/nested/e", "/health/ready", "/metrics"} <= paths


def test_a_nested_route_without_authentication_is_refused_too(settings: ServiceSettings) -> None:
    inner, outer = APIRouter(), APIRouter()

    @inner.delete("/cases/{case_id}")
    async def delete_case(case_id: str) -> None: ...

    outer.include_router(inner, prefix="/v1")

    with pytest.raises(ValueError, match=r"these do not: DELETE /v1/cases/\{case_id\}"):
        build(settings, outer)


def test_the_app_state_holds_settings_verifier_and_metrics(settings: ServiceSettings) -> None:
    app = create_app(settings, title="t", version="1")

    assert app.state.settings is settings
    assert isinstance(app.state.token_verifier, TokenVerifier)
    assert app.state.token_verifier.audience == settings.jwt_audience
    assert isinstance(app.state.metrics, Metrics)


def test_openapi_documents_the_bearer_scheme_and_problem_responses(
    settings: ServiceSettings,
) -> None:
    router = APIRouter()

    @router.post("/cases")
    async def create_case(principal: CurrentPrincipal) -> None: ...

    app = create_app(settings, title="Referrals", version="1.2.3", routers=[router])

    schema = app.openapi()

    assert schema["info"]["title"] == "Referrals"
    assert schema["info"]["version"] == "1.2.3"
    assert schema["components"]["securitySchemes"]["bearer"] == {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
        "description": "JWT bearer token; `noncoop-token` mints one for development.",
    }
    operation = schema["paths"]["/cases"]["post"]
    assert operation["security"] == [{"bearer": []}]
    assert operation["responses"]["422"]["content"] == {
        PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/ValidationProblem"}}
    }
    for status in ("401", "403", "500"):
        assert operation["responses"][status]["content"] == {
            PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}
        }
    for name in ("Problem", "ValidationProblem", "FieldError"):
        assert name in schema["components"]["schemas"]
    assert "HTTPValidationError" not in schema["components"]["schemas"]


def test_health_is_documented_as_anonymous(settings: ServiceSettings) -> None:
    schema = create_app(settings, title="t", version="1").openapi()

    operation = schema["paths"]["/health/ready"]["get"]
    assert operation["security"] == []
    assert "401" not in operation["responses"]
    assert "/metrics" not in schema["paths"]


def test_an_optional_token_is_documented_as_anonymous_or_bearer(
    settings: ServiceSettings,
) -> None:
    router = APIRouter()

    @router.get("/public/cases")
    async def list_public_cases(principal: OptionalPrincipal) -> None: ...

    schema = create_app(settings, title="t", version="1", routers=[router]).openapi()

    operation = schema["paths"]["/public/cases"]["get"]
    assert operation["security"] == [{}, {"bearer": []}]
    assert "401" in operation["responses"] and "403" not in operation["responses"]


def test_operation_ids_are_the_endpoint_names_and_servers_the_public_url(
    settings: ServiceSettings,
) -> None:
    router = APIRouter(prefix="/v1")

    @router.post("/court-referrals")
    async def register_court_referral(principal: CurrentPrincipal) -> None: ...

    schema = create_app(settings, title="t", version="1", routers=[router]).openapi()

    assert schema["paths"]["/v1/court-referrals"]["post"]["operationId"] == (
        "register_court_referral"
    )
    assert schema["paths"]["/health/live"]["get"]["operationId"] == "check_liveness"
    assert schema["servers"] == [
        {"url": f"http://localhost:{settings.port}", "description": "web-tests (development)"}
    ]
    public = settings.model_copy(update={"public_base_url": "https://referrals.noncoop.example"})
    schema = create_app(public, title="t", version="1").openapi()
    assert schema["servers"][0]["url"] == "https://referrals.noncoop.example"


def test_a_command_answer_is_typed_and_examples_reach_their_components(
    settings: ServiceSettings,
) -> None:
    router = APIRouter()

    @router.post("/contacts")
    async def record_contact(body: Contact, principal: CurrentPrincipal) -> JSONResponse:
        raise NotImplementedError

    @router.get("/contacts")
    async def list_contacts(principal: CurrentPrincipal) -> list[Contact]:
        raise NotImplementedError

    example = {"summary": "Met the Permanent Representative"}
    schema = create_app(
        settings, title="t", version="1", routers=[router], examples={"Contact": [example]}
    ).openapi()

    answered = schema["paths"]["/contacts"]["post"]["responses"]["200"]["content"]
    assert answered["application/json"]["schema"] == {
        "$ref": "#/components/schemas/CommandRecorded"
    }
    assert schema["components"]["schemas"]["Contact"]["examples"] == [example]
    listed = schema["paths"]["/contacts"]["get"]["responses"]["200"]["content"]
    assert listed["application/json"]["example"] == [example]
    with pytest.raises(ValueError, match="Renamed"):
        create_app(settings, title="t", version="1", examples={"Renamed": [{}]}).openapi()
