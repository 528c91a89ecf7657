"""One name for "a PostgreSQL connection", whether taken from a pool or opened alone."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

import asyncpg

if TYPE_CHECKING:
    from asyncpg.pool import PoolConnectionProxy

    Connection: TypeAlias = asyncpg.Connection[asyncpg.Record] | PoolConnectionProxy[asyncpg.Record]
else:
    Connection = asyncpg.Connection


async def keep_session(conn: asyncpg.Connection[asyncpg.Record]) -> None:
    """The pools' reset on release (``asyncpg.create_pool(reset=keep_session)``): nothing beyond
    asyncpg's own local cleanup, which always runs first (an open transaction is rolled back,
    notification callbacks are dropped).

    asyncpg's default sends ``pg_advisory_unlock_all(); CLOSE ALL; UNLISTEN *; RESET ALL`` on
    every release: a round trip and a transaction of its own per acquire, as many as the work
    itself for a short query (ADR 0026). None of it has anything to undo here: pooled
    connections never change session state. Settings are ``SET LOCAL``, advisory locks are
    transaction-level (``pg_try_advisory_xact_lock``), cursors live in transactions, and the
    relay's ``LISTEN`` is undone by ``remove_listener`` (a leftover registration would only send
    notifications nobody listens to). Session-level state belongs on a connection of its own
    (``asyncpg.connect``), as the rebuild's lock does.
    """
    return None
