"""Builders for tests of the library and the services (no test framework imported here)."""

from __future__ import annotations

import asyncio
import base64
import os
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

import httpx
from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi import FastAPI

from noncoop_shared.access import Classification
from noncoop_shared.auth.tokens import mint_token
from noncoop_shared.catalogue.base import EventPayload, meta_of
from noncoop_shared.catalogue.referrals import CaseClosed, ClosureReason
from noncoop_shared.envelope import Envelope
from noncoop_shared.kafka import KafkaAccess
from noncoop_shared.signing import EventSigner, public_key_text
from noncoop_shared.store.ports import EventStore
from noncoop_shared.store.records import NewEvent

if TYPE_CHECKING:
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

#: Every role a token may carry, with the claims it needs (a focal point's region, a State
#: Party's code); ``public`` is the anonymous caller, without a token.
ROLE_CLAIMS: dict[str, dict[str, str]] = {
    "court": {},
    "secretariat": {},
    "president": {},
    "bureau_member": {},
    "focal_point": {"region": "african"},
    "state_party": {"state": "EXA"},
}

TODAY = "<today>"
"""Stands for the UTC day a body is sent on, filled in by :func:`dated` at the last moment.

A test whose dates must equal the services' own "today" (a meeting held on the day it was
convened, a reply received by today) cannot take the day once when its module is imported: a run
that crosses midnight UTC would send yesterday to a service already in today."""


def utc_today() -> date:
    """The UTC day now, as the services' clock reads it."""
    return datetime.now(UTC).date()


def dated(body: Any) -> Any:
    """``body`` with every :data:`TODAY` (at any depth) replaced by today's UTC date."""
    if body == TODAY:
        return utc_today().isoformat()
    if isinstance(body, dict):
        return {key: dated(value) for key, value in body.items()}
    if isinstance(body, list):
        return [dated(value) for value in body]
    return body


def plain_event(case_id: str, note: str = "") -> NewEvent:
    """A small real event of the catalogue, for tests of the plumbing (store, relay, consumer)."""
    return NewEvent(
        payload=CaseClosed(case_id=case_id, reason=ClosureReason.OTHER, note=note),
        occurred_at=datetime(2026, 3, 31, 21, 0, tzinfo=UTC),
        actor_role="secretariat",
        actor_id="sec-1",
        classification=Classification.PUBLIC,
        correlation_id="corr-1",
    )


async def read_topic(
    kafka: KafkaAccess, topic: str, *, expect: int, timeout_s: float = 20.0
) -> list[ConsumerRecord[bytes, bytes]]:
    """Every record of ``topic`` from the beginning, once ``expect`` are there (or the timeout)."""
    # No group: the consumer takes every partition, from the earliest offset.
    consumer = AIOKafkaConsumer(
        topic,
        **kafka.client_kwargs(),
        enable_auto_commit=False,
        group_id=None,
        auto_offset_reset="earliest",
    )
    await consumer.start()
    try:
        records: list[ConsumerRecord[bytes, bytes]] = []
        deadline = asyncio.get_running_loop().time() + timeout_s
        while len(records) < expect and asyncio.get_running_loop().time() < deadline:
            batches = await consumer.getmany(timeout_ms=200)
            for batch in batches.values():
                records.extend(batch)
        return records
    finally:
        await consumer.stop()


async def topic_values(kafka: KafkaAccess, topic: str) -> list[tuple[int, int, bytes]]:
    """Every record of ``topic`` up to its end now, as (partition, offset, value bytes) exactly as
    the broker returns it, in (partition, offset) order: read with a plain consumer, not with
    the code under test (what the audit log's leaves and bundles are checked against)."""
    reader = AIOKafkaConsumer(topic, **kafka.client_kwargs(), group_id=None)
    await reader.start()
    try:
        partitions = [TopicPartition(topic, p) for p in reader.partitions_for_topic(topic) or ()]
        ends = await reader.end_offsets(partitions)
        reader.unsubscribe()
        reader.assign(partitions)
        await reader.seek_to_beginning(*partitions)
        records: list[tuple[int, int, bytes]] = []
        for tp in partitions:
            while await reader.position(tp) < ends[tp]:
                for record in (await reader.getmany(tp, timeout_ms=500)).get(tp, []):
                    if record.offset < ends[tp] and record.value is not None:
                        records.append((tp.partition, record.offset, record.value))
        return sorted(records)
    finally:
        await reader.stop()


