"""``python -m noncoop_shared.keys generate``: keys a production service accepts, in files only
their owner reads, and a Compose env file carrying the same values."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from pydantic_settings import SettingsConfigDict

from noncoop_shared.keys import main
from noncoop_shared.settings import ServiceSettings
from noncoop_shared.signing import TrustStore


class BureauSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="BUREAU_")

    service_name: str = "bureau"
    port: int = 8103


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith(("NONCOOP_", "BUREAU_")):
            monkeypatch.delenv(name)


def test_generated_keys_start_a_production_service_and_stay_private(tmp_path: Path) -> None:
    directory = tmp_path / "keys"
    assert main(["generate", str(directory)]) == 0
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    values = {p.name: p.read_text() for p in directory.iterdir() if p.name != "compose.env"}
    assert all(stat.S_IMODE((directory / n).stat().st_mode) == 0o600 for n in values)
    trust = TrustStore.parse(values["NONCOOP_EVENT_SIGNING_PUBLIC_KEYS"])
    assert sorted(trust.key_ids().values()) == ["bureau", "good_offices", "referrals", "reporting"]

    settings = BureauSettings(
        NONCOOP_ENV="production",  # type: ignore[call-arg]
        database_url="postgresql://x@h/bureau",
        kafka_bootstrap_servers="h:9092",
        jwt_algorithm="RS256",
        jwt_public_key=values["NONCOOP_JWT_PUBLIC_KEY"],
        NONCOOP_MASTER_KEY=values["NONCOOP_MASTER_KEY"],
        keyring_url="postgresql://x@h/keyring",
        event_signing_key=values["BUREAU_EVENT_SIGNING_KEY"],
        event_signing_public_keys=values["NONCOOP_EVENT_SIGNING_PUBLIC_KEYS"],
    )
    assert trust.service_of(settings.event_signer().key_id) == "bureau"

    compose = (directory / "compose.env").read_text()
    pem = values["REPORTING_SIGNING_KEY_PEM"].replace("\n", "\\n")
    assert f'REPORTING_SIGNING_KEY_PEM="{pem}"' in compose


def test_it_never_overwrites_keys_already_generated(tmp_path: Path) -> None:
    assert main(["generate", str(tmp_path / "keys")]) == 0
    before = (tmp_path / "keys" / "NONCOOP_MASTER_KEY").read_text()
    assert main(["generate", str(tmp_path / "keys")]) == 2
    assert (tmp_path / "keys" / "NONCOOP_MASTER_KEY").read_text() == before
