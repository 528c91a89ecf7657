"""What good offices' API tests set up the same way: a focal point on the roster, and a command
that commits in its own transaction just as the next command's transaction begins (a race)."""

from __future__ import annotations

import contextvars
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import date
from typing import Any

import pytest

from noncoop_shared.store import PostgresEventStore, StoreTransaction

Auth = Callable[..., dict[str, str]]

TERM_START = date(2026, 1, 1)

_RACING: contextvars.ContextVar[bool] = contextvars.ContextVar("racing", default=False)


async def appoint(
    system: Any, auth: Auth, focal_point_id: str, region: str, *, term_start: date = TERM_START
) -> None:
    """The Secretariat puts ``focal_point_id`` of ``region`` on the roster (P17)."""
    response = await system.good_offices.post(
        "/v1/focal-points",
        json={
            "focal_point_id": focal_point_id,
            "name": f"Ambassador {focal_point_id}",
            "state": "GHA",
            "region": region,
            "term_start": term_start.isoformat(),
            "bureau_decision_reference": "Bureau/26/1",
        },
        headers=auth("secretariat"),
    )
    assert response.status_code == 201, response.text


@asynccontextmanager
async def racing(
    monkeypatch: pytest.MonkeyPatch,
    store: PostgresEventStore,
    first: Callable[[], Awaitable[None]],
) -> AsyncIterator[None]:
    """Inside the block, the store's next transaction is preceded by ``first()``, committed in a
    transaction of its own: what another writer commits just as a command's transaction begins.
    Only once, and only in this task's context (the service's own consumers are left alone)."""
    begin = store.transaction
    raced: list[bool] = []

    @asynccontextmanager
    async def transaction() -> AsyncIterator[StoreTransaction]:
        if _RACING.get() and not raced:
            raced.append(True)
            await first()  # its own transaction (``raced`` is set): committed
        async with begin() as tx:
            yield tx

    monkeypatch.setattr(store, "transaction", transaction)
    token = _RACING.set(True)
    try:
        yield
    finally:
        _RACING.reset(token)
    assert raced, "no transaction began in the block: nothing raced"


def reads_outside_transactions(
    monkeypatch: pytest.MonkeyPatch, store: PostgresEventStore
) -> list[str]:
    """The streams read through the store's own ``load`` from now on (a read outside any
    command's transaction), in order: a list the test reads after its request."""
    load = store.load
    read: list[str] = []

    async def counted(stream: str) -> list[Any]:
        read.append(stream)
        return await load(stream)

    monkeypatch.setattr(store, "load", counted)
    return read
