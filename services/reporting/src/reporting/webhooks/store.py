"""Webhook subscriptions and their deliveries in reporting's database (all their SQL).

A subscription keeps its owner (the principal that made it: role, subject and claims, so the
worker reads as that principal), its URL, its optional event types, its sealed secret and its
cursor (per partition, the next offset, as the feed's). A delivery row is the event being sent
(``pending``, one at a time per subscription, in feed order) or one given up on (``dead``); a
delivered event leaves the table. Several replicas share the work with
``FOR UPDATE SKIP LOCKED`` on the subscription: one delivers a subscription's events at a time.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

import asyncpg

from noncoop_shared.auth.principal import Principal
from noncoop_shared.db import Connection
from noncoop_shared.errors import InvalidTransitionError

MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
        CREATE TABLE webhook_subscriptions (
            id              UUID PRIMARY KEY,
            owner_role      TEXT NOT NULL,
            owner_subject   TEXT NOT NULL,
            owner_region    TEXT,
            owner_state     TEXT,
            url             TEXT NOT NULL,
            event_types     TEXT[],
            secret_sealed   BYTEA NOT NULL,
            positions       JSONB NOT NULL DEFAULT '{}',
            created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
            next_run_at     TIMESTAMPTZ NOT NULL DEFAULT now()
        );
        CREATE INDEX webhook_subscriptions_owner
            ON webhook_subscriptions (owner_subject, owner_role);
        CREATE INDEX webhook_subscriptions_due ON webhook_subscriptions (next_run_at);
        CREATE TABLE webhook_deliveries (
            subscription_id UUID NOT NULL
                REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
            event_id        UUID NOT NULL,
            seq             BIGSERIAL,
            type            TEXT NOT NULL,
            body            TEXT NOT NULL,
            state           TEXT NOT NULL CHECK (state IN ('pending', 'dead')),
            advances        JSONB,
            attempts        INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
            last_error      TEXT,
            updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
            PRIMARY KEY (subscription_id, event_id)
        );
        CREATE INDEX webhook_deliveries_order ON webhook_deliveries (subscription_id, state, seq);
        """,
    ),
    (
        2,
        """
        -- A subscription lasts a while, then its owner renews it with a token of its own: one
        -- whose access has ended (a departed official) stops receiving. Those made before get
        -- the default lifetime from now.
        ALTER TABLE webhook_subscriptions ADD COLUMN expires_at TIMESTAMPTZ;
        UPDATE webhook_subscriptions SET expires_at = now() + interval '90 days';
        ALTER TABLE webhook_subscriptions ALTER COLUMN expires_at SET NOT NULL;
        """,
    ),
]


@dataclass(frozen=True)
class Subscription:
    id: UUID
    owner: Principal
    url: str
    event_types: frozenset[str] | None
    secret_sealed: bytes
    positions: dict[int, int]
    created_at: datetime
    expires_at: datetime
    expired: bool = False
    """past ``expires_at`` by the database's clock (as claimed by a worker)"""


@dataclass(frozen=True)
class Delivery:
    event_id: UUID
    type: str
    body: str
    state: str
    advances: dict[int, int] | None
    """The subscription's cursor once this event is settled: past it (and the hidden events
    before it); ``None`` for a dead letter sent again (the cursor is past it already)."""
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    wait_seconds: float = 0.0
    """How long until the next attempt is due (by the database's clock)."""


def _positions(text: str | None) -> dict[int, int] | None:
    return None if text is None else {int(p): int(o) for p, o in json.loads(text).items()}


def _json(positions: Mapping[int, int]) -> str:
    return json.dumps({str(p): o for p, o in sorted(positions.items())})


def _subscription(row: asyncpg.Record) -> Subscription:
    return Subscription(
        row["id"],
        Principal(
            role=row["owner_role"],
            subject=row["owner_subject"],
            region=row["owner_region"],
            state=row["owner_state"],
        ),
        row["url"],
        None if row["event_types"] is None else frozenset(row["event_types"]),
        bytes(row["secret_sealed"]),
        _positions(row["positions"]) or {},
        row["created_at"],
        row["expires_at"],
        bool(row.get("expired")),
    )


def _delivery(row: asyncpg.Record) -> Delivery:
    return Delivery(
        row["event_id"],
        row["type"],
        row["body"],
        row["state"],
        _positions(row["advances"]),
        row["attempts"],
        row["next_attempt_at"],
        row["last_error"],
        float(row.get("wait_seconds") or 0.0),
    )


