"""The composition root of the reporting service. Nothing is created at import time."""

from __future__ import annotations

from dataclasses import dataclass

from noncoop_shared.clock import Clock, SystemClock
from noncoop_shared.service import ServiceHandleBase, ServiceRuntime
from noncoop_shared.web.metrics import Metrics
from reporting.projections import procedural_store, public_register
from reporting.projections.audit_trail import MIGRATIONS, AuditTrail, AuditTrailProjection
from reporting.settings import ReportingSettings


@dataclass
class Runtime(ServiceHandleBase):
    audit_trail: AuditTrail
    procedural_state: procedural_store.ProceduralStates


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
        },
    )
    core.consume(AuditTrailProjection())
    core.consume(procedural_store.ProceduralStateProjection())
    await public_register.install(core)
    core.start(metrics)
    return Runtime(
        core=core,
        audit_trail=AuditTrail(core.pool),
        procedural_state=procedural_store.ProceduralStates(core.pool),
    )
