"""The referrals service: the case register (FastAPI app + lifespan)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from noncoop_shared.service import readiness_checks
from noncoop_shared.web.app import create_app
from referrals import bootstrap
from referrals.api.routes import router
from referrals.settings import ReferralsSettings

VERSION = "1.0.0"


def build_app(settings: ReferralsSettings | None = None) -> FastAPI:
    settings = settings or ReferralsSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.runtime = await bootstrap.start(settings, app.state.metrics)
        try:
            yield
        finally:
            await app.state.runtime.stop()

    app = create_app(
        settings,
        title="noncoop referrals",
        version=VERSION,
        description="The case register: Court decisions (7(a)), urgent incidents (7(b)), "
        "forwarding to States Parties, press releases, closure (annex II paras 4-8, 13).",
        routers=[router],
        lifespan=lifespan,
        readiness_checks=readiness_checks(
            lambda: runtime.core if (runtime := getattr(app.state, "runtime", None)) else None
        ),
    )
    return app
