"""Access, as one table over all four services (docs/architecture.md §8): every endpoint x every
role (and the anonymous caller) x every classification, plus every way a token can be wrong.

The endpoints come from the apps themselves (their OpenAPI and their routes), the expectations
from ``access_table.TABLE``: an endpoint without a row fails the test. The seeded cases
(``seed.py``) hold records of all four classes, each with unique markers; a response showing a
marker above the reader's clearance is a leak. Refused commands carry valid bodies and a subject
of their own, and the stores are searched for it afterwards: a refusal must write nothing.
"""

from __future__ import annotations

import itertools
import re
import time
from dataclasses import dataclass, field
from typing import Any

import asyncpg
import httpx
import pytest
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from tests.system.access_table import (
    READERS,
    RESTRICTED,
    TABLE,
    Anonymous,
    Command,
    PublicRead,
    Read,
    Reader,
    Row,
)
from tests.system.bad_tokens import BAD_CREDENTIALS
from tests.system.conftest import FourServices
from tests.system.seed import EVENT_SOURCED, Marker, Seed, seed

from noncoop_shared.testing import dated

pytestmark = pytest.mark.integration

PROBE_FIELD = "access_probe"
"""An unknown field: the allowed caller's body is a 422, so passing the gate changes nothing."""
PROBLEM = "application/problem+json"
PARAMETER = re.compile(r"\{(\w+)\}")


def routes_of(app: FastAPI) -> set[str]:
    """``METHOD /path`` of every operation of the app's OpenAPI and every other route."""
    documented = {
        f"{method.upper()} {path}"
        for path, operations in app.openapi()["paths"].items()
        for method in operations
    }
    # The effective routes: FastAPI keeps an included router whole, prefixes aside.
    mounted = {
        f"{method} {context.path}"
        for context in iter_route_contexts(app.routes)
        for method in context.methods or ()
        if method != "HEAD"
    }
    return documented | mounted


