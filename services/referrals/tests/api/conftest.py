"""The referrals app, in process, on a fresh database and topic of the real PostgreSQL and Kafka.

The app runs its real lifespan (store, relay, register consumer, deadline scheduler), so an API
test exercises the same path as production, down to the log.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable

import httpx
import pytest

from noncoop_shared.testing import bearer_headers, court_decision_body, urgent_incident_body
from referrals.main import build_app
from referrals.settings import ReferralsSettings

SECRET = "referrals-api-tests-secret-" + "s" * 32

pytestmark = pytest.mark.integration


@pytest.fixture
def settings(
    fresh_database: str, fresh_topic: str, kafka_bootstrap_servers: str
) -> ReferralsSettings:
    return ReferralsSettings(
        database_url=fresh_database,
        kafka_bootstrap_servers=kafka_bootstrap_servers,
        events_topic=fresh_topic,
        dead_letter_topic=f"{fresh_topic}.dlq",
        deadline_check_seconds=0.2,
        late_entry_grace_hours=0,  # deadlines fire at their due time in these tests
        NONCOOP_JWT_SECRET=SECRET,
    )


@pytest.fixture
async def client(settings: ReferralsSettings) -> AsyncIterator[httpx.AsyncClient]:
    app = build_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://referrals") as http:
            yield http


Token = Callable[..., dict[str, str]]


@pytest.fixture
def auth() -> Token:
    """``auth("court")`` -> headers with a bearer token for that role."""

    def headers(role: str, sub: str | None = None, **claims: str) -> dict[str, str]:
        return bearer_headers(SECRET, role, sub, **claims)

    return headers


class Bodies:
    """Valid request bodies; tests override the one field they are about."""

    court_decision = staticmethod(court_decision_body)
    urgent_incident = staticmethod(urgent_incident_body)


@pytest.fixture
def bodies() -> type[Bodies]:
    return Bodies
