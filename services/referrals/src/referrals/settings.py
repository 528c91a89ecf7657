"""Settings of the referrals service: env prefix ``REFERRALS_`` (shared ones under ``NONCOOP_``)."""

from __future__ import annotations

from datetime import timedelta

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from noncoop_shared.settings import ServiceSettings
from referrals.domain.decide import ServiceLevels


class ReferralsSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="REFERRALS_")

    service_name: str = "referrals"
    port: int = 8101

    forwarding_service_level_hours: float = Field(
        default=24, gt=0, description="P13-forward: forward the decision within this time"
    )
    press_release_service_level_hours: float = Field(
        default=24, gt=0, description="P13-press: issue the press release within this time"
    )
    deadline_check_seconds: float = Field(default=1.0, gt=0)
    outbox_lanes: int = Field(default=4, ge=1, le=64)

    def service_levels(self) -> ServiceLevels:
        return ServiceLevels(
            forwarding=timedelta(hours=self.forwarding_service_level_hours),
            press_release=timedelta(hours=self.press_release_service_level_hours),
        )
