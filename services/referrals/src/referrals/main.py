"""The referrals service: the case register (FastAPI app + lifespan)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from noncoop_shared.web.app import create_app
from referrals import bootstrap
from referrals.api.routes import router
from referrals.settings import ReferralsSettings

VERSION = "1.0.0"


def build_app(settings: ReferralsSettings | None = None) -> FastAPI:
    settings = settings or ReferralsSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runtime = await bootstrap.start(settings, app.state.metrics)
        app.state.runtime = runtime
        try:
            yield
        finally:
            await runtime.stop()

    async def postgres_ready() -> bool:
        runtime = getattr(app.state, "runtime", None)
        if runtime is None:
            return False
        return bool(await runtime.pool.fetchval("SELECT 1") == 1)

    async def kafka_ready() -> bool:
        runtime = getattr(app.state, "runtime", None)
        return runtime is not None and runtime.relay.last_error is None and runtime.relay.running

    async def background_ready() -> bool:
        runtime = getattr(app.state, "runtime", None)
        return (
            runtime is not None
            and runtime.background_healthy()
            and (runtime.register_consumer.running)
        )

    app = create_app(
        settings,
        title="noncoop referrals",
        version=VERSION,
        routers=[router],
        lifespan=lifespan,
        readiness_checks={
            "postgres": postgres_ready,
            "kafka": kafka_ready,
            "relay_and_consumers": background_ready,
        },
    )
    return app
