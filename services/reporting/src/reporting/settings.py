"""Settings of the reporting service: env prefix ``REPORTING_`` (shared ones: ``NONCOOP_``)."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from noncoop_shared.settings import ServiceSettings


class ReportingSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="REPORTING_")

    service_name: str = "reporting"
    port: int = 8104
    outbox_lanes: int = Field(default=4, ge=1, le=64)
