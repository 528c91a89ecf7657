"""The dependency that hands routes their service's runtime (started by the app's lifespan)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from fastapi import Request

T = TypeVar("T")


def runtime_of(kind: type[T]) -> Callable[[Request], Awaitable[T]]:
    # A coroutine, though it awaits nothing: FastAPI runs a plain function dependency in its
    # thread pool, a hop per request (docs/adr/0041-no-thread-hop-per-request.md).
    async def get_runtime(request: Request) -> T:
        runtime = getattr(request.app.state, "runtime", None)
        if not isinstance(runtime, kind):
            raise RuntimeError("the service runtime is not started")  # a wiring bug: 500
        return runtime

    return get_runtime