def court_decision_body(**decision: object) -> dict[str, object]:
    """A valid body for referrals' ``POST /v1/court-referrals`` (7(a)); ``decision`` overrides
    fields of the decision. For tests of any service that needs a registered case."""
    return {
        "decision": {
            "reference": "ICC-01/99-01/26-123",
            "date": "2026-03-30",
            "chamber": "Pre-Trial Chamber I",
            "legal_basis": "87(7)",
            "referred_to_assembly": True,
            "referred_to_security_council": False,
            **decision,
        },
        "requested_state": {"name": "Republic of Examplia", "code": "EXA", "status": "state_party"},
        "court_request": {"article": "89", "reference": "ICC-01/99-01/26-7"},
        "persons_concerned": [{"name": "A. Person", "warrant_reference": "ICC-01/99-W1"}],
    }


def urgent_incident_body(**fields: object) -> dict[str, object]:
    """A valid body for referrals' ``POST /v1/urgent-incidents`` (7(b))."""
    return {
        "requested_state": {"name": "Republic of Examplia", "code": "EXA", "status": "state_party"},
        "court_request": {"article": "89", "reference": "ICC-01/99-01/26-7"},
        "urgency": "imminent",
        "urgency_reason": "The person is reported to travel to the State on 2 April.",
        **fields,
    }


def bearer_headers(
    secret: str,
    role: str,
    sub: str | None = None,
    *,
    region: str | None = None,
    state: str | None = None,
) -> dict[str, str]:
    """``Authorization`` headers with a ten-minute dev token for ``role`` (subject ``<role>-1``
    unless given); a focal point needs ``region``, a State Party ``state``."""
    token = mint_token(
        secret,
        role=role,
        sub=sub or f"{role}-1",
        region=region,
        state=state,
        ttl=timedelta(minutes=10),
    )
    return {"Authorization": f"Bearer {token}"}


@dataclass(frozen=True)
class ProductionKeys:
    """Every key a service needs to start with ``NONCOOP_ENV=production``, freshly generated, for
    tests of what production does (production refuses HS256 and the development keys, ADR 0020).

    ``settings`` are constructor arguments of the service's settings; :meth:`headers` mints the
    RS256 tokens those settings accept."""

    jwt_private_key_pem: str
    settings: dict[str, str]

    @classmethod
    def generate(cls, service: str) -> ProductionKeys:
        jwt_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        seed = os.urandom(32)
        return cls(
            jwt_private_key_pem=jwt_key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            ).decode(),
            settings={
                "NONCOOP_ENV": "production",
                "jwt_algorithm": "RS256",
                "jwt_public_key": jwt_key.public_key()
                .public_bytes(
                    serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
                )
                .decode(),
                "NONCOOP_MASTER_KEY": base64.b64encode(os.urandom(32)).decode(),
                # Never reached: an app built but not started opens no keyring.
                "keyring_url": "postgresql://nobody@127.0.0.1:1/keyring",
                "event_signing_key": base64.b64encode(seed).decode(),
                "event_signing_public_keys": public_key_text(
                    service, EventSigner(service, seed).public_key
                ),
            },
        )

    def headers(self, role: str, sub: str | None = None) -> dict[str, str]:
        """``Authorization`` headers with a ten-minute RS256 token for ``role``."""
        token = mint_token(
            self.jwt_private_key_pem,
            role=role,
            sub=sub or f"{role}-1",
            algorithm="RS256",
            ttl=timedelta(minutes=10),
        )
        return {"Authorization": f"Bearer {token}"}


_SPANS: InMemorySpanExporter | None = None


