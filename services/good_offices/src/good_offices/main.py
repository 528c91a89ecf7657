"""The good offices service: the President's informal response and the regional focal points."""

from __future__ import annotations

from fastapi import FastAPI

from good_offices import bootstrap
from good_offices.api.examples import RESPONSE_EXAMPLES
from good_offices.api.routes import router
from good_offices.settings import GoodOfficesSettings
from noncoop_shared.service import service_app

VERSION = "1.0.0"


def build_app(settings: GoodOfficesSettings | None = None) -> FastAPI:
    settings = settings or GoodOfficesSettings()
    return service_app(
        settings,
        title="noncoop good offices",
        version=VERSION,
        description="The President's good offices (the informal response) and the regional "
        "focal point roster (annex II paras 16-23; resolution paras 31 and 35).",
        routers=[router],
        start=lambda metrics: bootstrap.start(settings, metrics),
        history_imports=True,
        examples=RESPONSE_EXAMPLES,
    )
