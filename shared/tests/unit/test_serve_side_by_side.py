"""``testing.serve_side_by_side``: apps started together, each lifespan left in the task that
entered it, every app stopped even when one fails to start or to stop."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager

import pytest
from fastapi import FastAPI

from noncoop_shared.testing import serve_side_by_side


class Journal:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.tasks: dict[str, list[asyncio.Task[object] | None]] = {}

    def app(self, name: str, *, start_fails: bool = False, stop_fails: bool = False) -> FastAPI:
        @asynccontextmanager
        async def lifespan(app: FastAPI) -> AsyncIterator[None]:
            self.tasks.setdefault(name, []).append(asyncio.current_task())
            self.lines.append(f"{name} starting")
            await asyncio.sleep(0.05)
            if start_fails:
                raise RuntimeError(f"{name} cannot start")
            self.lines.append(f"{name} up")
            yield
            self.tasks[name].append(asyncio.current_task())
            self.lines.append(f"{name} stopped")
            if stop_fails:
                raise RuntimeError(f"{name} cannot stop")

        app = FastAPI(lifespan=lifespan)

        @app.get("/name")
        async def who() -> str:
            return name

        return app


async def test_the_apps_start_together_answer_and_stop_when_the_stack_closes() -> None:
    journal = Journal()
    async with AsyncExitStack() as stack:
        clients = await serve_side_by_side(stack, {"a": journal.app("a"), "b": journal.app("b")})
        # Both were starting before either was up: side by side, not one after the other.
        assert journal.lines[:2] == ["a starting", "b starting"]
        assert [(await clients[n].get("/name")).json() for n in ("a", "b")] == ["a", "b"]
        assert "a stopped" not in journal.lines
    assert {"a stopped", "b stopped"} <= set(journal.lines)
    # Each lifespan was left in the task that entered it.
    for entered, left in journal.tasks.values():
        assert entered is left


async def test_an_app_that_cannot_start_is_raised_and_the_others_are_stopped() -> None:
    journal = Journal()
    async with AsyncExitStack() as stack:
        with pytest.raises(RuntimeError, match="b cannot start"):
            await serve_side_by_side(
                stack, {"a": journal.app("a"), "b": journal.app("b", start_fails=True)}
            )
        assert "a stopped" in journal.lines


async def test_an_app_that_cannot_stop_is_raised_after_every_app_stopped() -> None:
    journal = Journal()
    with pytest.raises(RuntimeError, match="a cannot stop"):
        async with AsyncExitStack() as stack:
            await serve_side_by_side(
                stack, {"a": journal.app("a", stop_fails=True), "b": journal.app("b")}
            )
    assert {"a stopped", "b stopped"} <= set(journal.lines)
