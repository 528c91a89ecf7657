"""The composition root of good offices: the shared runtime, the register's policies and the
deadline callback. Nothing is created at import time."""

from __future__ import annotations

from dataclasses import dataclass

from good_offices.application.handlers import on_due
from good_offices.application.policies import RegisterPolicies
from good_offices.domain.decide import ServiceLevels
from good_offices.projections.known_cases import MIGRATIONS, KnownCases
from good_offices.settings import GoodOfficesSettings
from noncoop_shared.clock import Clock, SystemClock
from noncoop_shared.service import ServiceHandleBase, ServiceRuntime
from noncoop_shared.web.metrics import Metrics


@dataclass
class Runtime(ServiceHandleBase):
    cases: KnownCases
    levels: ServiceLevels


async def start(
    settings: GoodOfficesSettings, metrics: Metrics, clock: Clock | None = None
) -> Runtime:
    core = await ServiceRuntime.open(
        settings,
        clock=clock or SystemClock(),
        lanes=settings.outbox_lanes,
        migrations={"good_offices.known_cases": MIGRATIONS},
    )
    levels = settings.service_levels()
    core.consume(RegisterPolicies(core.store, levels))
    core.schedule_deadlines(on_due(levels), interval_seconds=settings.deadline_check_seconds)
    core.start(metrics)
    return Runtime(core=core, cases=KnownCases(core.pool), levels=levels)