_OWN = "owner_subject = $2 AND owner_role = $3"
_OWNER_LOCK_SPACE = 0x77686F77  # "whow": one owner's subscriptions counted, then one added


class TooManySubscriptionsError(InvalidTransitionError):
    """The owner has as many subscriptions as one owner may: each costs the delivery workers a
    look every idle pause, so without a bound one token could keep them busy for everyone."""


class Subscriptions:
    """What the API does with subscriptions: only ever the caller's own."""

    def __init__(self, pool: asyncpg.Pool, max_per_owner: int, lifetime_days: int) -> None:
        self._pool = pool
        self._max_per_owner = max_per_owner
        self._lifetime_days = lifetime_days

    async def create(
        self,
        subscription: UUID,
        owner: Principal,
        url: str,
        event_types: frozenset[str] | None,
        secret_sealed: bytes,
        start: Mapping[int, int],
    ) -> Subscription:
        """:class:`TooManySubscriptionsError` when the owner has ``max_per_owner`` already
        (counted under a lock of the owner's, so two requests at once cannot both pass)."""
        async with self._pool.acquire() as conn, conn.transaction():
            # Two statements: the count's snapshot must be taken after the lock is held.
            await conn.execute(
                "SELECT pg_advisory_xact_lock($1, hashtext($2 || ' ' || $3))",
                _OWNER_LOCK_SPACE,
                owner.subject,
                owner.role.value,
            )
            had = await conn.fetchval(
                "SELECT count(*) FROM webhook_subscriptions"
                " WHERE owner_subject = $1 AND owner_role = $2",
                owner.subject,
                owner.role.value,
            )
            if had >= self._max_per_owner:
                raise TooManySubscriptionsError(
                    f"this caller has {had} webhook subscriptions, the most one caller may have"
                    f" ({self._max_per_owner}); delete one before making another"
                )
            row = await conn.fetchrow(
                "INSERT INTO webhook_subscriptions (id, owner_role, owner_subject, owner_region,"
                " owner_state, url, event_types, secret_sealed, positions, expires_at)"
                " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb,"
                " now() + make_interval(days => $10)) RETURNING *",
                subscription,
                owner.role.value,
                owner.subject,
                None if owner.region is None else owner.region.value,
                owner.state,
                url,
                None if event_types is None else sorted(event_types),
                secret_sealed,
                _json(start),
                self._lifetime_days,
            )
        assert row is not None
        return _subscription(row)

    async def renew(self, subscription: UUID, owner: Principal) -> Subscription | None:
        """The lifetime again from now, and the owner's claims as its token has them now (the
        subscription reads as its owner is); ``None`` for a subscription not the caller's. An
        expired one is delivered again from where it stopped."""
        row = await self._pool.fetchrow(
            "UPDATE webhook_subscriptions SET expires_at = now() + make_interval(days => $4),"  # noqa: S608
            " owner_region = $5, owner_state = $6, next_run_at = now()"
            f" WHERE id = $1 AND {_OWN} RETURNING *",
            subscription,
            owner.subject,
            owner.role.value,
            self._lifetime_days,
            None if owner.region is None else owner.region.value,
            owner.state,
        )
        return None if row is None else _subscription(row)

    async def own(self, owner: Principal) -> list[Subscription]:
        rows = await self._pool.fetch(
            "SELECT * FROM webhook_subscriptions WHERE owner_subject = $1 AND owner_role = $2"
            " ORDER BY created_at, id",
            owner.subject,
            owner.role.value,
        )
        return [_subscription(row) for row in rows]

    async def one(self, subscription: UUID, owner: Principal) -> Subscription | None:
        row = await self._pool.fetchrow(
            f"SELECT * FROM webhook_subscriptions WHERE id = $1 AND {_OWN}",  # noqa: S608
            subscription,
            owner.subject,
            owner.role.value,
        )
        return None if row is None else _subscription(row)

    async def delete(self, subscription: UUID, owner: Principal) -> bool:
        done = await self._pool.execute(
            f"DELETE FROM webhook_subscriptions WHERE id = $1 AND {_OWN}",  # noqa: S608
            subscription,
            owner.subject,
            owner.role.value,
        )
        return str(done) != "DELETE 0"

    async def deliveries(self, subscription: UUID, state: str | None) -> list[Delivery]:
        rows = await self._pool.fetch(
            "SELECT * FROM webhook_deliveries WHERE subscription_id = $1"
            " AND ($2::text IS NULL OR state = $2) ORDER BY seq",
            subscription,
            state,
        )
        return [_delivery(row) for row in rows]

    async def redeliver(self, subscription: UUID, event_id: UUID | None) -> int:
        """Queue the dead letters again (all, or one); how many."""
        async with self._pool.acquire() as conn, conn.transaction():
            done = await conn.execute(
                "UPDATE webhook_deliveries SET state = 'pending', attempts = 0, advances = NULL,"
                " next_attempt_at = now(), updated_at = now()"
                " WHERE subscription_id = $1 AND state = 'dead'"
                " AND ($2::uuid IS NULL OR event_id = $2)",
                subscription,
                event_id,
            )
            count = int(str(done).split()[-1])
            if count:
                await conn.execute(
                    "UPDATE webhook_subscriptions SET next_run_at = now() WHERE id = $1",
                    subscription,
                )
        return count