@dataclass
class Matrix:
    system: FourServices
    seed: Seed
    failures: list[str] = field(default_factory=list)
    requests: int = 0
    cells: int = 0
    bad_token_cells: int = 0
    denied_subjects: dict[str, str] = field(default_factory=dict)
    seen: dict[str, set[str]] = field(default_factory=dict)
    """Per reader, the classes of every marker it was shown (within its clearance)."""
    reporting: asyncpg.Connection | None = None

    # --- requests -------------------------------------------------------------------------------

    async def call(
        self,
        service: str,
        method: str,
        url: str,
        headers: dict[str, str],
        body: dict[str, Any] | None = None,
    ) -> httpx.Response:
        self.requests += 1
        client = self.system.clients[service]
        if method == "GET":
            return await client.get(url, headers=headers)
        if method == "DELETE":
            return await client.delete(url, headers=headers)
        return await client.post(url, json=dated(body), headers=headers)

    def token(self, reader: Reader, sub: str) -> dict[str, str]:
        if reader.role is None:
            return {}
        return self.system.headers(reader.role, sub, **reader.claims)

    def subject(self, what: str, *, denied: bool) -> str:
        sub = f"{'denied' if denied else 'allowed'}-{len(self.denied_subjects) + self.requests}"
        if denied:
            self.denied_subjects[sub] = what
        return sub

    def urls(self, service: str, template: str, *, every: bool) -> list[str]:
        names = PARAMETER.findall(template)
        choices = [self.seed.path_values(name, service) for name in names]
        if not every:
            choices = [values[:1] for values in choices]
        urls = []
        for values in itertools.product(*choices):
            url = template
            for name, value in zip(names, values, strict=True):
                url = url.replace(f"{{{name}}}", value)
            urls.append(url)
        return urls

    # --- expectations ---------------------------------------------------------------------------

    def fail(self, cell: str, problem: str, response: httpx.Response) -> None:
        self.failures.append(f"{cell}: {problem} [{response.status_code}] {response.text[:300]}")

    def expect_status(self, cell: str, response: httpx.Response, *allowed: int) -> None:
        self.cells += 1
        if response.status_code not in allowed:
            self.fail(cell, f"expected {' or '.join(map(str, allowed))}", response)
        elif response.status_code >= 400 and not response.headers.get(
            "content-type", ""
        ).startswith(PROBLEM):
            self.fail(cell, "an error that is not problem+json", response)
        if response.status_code == 401 and "Bearer" not in response.headers.get(
            "www-authenticate", ""
        ):
            self.fail(cell, "a 401 without a Bearer challenge", response)

    def readable(self, reader: Reader, text: str, marker: Marker, row: Row) -> bool:
        if isinstance(row, Anonymous):
            return False  # health, metrics and documentation hold no case data at all
        if isinstance(row, PublicRead):
            return marker.classification == "public"
        if marker.classification in reader.cleared:
            return True
        if isinstance(row, Read) and row.honours_assignment and reader.assigned_region:
            assigned_case = marker.case_id == self.seed.informal_case
            return assigned_case and marker.classification == RESTRICTED
        if isinstance(row, Read) and row.court_reads_shared_travel and reader.role == "court":
            return text in self.seed.shared_travel_markers
        return False

    def expect_no_leak(self, cell: str, reader: Reader, row: Row, response: httpx.Response) -> None:
        """Every marker shown is the reader's to read; the ones it sent in the URL aside."""
        body, url = response.text, str(response.request.url)
        for text, marker in self.seed.markers.items():
            if text not in body or text in url:
                continue
            if not self.readable(reader, text, marker, row):
                self.fail(cell, f"LEAK of a {marker.classification} record ({text})", response)
            elif text not in self.seed.shared_travel_markers:
                self.seen.setdefault(reader.name, set()).add(marker.classification)

    # --- the walk -------------------------------------------------------------------------------

    async def walk(self, service: str, route: str, row: Row) -> None:
        method, template = route.split(" ", 1)
        if isinstance(row, Command):
            await self.command(service, method, template, row)
            return
        for url in self.urls(service, template, every=True):
            for reader in READERS:
                cell = f"{service} {method} {url} as {reader.name}"
                sub = reader.subject or reader.name
                response = await self.call(service, method, url, self.token(reader, sub))
                self.expect_status(cell, response, *self.statuses(row, reader, url))
                self.expect_no_leak(cell, reader, row, response)
            if not isinstance(row, Anonymous):
                await self.bad_tokens(service, method, url, row, None)

    def statuses(self, row: Row, reader: Reader, url: str) -> tuple[int, ...]:
        if isinstance(row, Anonymous):
            return (200,)
        if isinstance(row, PublicRead):
            # A 7(b) case is never in the public register, whoever asks.
            return (404,) if self.seed.informal_case in url else (200,)
        assert isinstance(row, Read)
        if reader.role is None:
            return (401,)
        if reader.role not in row.allowed:
            return (403,)
        return (200, 404)  # 404: nothing of that record is the reader's (never a 403)

    async def command(self, service: str, method: str, template: str, row: Command) -> None:
        (url,) = self.urls(service, template, every=False)
        for reader in READERS:
            cell = f"{service} {method} {url} as {reader.name}"
            allowed = reader.role in row.allowed
            sub = self.subject(cell, denied=not allowed)
            body = row.body
            if allowed and body is not None:
                body = body | {PROBE_FIELD: True}
            headers = self.token(reader, sub) | {"Idempotency-Key": f"key-{sub}"}
            written = await self.reporting_writes(service)
            response = await self.call(service, method, url, headers, body)
            if reader.role is None:
                self.expect_status(cell, response, 401)
            elif not allowed:
                self.expect_status(cell, response, 403)
            elif row.body is not None:
                self.expect_status(cell, response, 422)  # passed the gate, stopped by the probe
            else:
                self.expect_status(cell, response, 200, 201, 404, 409)
            if not allowed and written != await self.reporting_writes(service):
                self.fail(cell, "a refused command wrote to reporting", response)
            self.expect_no_leak(cell, reader, row, response)
            if allowed and reader.assigned_region and "{case_id}" in template:
                await self.focal_point_of_another_region(service, url, row)
        await self.bad_tokens(service, method, url, row, row.body)

    async def focal_point_of_another_region(self, service: str, url: str, row: Command) -> None:
        """A valid command on the seeded 7(b) case, by the focal point it is not assigned to:
        the case does not exist for it (404), and nothing is written."""
        (other,) = [r for r in READERS if r.role == "focal_point" and not r.assigned_region]
        other_cell = f"{service} POST {url} as {other.name}, with a valid body"
        sub = self.subject(other_cell, denied=True)
        headers = self.token(other, sub) | {"Idempotency-Key": f"key-{sub}"}
        response = await self.call(service, "POST", url, headers, row.body)
        self.expect_status(other_cell, response, 404)
        self.expect_no_leak(other_cell, other, row, response)

    async def bad_tokens(
        self, service: str, method: str, url: str, row: Row, body: dict[str, Any] | None
    ) -> None:
        """Every bad credential, carrying the claims of a role the endpoint allows."""
        allowed = row.allowed if isinstance(row, Command | Read) else frozenset({"secretariat"})
        reader = next(r for r in READERS if r.role in allowed and not r.claims.get("state"))
        for kind, credentials in BAD_CREDENTIALS.items():
            cell = f"{service} {method} {url} with a token {kind}"
            sub = self.subject(cell, denied=True)
            headers = credentials(self.system.secret, str(reader.role), sub, reader.claims)
            headers |= {"Idempotency-Key": f"key-{sub}"}
            written = await self.reporting_writes(service)
            response = await self.call(service, method, url, headers, body)
            self.bad_token_cells += 1
            self.expect_status(cell, response, 401)
            self.expect_no_leak(cell, READERS[0], row, response)
            if written != await self.reporting_writes(service):
                self.fail(cell, "a refused command wrote to reporting", response)

    # --- nothing written ------------------------------------------------------------------------

    async def reporting_writes(self, service: str) -> tuple[int, ...]:
        """What reporting's commands write (checkpoints, reports, submissions); the other
        services' writes are events, searched by subject at the end."""
        if service != "reporting":
            return ()
        if self.reporting is None:
            self.reporting = await asyncpg.connect(self.system.dsns["reporting"])
        row = await self.reporting.fetchrow(
            "SELECT (SELECT count(*) FROM checkpoints) AS checkpoints,"
            " (SELECT count(*) FROM tlog_leaves) AS tlog_leaves,"
            " (SELECT count(*) FROM reports) AS reports,"
            " (SELECT count(*) FROM reports WHERE submitted_at IS NOT NULL) AS submitted"
        )
        assert row is not None
        return tuple(row.values())

    async def expect_refusals_wrote_nothing(self) -> None:
        """No event, outbox row or idempotent answer of a refused caller in any store."""
        for service in EVENT_SOURCED:
            conn = await asyncpg.connect(self.system.dsns[service])
            try:
                actors = await conn.fetch(
                    "SELECT envelope::json->>'actorid' AS actor FROM events"
                    " WHERE envelope::json->>'actorid' LIKE 'denied-%'"
                )
                keys = await conn.fetch("SELECT key FROM idempotency WHERE key LIKE 'key-denied-%'")
            finally:
                await conn.close()
            for who in [r["actor"] for r in actors] + [r["key"][4:] for r in keys]:
                what = self.denied_subjects.get(who, who)
                self.failures.append(f"{service}: a refused request wrote ({what})")
        if self.reporting is not None:
            await self.reporting.close()


