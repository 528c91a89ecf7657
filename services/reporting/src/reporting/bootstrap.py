"""The composition root of the reporting service. Nothing is created at import time."""

from __future__ import annotations

from dataclasses import dataclass

import structlog
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from noncoop_shared.clock import Clock, SystemClock
from noncoop_shared.service import ServiceHandleBase, ServiceRuntime
from noncoop_shared.web.metrics import Metrics
from reporting.application.tlog import AuditLog
from reporting.feed.cursor import KEY_SCOPE as CURSOR_KEY_SCOPE
from reporting.feed.cursor import CursorSeal
from reporting.feed.reader import Feed
from reporting.feed.store import FeedStore
from reporting.projections import (
    checkpoint_store,
    procedural_store,
    public_register,
    registry_events,
    report_store,
    tlog_store,
)
from reporting.projections.audit_trail import MIGRATIONS, AuditTrail, AuditTrailProjection
from reporting.settings import ReportingSettings
from reporting.webhooks import secrets as webhook_secrets
from reporting.webhooks import store as webhook_store
from reporting.webhooks.delivery import DeliveryWorker, Policy
from reporting.webhooks.gauges import DeliveryGauges
from reporting.webhooks.urls import Reach

log = structlog.get_logger("reporting.bootstrap")

CONSUMER_NAME = "reporting-projections"
"""The one consumer that feeds every projection of the live service (ADR 0024); each projection
keeps its position rows under its own name (``registry.PROJECTIONS``' handlers' names)."""


@dataclass
class Runtime(ServiceHandleBase):
    audit_trail: AuditTrail
    procedural_state: procedural_store.ProceduralStates
    signing_key: Ed25519PrivateKey
    audit_log: AuditLog
    feed: Feed
    cursors: CursorSeal
    subscriptions: webhook_store.Subscriptions
    webhook_secrets: webhook_secrets.SecretBox
    webhook_reach: Reach


async def start(
    settings: ReportingSettings, metrics: Metrics, clock: Clock | None = None
) -> Runtime:
    core = await ServiceRuntime.open(
        settings,
        clock=clock or SystemClock(),
        lanes=settings.outbox_lanes,
        migrations={
            "reporting.audit_trail": MIGRATIONS,
            "reporting.procedural_state": procedural_store.MIGRATIONS,
            # Migration names are stored with the schema: they keep the module names they
            # were first applied under.
            "reporting.checkpoints": checkpoint_store.MIGRATIONS,
            # Not a projection either: published commitments a rebuild must never touch.
            "reporting.tlog": tlog_store.MIGRATIONS,
            "reporting.registry_events": registry_events.MIGRATIONS,
            "reporting.webhooks": webhook_store.MIGRATIONS,
        },
    )
    core.consume(AuditTrailProjection())
    core.consume(procedural_store.ProceduralStateProjection())
    core.consume(registry_events.RegistryEventsProjection())
    await public_register.install(core)
    await report_store.install(core)
    # One Kafka consumer and one transaction per batch for all of them (ADR 0024).
    core.combine_consumers(CONSUMER_NAME)
    feed = Feed(
        FeedStore(core.pool, settings.events_topic),
        max_waits_per_caller=settings.feed_max_waits_per_caller,
        max_waits=settings.feed_max_waits,
    )
    secrets = webhook_secrets.SecretBox(await core.keyring.data_key(webhook_secrets.KEY_SCOPE))
    policy = Policy(
        max_attempts=settings.webhook_max_attempts,
        backoff_base_seconds=settings.webhook_backoff_base_seconds,
        backoff_cap_seconds=settings.webhook_backoff_cap_seconds,
        timeout_seconds=settings.webhook_timeout_seconds,
        idle_seconds=settings.webhook_idle_seconds,
        reach=settings.webhook_reach(),
    )
    for n in range(settings.webhook_workers):
        core.add_loop(f"webhooks-{n}", DeliveryWorker(core.pool, feed, secrets, policy).run)
    core.add_loop("webhook-metrics", DeliveryGauges(metrics, core.pool).run)
    core.start(metrics)
    signing_key = _signing_key(settings)
    return Runtime(
        core=core,
        audit_trail=AuditTrail(core.pool),
        procedural_state=procedural_store.ProceduralStates(core.pool),
        signing_key=signing_key,
        audit_log=AuditLog(
            settings.tlog_origin, signing_key, settings.kafka_access(), settings.events_topic
        ),
        feed=feed,
        cursors=CursorSeal(await core.keyring.data_key(CURSOR_KEY_SCOPE), settings.events_topic),
        subscriptions=webhook_store.Subscriptions(
            core.pool,
            max_per_owner=settings.webhook_max_subscriptions_per_owner,
            lifetime_days=settings.webhook_subscription_days,
        ),
        webhook_secrets=secrets,
        webhook_reach=policy.reach,
    )


def _signing_key(settings: ReportingSettings) -> Ed25519PrivateKey:
    if settings.signing_key_pem is None:
        log.warning(
            "checkpoints.development_signing_key",
            hint="set REPORTING_SIGNING_KEY_PEM to a kept Ed25519 key (python -m "
            "noncoop_shared.keys); outside development the service refuses to start without it",
        )
    return settings.checkpoint_signing_key()
