"""Routes whose function or dependencies FastAPI would run in its thread pool are found and
refused at build time (docs/adr/0041-no-thread-hop-per-request.md)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Annotated

import pytest
from fastapi import APIRouter, Depends, FastAPI

from noncoop_shared.auth.dependencies import CurrentPrincipal
from noncoop_shared.settings import ServiceSettings
from noncoop_shared.web.app import create_app
from noncoop_shared.web.runtime import runtime_of
from noncoop_shared.web.threadless import refuse_threaded_calls, threaded_calls


def plain_dependency() -> int:
    return 1


def plain_generator() -> Iterator[int]:
    yield 1


async def async_dependency() -> int:
    return 1


async def async_generator() -> AsyncIterator[int]:
    yield 1


async def outer_dependency(one: Annotated[int, Depends(plain_dependency)]) -> int:
    return one


class CallableObject:
    async def __call__(self) -> int:
        return 1


def test_async_routes_and_dependencies_run_on_the_event_loop() -> None:
    router = APIRouter(dependencies=[Depends(CallableObject())])

    @router.get("/a")
    async def a(
        one: Annotated[int, Depends(async_dependency)],
        two: Annotated[int, Depends(async_generator)],
        runtime: Annotated[object, Depends(runtime_of(object))],
    ) -> None: ...

    app = FastAPI()
    app.include_router(router)

    assert threaded_calls(app.routes) == []
    refuse_threaded_calls(app.routes)  # raises nothing


def test_a_plain_route_function_or_dependency_is_found_with_its_route() -> None:
    inner, outer = APIRouter(), APIRouter()

    @inner.get("/sync-endpoint")
    def sync_endpoint() -> None: ...

    @inner.post("/sync-dependency")
    async def sync_dependency(one: Annotated[int, Depends(plain_dependency)]) -> None: ...

    @inner.get("/sync-generator", dependencies=[Depends(plain_generator)])
    async def sync_generator() -> None: ...

    outer.include_router(inner, prefix="/v1")
    app = FastAPI()
    app.include_router(outer)

    assert threaded_calls(app.routes) == [
        "GET /v1/sync-endpoint: test_a_plain_route_function_or_dependency_is_found_with_its_route"
        ".<locals>.sync_endpoint",
        "POST /v1/sync-dependency: plain_dependency",
        "GET /v1/sync-generator: plain_generator",
    ]


def test_a_nested_plain_dependency_is_found() -> None:
    router = APIRouter()

    @router.get("/nested")
    async def nested(two: Annotated[int, Depends(outer_dependency)]) -> None: ...

    app = FastAPI()
    app.include_router(router)

    assert threaded_calls(app.routes) == ["GET /nested: plain_dependency"]


def test_a_service_app_with_a_plain_dependency_is_refused_at_build_time(
    settings: ServiceSettings,
) -> None:
    router = APIRouter()

    @router.get("/cases")
    async def list_cases(
        principal: CurrentPrincipal, one: Annotated[int, Depends(plain_dependency)]
    ) -> None: ...

    with pytest.raises(ValueError, match=r"write it async def: GET /cases: plain_dependency"):
        create_app(settings, title="t", version="1", routers=[router])
