"""Liveness and readiness probes (anonymous, docs/architecture.md §11).

- ``GET /health/live``: 200 as long as the process serves HTTP. It checks nothing else, so an
  orchestrator restarts the process only when it is truly stuck, never because Kafka is down.
- ``GET /health/ready``: runs the service's named checks concurrently: the readiness checks
  (what it needs to serve reads and take commands: "postgres"...) and the degraded checks (what
  it can do without for a while: "kafka", ADR 0030). 200 ``{"ready": true, "state": "ok" or
  "degraded", "checks": {...}, "degraded": [...]}`` when every readiness check passes, whatever
  the degraded ones say; else a 503 problem with the same fields and the ``failing`` names, so
  traffic is routed elsewhere. A check that raises or takes longer than the timeout fails.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from typing import Literal

import structlog
from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict
from starlette.responses import JSONResponse, Response

from noncoop_shared.web.problems import problem_response, problem_responses, problem_type

#: An async callable answering "is this dependency usable right now?".
ReadinessCheck = Callable[[], Awaitable[bool]]

DEFAULT_CHECK_TIMEOUT_SECONDS = 2.0

log = structlog.get_logger(__name__)


class Liveness(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"live": True}]})

    live: bool


class Readiness(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "ready": True,
                    "state": "degraded",
                    "checks": {"postgres": True, "kafka": False, "relay": True},
                    "degraded": ["kafka"],
                }
            ]
        }
    )

    ready: bool
    state: Literal["ok", "degraded"]
    """``degraded``: ready, but a dependency it can do without for a while is failing."""
    checks: dict[str, bool]
    degraded: list[str]
    """The failing degraded checks."""


async def _run_check(name: str, check: ReadinessCheck, limit_seconds: float) -> bool:
    try:
        async with asyncio.timeout(limit_seconds):
            return bool(await check())
    except TimeoutError:
        log.warning("health.check_timed_out", check=name, timeout_seconds=limit_seconds)
    except Exception:
        log.warning("health.check_failed", check=name, exc_info=True)
    return False


async def run_checks(
    checks: Mapping[str, ReadinessCheck], limit_seconds: float = DEFAULT_CHECK_TIMEOUT_SECONDS
) -> dict[str, bool]:
    """Each check's result by name, run concurrently; a raise or a timeout is ``False``."""
    results = await asyncio.gather(
        *(_run_check(name, check, limit_seconds) for name, check in checks.items())
    )
    return dict(zip(checks, results, strict=True))


def health_router(
    checks: Mapping[str, ReadinessCheck] | None = None,
    degraded_checks: Mapping[str, ReadinessCheck] | None = None,
    *,
    check_timeout_seconds: float = DEFAULT_CHECK_TIMEOUT_SECONDS,
) -> APIRouter:
    """The two probes; ``checks`` (needed to be ready) and ``degraded_checks`` (failing: ready
    but degraded) are copied, so later changes to the mappings are not seen."""
    readiness = dict(checks or {})
    degradable = dict(degraded_checks or {})
    overlap = readiness.keys() & degradable.keys()
    if overlap:
        raise ValueError(f"a check is either needed or degradable, not both: {sorted(overlap)}")
    router = APIRouter(prefix="/health", tags=["health"])

    @router.get("/live", summary="The process serves HTTP")
    async def check_liveness() -> Liveness:
        return Liveness(live=True)

    @router.get(
        "/ready",
        summary="Every dependency the service needs is usable",
        response_model=None,
        responses={200: {"model": Readiness}, **problem_responses(503)},
    )
    async def check_readiness() -> Response:
        results = await run_checks({**readiness, **degradable}, check_timeout_seconds)
        failing = [name for name in readiness if not results[name]]
        degraded = [name for name in degradable if not results[name]]
        state: Literal["ok", "degraded"] = "degraded" if degraded else "ok"
        if not failing:
            return JSONResponse(
                Readiness(ready=True, state=state, checks=results, degraded=degraded).model_dump()
            )
        return problem_response(
            503,
            "Service Unavailable",
            f"not ready: {', '.join(failing)} failing",
            problem_type("not-ready"),
            ready=False,
            state=state,
            checks=results,
            degraded=degraded,
            failing=failing,
        )

    return router
