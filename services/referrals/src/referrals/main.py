"""The referrals service: the case register."""

from __future__ import annotations

from fastapi import FastAPI

from noncoop_shared.service import service_app
from referrals import bootstrap
from referrals.api.examples import RESPONSE_EXAMPLES
from referrals.api.routes import router
from referrals.settings import ReferralsSettings

VERSION = "1.0.0"


def build_app(settings: ReferralsSettings | None = None) -> FastAPI:
    settings = settings or ReferralsSettings()
    return service_app(
        settings,
        title="noncoop referrals",
        version=VERSION,
        description="The case register: Court decisions (7(a)), urgent incidents (7(b)), "
        "forwarding to States Parties, press releases, closure (annex II paras 4-8, 13).",
        routers=[router],
        start=lambda metrics: bootstrap.start(settings, metrics),
        history_imports=True,
        examples=RESPONSE_EXAMPLES,
    )
