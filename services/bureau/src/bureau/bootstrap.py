"""The composition root of the Bureau service. Nothing is created at import time."""

from __future__ import annotations

from dataclasses import dataclass

from bureau.application.handlers import on_due
from bureau.application.policies import RegisterPolicies
from bureau.projections.known_cases import MIGRATIONS, KnownCases
from bureau.settings import BureauSettings
from noncoop_shared.clock import Clock, SystemClock
from noncoop_shared.service import ServiceHandleBase, ServiceRuntime
from noncoop_shared.web.metrics import Metrics


@dataclass
class Runtime(ServiceHandleBase):
    cases: KnownCases


async def start(settings: BureauSettings, metrics: Metrics, clock: Clock | None = None) -> Runtime:
    core = await ServiceRuntime.open(
        settings,
        clock=clock or SystemClock(),
        lanes=settings.outbox_lanes,
        migrations={"bureau.known_cases": MIGRATIONS},
    )
    core.consume(RegisterPolicies(core.store))
    core.schedule_deadlines(on_due(), interval_seconds=settings.deadline_check_seconds)
    core.start(metrics)
    return Runtime(core=core, cases=KnownCases(core.pool))
