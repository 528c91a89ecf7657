"""create_app: the plumbing every service gets, and the rule that routes authenticate."""

from __future__ import annotations

from typing import Annotated

import pytest
from fastapi import APIRouter, Depends
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
from noncoop_shared.web.metrics import Metrics
from noncoop_shared.web.problems import PROBLEM_MEDIA_TYPE


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


def test_health_is_documented_without_security(settings: ServiceSettings) -> None:
    schema = create_app(settings, title="t", version="1").openapi()

    operation = schema["paths"]["/health/ready"]["get"]
    assert "security" not in operation
    assert "401" not in operation["responses"]
    assert "/metrics" not in schema["paths"]