class DeliveryQueue:
    """The worker's SQL, inside the transaction that holds the subscription's row lock."""

    @staticmethod
    async def claim(conn: Connection) -> Subscription | None:
        row = await conn.fetchrow(
            "SELECT *, expires_at <= clock_timestamp() AS expired FROM webhook_subscriptions"
            " WHERE next_run_at <= clock_timestamp()"
            " ORDER BY next_run_at FOR UPDATE SKIP LOCKED LIMIT 1"
        )
        return None if row is None else _subscription(row)

    @staticmethod
    async def park(conn: Connection, subscription: UUID) -> None:
        """An expired subscription is not looked at again until it is renewed."""
        await conn.execute(
            "UPDATE webhook_subscriptions SET next_run_at = 'infinity' WHERE id = $1",
            subscription,
        )

    @staticmethod
    async def next_pending(conn: Connection, subscription: UUID) -> Delivery | None:
        row = await conn.fetchrow(
            "SELECT *, greatest(0, extract(epoch FROM next_attempt_at - clock_timestamp()))"
            " AS wait_seconds FROM webhook_deliveries"
            " WHERE subscription_id = $1 AND state = 'pending' ORDER BY seq LIMIT 1",
            subscription,
        )
        return None if row is None else _delivery(row)

    @staticmethod
    async def enqueue(
        conn: Connection,
        subscription: UUID,
        event_id: UUID,
        event_type: str,
        body: str,
        advances: Mapping[int, int],
    ) -> Delivery:
        row = await conn.fetchrow(
            "INSERT INTO webhook_deliveries"
            " (subscription_id, event_id, type, body, state, advances)"
            " VALUES ($1, $2, $3, $4, 'pending', $5::jsonb) RETURNING *",
            subscription,
            event_id,
            event_type,
            body,
            _json(advances),
        )
        assert row is not None
        return _delivery(row)

    @staticmethod
    async def move(conn: Connection, subscription: UUID, positions: Mapping[int, int]) -> None:
        await conn.execute(
            "UPDATE webhook_subscriptions SET positions = $2::jsonb WHERE id = $1",
            subscription,
            _json(positions),
        )

    @staticmethod
    async def run_again_in(conn: Connection, subscription: UUID, seconds: float) -> None:
        await conn.execute(
            "UPDATE webhook_subscriptions"
            " SET next_run_at = clock_timestamp() + make_interval(secs => $2) WHERE id = $1",
            subscription,
            seconds,
        )

    @staticmethod
    async def delivered(conn: Connection, subscription: UUID, event_id: UUID) -> None:
        await conn.execute(
            "DELETE FROM webhook_deliveries WHERE subscription_id = $1 AND event_id = $2",
            subscription,
            event_id,
        )

    @staticmethod
    async def failed(
        conn: Connection,
        subscription: UUID,
        event_id: UUID,
        error: str,
        retry_in: float | None,
    ) -> None:
        """One more failed attempt: again in ``retry_in`` seconds, or (``None``) dead."""
        await conn.execute(
            "UPDATE webhook_deliveries SET attempts = attempts + 1, last_error = $3,"
            " updated_at = clock_timestamp(),"
            " state = CASE WHEN $4::float8 IS NULL THEN 'dead' ELSE 'pending' END,"
            " next_attempt_at = clock_timestamp() + make_interval(secs => COALESCE($4, 0))"
            " WHERE subscription_id = $1 AND event_id = $2",
            subscription,
            event_id,
            error,
            retry_in,
        )
