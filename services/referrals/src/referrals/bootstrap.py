"""The composition root of referrals: the shared runtime plus this service's projection and
deadline callback. Nothing is created at import time."""

from __future__ import annotations

from dataclasses import dataclass

from noncoop_shared.clock import Clock, SystemClock
from noncoop_shared.service import ServiceHandleBase, ServiceRuntime
from noncoop_shared.web.metrics import Metrics
from referrals.application.handlers import on_due
from referrals.domain.decide import ServiceLevels
from referrals.projections.register import MIGRATIONS, CaseRegister, CaseRegisterProjection
from referrals.settings import ReferralsSettings


@dataclass
class Runtime(ServiceHandleBase):
    register: CaseRegister
    levels: ServiceLevels


async def start(
    settings: ReferralsSettings, metrics: Metrics, clock: Clock | None = None
) -> Runtime:
    core = await ServiceRuntime.open(
        settings,
        clock=clock or SystemClock(),
        lanes=settings.outbox_lanes,
        migrations={"referrals.case_register": MIGRATIONS},
    )
    levels = settings.service_levels()
    core.consume(CaseRegisterProjection())
    core.schedule_deadlines(on_due(levels), interval_seconds=settings.deadline_check_seconds)
    core.start(metrics)
    return Runtime(core=core, register=CaseRegister(core.pool), levels=levels)