def in_memory_spans() -> InMemorySpanExporter:
    """Record every span of this process from now on, in memory (the exporter returned).

    OpenTelemetry lets a process install its tracer provider once, so the first call installs
    it for the whole test session and later calls get the same exporter (clear it after use).
    """
    global _SPANS
    if _SPANS is None:
        from opentelemetry import trace
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import SimpleSpanProcessor
        from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

        exporter = InMemorySpanExporter()
        provider = TracerProvider()
        provider.add_span_processor(SimpleSpanProcessor(exporter))
        trace.set_tracer_provider(provider)
        _SPANS = exporter
    return _SPANS


async def serve_in_process(stack: AsyncExitStack, app: FastAPI, name: str) -> httpx.AsyncClient:
    """Start ``app`` (its lifespan: pools, consumers, relay) inside ``stack`` and return a
    client that calls it in process as ``http://<name>``; both end with the stack."""
    await stack.enter_async_context(app.router.lifespan_context(app))
    return await _client_of(stack, app, name)


async def serve_side_by_side(
    stack: AsyncExitStack, apps: dict[str, FastAPI]
) -> dict[str, httpx.AsyncClient]:
    """:func:`serve_in_process` for several apps (name -> app), started side by side and
    stopped side by side when ``stack`` closes.

    A service takes a few tenths of a second to start (migrations, the broker's metadata) and
    as long to stop (its consumer leaves its group); one after the other, that was over a second
    of every test that runs the four. Each app's lifespan is entered and left in a task of its
    own, so that whatever it binds to its task (a cancel scope) is left where it was entered.
    """
    stop = asyncio.Event()
    started = {name: asyncio.get_running_loop().create_future() for name in apps}

    async def serve(name: str, app: FastAPI) -> None:
        up: asyncio.Future[None] = started[name]
        try:
            async with app.router.lifespan_context(app):
                up.set_result(None)
                await stop.wait()
        except Exception as error:
            if up.done():
                raise
            up.set_exception(error)  # the start failed: raised to the caller below
        finally:
            up.cancel()  # no-op once settled; else the caller hears the cancel

    tasks = [
        asyncio.create_task(serve(name, app), name=f"serve-{name}") for name, app in apps.items()
    ]

    async def stop_all() -> None:
        stop.set()
        # Every app is stopped before the first failure to stop, if any, is raised.
        for outcome in await asyncio.gather(*tasks, return_exceptions=True):
            if isinstance(outcome, BaseException):
                raise outcome

    try:
        await asyncio.gather(*started.values())
    except BaseException:
        await stop_all()  # the apps that did start stop again
        raise
    stack.push_async_callback(stop_all)
    return {name: await _client_of(stack, app, name) for name, app in apps.items()}


async def _client_of(stack: AsyncExitStack, app: FastAPI, name: str) -> httpx.AsyncClient:
    return await stack.enter_async_context(
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=f"http://{name}")
    )


async def eventually(
    read: Callable[[], Awaitable[httpx.Response]],
    check: Callable[[dict[str, Any]], Any] = lambda _: True,
    *,
    attempts: int = 100,
    pause_s: float = 0.1,
) -> dict[str, Any]:
    """The JSON ``read()`` answers once it is a 200 and ``check`` holds on it (what a policy or
    a projection does happens asynchronously); fails with the last view seen."""
    view: dict[str, Any] = {}
    for _ in range(attempts):
        response = await read()
        if response.status_code == 200:
            view = response.json()
            if check(view):
                return view
        await asyncio.sleep(pause_s)
    raise AssertionError(f"condition never held; last view: {view}")


async def record_facts(
    store: EventStore,
    stream: str,
    subject: str,
    *facts: tuple[EventPayload, datetime],
    actor_role: str = "court",
) -> list[Envelope]:
    """Append ``(payload, business time)`` facts to ``stream`` in one transaction, at their
    catalogue classification: how an application test gets another service's envelopes (to feed
    its policies) without running that service."""
    async with store.transaction() as tx:
        history = await tx.load(stream)
        return await tx.append(
            stream=stream,
            subject=subject,
            expected_version=len(history),
            events=[
                NewEvent(
                    payload=payload,
                    occurred_at=occurred_at,
                    actor_role=actor_role,
                    actor_id=f"{actor_role}-1",
                    classification=meta_of(payload).classification,
                    correlation_id=f"facts:{subject}",
                )
                for payload, occurred_at in facts
            ],
        )
