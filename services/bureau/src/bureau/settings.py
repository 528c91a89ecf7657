"""Settings of the Bureau service: env prefix ``BUREAU_`` (shared ones under ``NONCOOP_``)."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from noncoop_shared.settings import ServiceSettings


class BureauSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="BUREAU_")

    service_name: str = "bureau"
    port: int = 8103

    deadline_check_seconds: float = Field(default=1.0, gt=0)
    outbox_lanes: int = Field(default=4, ge=1, le=64)
