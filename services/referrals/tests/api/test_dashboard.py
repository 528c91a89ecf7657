"""The Grafana dashboard (deploy/grafana/noncoop.json) parses, and every metric it queries is
one a service exposes: a renamed metric fails here, not on an empty panel in production."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from .conftest import Token

pytestmark = pytest.mark.integration

DASHBOARD = Path(__file__).resolve().parents[4] / "deploy" / "grafana" / "noncoop.json"
# Our metrics and the process collector's; PromQL functions and labels never start so.
METRIC_NAME = re.compile(r"\b(?:noncoop|process)_[a-z_]+\b")
_SERIES_SUFFIXES = ("", "_total", "_bucket", "_sum", "_count", "_created")


def queried_metrics() -> set[str]:
    dashboard = json.loads(DASHBOARD.read_text())
    exprs = [target["expr"] for panel in dashboard["panels"] for target in panel["targets"]]
    assert exprs, "the dashboard queries nothing"
    return {name for expr in exprs for name in METRIC_NAME.findall(expr)}


async def test_every_metric_the_dashboard_queries_is_exposed(
    client: httpx.AsyncClient, auth: Token
) -> None:
    # The Secretariat's view: the revealing series too (Prometheus scrapes with such a token).
    response = await client.get("/metrics", headers=auth("secretariat"))
    assert response.status_code == 200
    exposed = {
        family.name + suffix
        for family in text_string_to_metric_families(response.text)
        for suffix in _SERIES_SUFFIXES
    }

    queried = queried_metrics()

    assert {"noncoop_commands_total", "noncoop_consumer_lag_messages"} <= queried
    assert queried - exposed == set()