async def test_no_endpoint_of_the_four_services_leaks_to_any_caller(
    four_services: FourServices,
) -> None:
    routes = {name: routes_of(app) for name, app in four_services.apps.items()}
    without_row = [f"{s} {r}" for s, rs in routes.items() for r in sorted(rs) if r not in TABLE[s]]
    assert not without_row, f"endpoints with no row in access_table.TABLE: {without_row}"
    stale = [f"{s} {r}" for s, rows in TABLE.items() for r in rows if r not in routes[s]]
    assert not stale, f"rows of access_table.TABLE for no endpoint: {stale}"

    started = time.monotonic()
    seeded = await seed(four_services)
    seeded_in = time.monotonic() - started
    classes = {m.classification for m in seeded.markers.values()}
    assert classes == {"public", "states_parties", "bureau", "restricted"}, classes

    matrix = Matrix(four_services, seeded)
    for service, rows in TABLE.items():
        for route, row in rows.items():
            await matrix.walk(service, route, row)
    await matrix.expect_refusals_wrote_nothing()
    walked_in = time.monotonic() - started - seeded_in

    # Not vacuous: each reader was shown records of every class it may read, and no other.
    shown = {r.name: matrix.seen.get(r.name, set()) for r in READERS}
    cleared = {
        r.name: set(r.cleared) | ({RESTRICTED} if r.assigned_region else set()) for r in READERS
    }
    assert shown == cleared

    endpoints = sum(len(rs) for rs in routes.values())
    leaks = sum("LEAK" in f for f in matrix.failures)
    print(
        f"\naccess matrix: 4 services, {endpoints} endpoints x {len(READERS)} callers "
        f"({len(READERS) - 1} roles with claims + anonymous) x 4 classifications "
        f"({len(seeded.markers)} markers) + {matrix.bad_token_cells} bad-token cases "
        f"({len(BAD_CREDENTIALS)} kinds) = {matrix.cells} cells, {matrix.requests} requests, "
        f"{leaks} leaks, {len(matrix.failures)} failures "
        f"(seeded in {seeded_in:.1f} s, walked in {walked_in:.1f} s)"
    )
    assert not matrix.failures, "\n".join(matrix.failures)
