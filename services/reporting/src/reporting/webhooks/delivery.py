"""The delivery worker: each subscription's events, in feed order, one signed POST each.

A round claims one due subscription (``FOR UPDATE SKIP LOCKED``: another replica takes another
one, never the same), and sends its next event: a dead letter queued again, else the event
being retried, else the next one the owner may read past the subscription's cursor. The row
lock is held for the one POST (a short timeout), so a crash or a stop in between leaves the
event pending, to be sent again: delivery is at least once, and ``webhook-id`` (the event id)
lets a receiver drop a second copy.

A failure (no 2xx, a timeout, a refused connection, an address no webhook may reach) is tried
again after an exponential backoff with full jitter (a random wait between 0 and
``min(cap, base * 2^attempt)``, so failing receivers are not hit in step), and the events after
it wait, to keep the order; after ``max_attempts`` it is dead-lettered and the next goes.
"""

from __future__ import annotations

import asyncio
import functools
import random
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from uuid import UUID

import asyncpg
import httpx
import structlog

from noncoop_shared.access import readable_classifications
from noncoop_shared.db import Connection
from reporting.feed.reader import Feed, Reader
from reporting.webhooks import signature
from reporting.webhooks.secrets import SecretBox
from reporting.webhooks.store import Delivery, DeliveryQueue, Subscription
from reporting.webhooks.urls import PinnedTransport, Reach, UnsafeUrlError

log = structlog.get_logger("reporting.webhooks")

CONTENT_TYPE = "application/cloudevents+json"
USER_AGENT = "noncoop-webhooks"
MAX_ERROR_CHARS = 200


@functools.cache
def _tls() -> ssl.SSLContext:
    """httpx's default TLS settings (certifi's CAs, the host name checked), loaded once per
    process: loading the CAs is most of what making a client costs (about 0.1 s of CPU), which
    every start of the worker paid."""
    return httpx.create_ssl_context()


@dataclass(frozen=True)
class Policy:
    max_attempts: int
    backoff_base_seconds: float
    backoff_cap_seconds: float
    timeout_seconds: float
    idle_seconds: float
    reach: Reach


def full_jitter(attempt: int, base: float, cap: float, rng: Callable[[], float]) -> float:
    """The wait before attempt ``attempt + 1`` (``attempt`` failures so far, from 1)."""
    return float(rng() * min(cap, base * 2 ** (attempt - 1)))


class DeliveryWorker:
    def __init__(
        self,
        pool: asyncpg.Pool,
        feed: Feed,
        secrets: SecretBox,
        policy: Policy,
        client: httpx.AsyncClient | None = None,
        rng: Callable[[], float] = random.random,
    ) -> None:
        self._pool = pool
        self._feed = feed
        self._secrets = secrets
        self._policy = policy
        self._client = client
        self._rng = rng

    async def run(self) -> None:
        async with httpx.AsyncClient(
            transport=PinnedTransport(self._policy.reach, verify=_tls()),
            timeout=self._policy.timeout_seconds,
            follow_redirects=False,
            trust_env=False,  # no proxy from the environment: the transport checks the address
        ) as client:
            self._client = client
            while True:
                if not await self.round():
                    await asyncio.sleep(self._policy.idle_seconds)

    async def round(self) -> bool:
        """Claim one due subscription and do its next step; whether one was due (then the
        next round comes at once, else after ``idle_seconds``)."""
        async with self._pool.acquire() as conn, conn.transaction():
            subscription = await DeliveryQueue.claim(conn)
            if subscription is None:
                return False
            if subscription.expired:
                # Its owner has not renewed it: nothing more is sent (the events wait past its
                # cursor, for a renewal).
                await DeliveryQueue.park(conn, subscription.id)
                log.info("webhook.expired", subscription=str(subscription.id))
                return True
            delivery = await DeliveryQueue.next_pending(conn, subscription.id)
            if delivery is None:
                delivery = await self._next_event(conn, subscription)
                if delivery is None:
                    return True  # nothing to send yet; when to look again is set
            if delivery.wait_seconds > 0:
                await DeliveryQueue.run_again_in(conn, subscription.id, delivery.wait_seconds)
            else:
                await self._send(conn, subscription, delivery)
            return True

    async def _next_event(self, conn: Connection, subscription: Subscription) -> Delivery | None:
        reader = Reader(readable_classifications(subscription.owner), subscription.event_types)
        page = await self._feed.page(reader, subscription.positions, 1)
        if not page.events:
            # Past the hidden events, if any: the next look starts after them, at once (more
            # may follow), else after the idle pause.
            moved = page.positions != subscription.positions
            if moved:
                await DeliveryQueue.move(conn, subscription.id, page.positions)
            await DeliveryQueue.run_again_in(
                conn, subscription.id, 0.0 if moved else self._policy.idle_seconds
            )
            return None
        event = page.events[0]
        return await DeliveryQueue.enqueue(
            conn,
            subscription.id,
            UUID(event.event_id),
            event.type,
            event.body.decode("utf-8"),
            page.positions,
        )

    async def _send(self, conn: Connection, subscription: Subscription, delivery: Delivery) -> None:
        error = await self._post(subscription, delivery)
        if error is None:
            await DeliveryQueue.delivered(conn, subscription.id, delivery.event_id)
            log.info(
                "webhook.delivered",
                subscription=str(subscription.id),
                event_id=str(delivery.event_id),
            )
        else:
            attempt = delivery.attempts + 1
            dead = attempt >= self._policy.max_attempts
            retry_in = (
                None
                if dead
                else full_jitter(
                    attempt,
                    self._policy.backoff_base_seconds,
                    self._policy.backoff_cap_seconds,
                    self._rng,
                )
            )
            await DeliveryQueue.failed(conn, subscription.id, delivery.event_id, error, retry_in)
            log.warning(
                "webhook.dead_lettered" if dead else "webhook.failed",
                subscription=str(subscription.id),
                event_id=str(delivery.event_id),
                attempt=attempt,
                error=error,
            )
            if not dead:
                await DeliveryQueue.run_again_in(conn, subscription.id, retry_in or 0.0)
                return
        if delivery.advances is not None:
            await DeliveryQueue.move(conn, subscription.id, delivery.advances)
        await DeliveryQueue.run_again_in(conn, subscription.id, 0.0)

    async def _post(self, subscription: Subscription, delivery: Delivery) -> str | None:
        """``None`` when the receiver took it (2xx), else why not."""
        assert self._client is not None
        body = delivery.body.encode("utf-8")
        key = self._secrets.open(subscription.id, subscription.secret_sealed)
        headers = signature.headers(key, str(delivery.event_id), int(time.time()), body)
        try:
            async with asyncio.timeout(self._policy.timeout_seconds):
                # The answer's body is never read: only its status counts.
                async with self._client.stream(
                    "POST",
                    subscription.url,
                    content=body,
                    headers={**headers, "content-type": CONTENT_TYPE, "user-agent": USER_AGENT},
                ) as response:
                    status = response.status_code
        except UnsafeUrlError as error:
            # The owner reads the reason, the operators the address (``__cause__``).
            log.warning(
                "webhook.address_refused",
                subscription=str(subscription.id),
                reason=str(error.__cause__ or error),
            )
            return f"refused: {error}"[:MAX_ERROR_CHARS]
        except (TimeoutError, httpx.TimeoutException):
            return "timed out"
        except httpx.HTTPError as error:
            return f"{type(error).__name__}: {error}"[:MAX_ERROR_CHARS]
        if 200 <= status < 300:
            return None
        return f"answered {status}"
