"""The Bureau service: the formal response, the Assembly calendar, the Bureau meetings."""

from __future__ import annotations

from fastapi import FastAPI

from bureau import bootstrap
from bureau.api.examples import RESPONSE_EXAMPLES
from bureau.api.routes import router
from bureau.settings import BureauSettings
from noncoop_shared.service import service_app

VERSION = "1.0.0"


def build_app(settings: BureauSettings | None = None) -> FastAPI:
    settings = settings or BureauSettings()
    return service_app(
        settings,
        title="noncoop bureau",
        version=VERSION,
        description="The formal response to a Court referral (annex II paras 13-15: emergency "
        "meeting, open letter, invitation, NYWG, omnibus, plenary, Security Council), the "
        "Assembly calendar and the Bureau meetings.",
        routers=[router],
        start=lambda metrics: bootstrap.start(settings, metrics),
        history_imports=True,
        examples=RESPONSE_EXAMPLES,
    )
