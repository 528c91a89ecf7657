"""Which calls of an app's routes FastAPI would run in its thread pool.

FastAPI runs a route function or a dependency written as a plain ``def`` in a worker thread:
two thread switches and a lock hand-off on every request, about a twentieth of a command's
CPU in referrals (docs/adr/0041-no-thread-hop-per-request.md). Nothing on our request path
blocks, so every such call is written ``async def``; an app that has one is refused when it is
built, by the name of the call, rather than found later in a profile. Blocking work (a JWKS
fetch) goes to a thread explicitly, where it is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

# FastAPI's own tests of a call, the ones that choose the thread pool (private, and so read
# here rather than rewritten: its rules for partials, wrapped and callable objects are long).
# The version is locked; a rename fails this import, and with it every service's start.
from fastapi.dependencies.models import Dependant, _is_async_gen_callable, _is_coroutine_callable
from fastapi.routing import APIRoute, iter_route_contexts
from starlette.routing import BaseRoute


def _runs_in_a_thread(call: Callable[..., Any]) -> bool:
    return not (_is_coroutine_callable(call) or _is_async_gen_callable(call))


def _dependency_calls(dependant: Dependant) -> Iterator[Callable[..., Any]]:
    for dependency in dependant.dependencies:
        if dependency.call is not None:
            yield dependency.call
        yield from _dependency_calls(dependency)


def threaded_calls(routes: Sequence[BaseRoute]) -> list[str]:
    """``"METHODS /path: call"`` for each route function or dependency of ``routes`` (those
    included from routers too) that FastAPI would run in its thread pool."""
    found: list[str] = []
    for context in iter_route_contexts(routes):
        route = context.original_route
        if not isinstance(route, APIRoute):
            continue
        calls = [route.endpoint, *_dependency_calls(context.dependant)]
        where = f"{','.join(sorted(context.methods or ()))} {context.path}"
        found += [
            f"{where}: {getattr(call, '__qualname__', repr(call))}"
            for call in dict.fromkeys(calls)
            if _runs_in_a_thread(call)
        ]
    return found


def refuse_threaded_calls(routes: Sequence[BaseRoute]) -> None:
    """Raise ``ValueError`` naming every call of ``routes`` that would run in the thread pool."""
    threaded = threaded_calls(routes)
    if threaded:
        raise ValueError(
            "a route function or dependency written as a plain def runs in FastAPI's thread "
            f"pool on every request; write it async def: {'; '.join(threaded)}"
        )
