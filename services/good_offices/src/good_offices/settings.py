"""Settings of the good offices service: env prefix ``GOOD_OFFICES_`` (shared: ``NONCOOP_``)."""

from __future__ import annotations

from datetime import timedelta

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from good_offices.domain.decide import ServiceLevels
from noncoop_shared.settings import ServiceSettings


class GoodOfficesSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="GOOD_OFFICES_")

    service_name: str = "good_offices"
    port: int = 8102

    bureau_notification_service_level_hours: float = Field(
        default=24, gt=0, description="P18-notify: the President notifies the Bureau within this"
    )
    travel_sharing_service_level_hours: float = Field(
        default=24, gt=0, description="Res. 35: travel information shared with the Court within"
    )
    deadline_check_seconds: float = Field(default=1.0, gt=0)
    outbox_lanes: int = Field(default=4, ge=1, le=64)

    def service_levels(self) -> ServiceLevels:
        return ServiceLevels(
            bureau_notification=timedelta(hours=self.bureau_notification_service_level_hours),
            travel_sharing=timedelta(hours=self.travel_sharing_service_level_hours),
        )
