"""The reporting service: it reads the whole log."""

from __future__ import annotations

from fastapi import FastAPI

from noncoop_shared.service import service_app
from reporting import bootstrap
from reporting.api.audit_log_routes import router as audit_log_router
from reporting.api.checkpoint_routes import router as checkpoint_router
from reporting.api.examples import RESPONSE_EXAMPLES
from reporting.api.feed_routes import router as feed_router
from reporting.api.public_routes import router as public_router
from reporting.api.report_routes import router as report_router
from reporting.api.routes import router
from reporting.api.state_routes import router as state_router
from reporting.api.webhook_routes import router as webhook_router
from reporting.settings import ReportingSettings

VERSION = "0.1.0"


def build_app(settings: ReportingSettings | None = None) -> FastAPI:
    settings = settings or ReportingSettings()
    return service_app(
        settings,
        title="noncoop reporting",
        version=VERSION,
        description="The audit trail of every case, as of any time, filtered by the reader's "
        "clearance; the procedural state, the public register, the Bureau's reports, and the "
        "audit log's signed checkpoints (C2SP) that anyone can check.",
        routers=[
            router,
            public_router,
            state_router,
            checkpoint_router,
            audit_log_router,
            report_router,
            feed_router,
            webhook_router,
        ],
        examples=RESPONSE_EXAMPLES,
        start=lambda metrics: bootstrap.start(settings, metrics),
    )
