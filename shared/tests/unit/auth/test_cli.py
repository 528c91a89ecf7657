"""noncoop-token mints tokens the services accept, and refuses to mint ones they would not."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import jwt
import pytest

from noncoop_shared.auth.cli import main
from noncoop_shared.auth.principal import Principal
from noncoop_shared.auth.roles import RegionalGroup, Role
from noncoop_shared.auth.tokens import TokenVerifier

SECRET = "cli-tests-secret-0123456789abcdef01234"


@pytest.fixture(autouse=True)
def secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NONCOOP_JWT_SECRET", SECRET)


def minted(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1  # the token alone, so $(noncoop-token ...) works
    return out.strip()


def test_a_minted_token_is_accepted_by_the_verifier(capsys: pytest.CaptureFixture[str]) -> None:
    token = minted(capsys, "--role", "court", "--sub", "icc-registry")

    assert TokenVerifier(secret=SECRET).verify(token) == Principal(
        role=Role.COURT, subject="icc-registry"
    )


def test_region_and_state_are_carried(capsys: pytest.CaptureFixture[str]) -> None:
    focal = minted(capsys, "--role", "focal_point", "--sub", "fp", "--region", "african")
    state = minted(capsys, "--role", "state_party", "--sub", "m", "--state", "KEN")

    verifier = TokenVerifier(secret=SECRET)
    assert verifier.verify(focal).region is RegionalGroup.AFRICAN
    assert verifier.verify(state).state == "KEN"


def test_the_ttl_sets_the_expiry(capsys: pytest.CaptureFixture[str]) -> None:
    token = minted(capsys, "--role", "secretariat", "--sub", "s", "--ttl", "600")

    claims = jwt.decode(token, options={"verify_signature": False})
    assert timedelta(seconds=claims["exp"] - claims["iat"]) == timedelta(minutes=10)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--role", "focal_point", "--sub", "fp"], "needs a region"),
        (["--role", "state_party", "--sub", "m"], "needs a state"),
        (["--role", "court", "--sub", "icc", "--region", "african"], "has no region"),
        (["--role", "public", "--sub", "x"], "invalid choice: 'public'"),
        (["--role", "court", "--sub", "icc", "--ttl", "0"], "--ttl must be between 1 and 86400"),
        (["--role", "court", "--sub", "icc", "--ttl", "86401"], "--ttl must be between 1 and"),
    ],
)
def test_incoherent_requests_are_refused_with_status_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(argv)

    assert exited.value.code == 2
    captured = capsys.readouterr()
    assert message in captured.err
    assert captured.out == ""


@pytest.mark.parametrize("value", [None, "too-short"])
def test_a_missing_or_short_secret_is_refused(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, value: str | None
) -> None:
    if value is None:
        monkeypatch.delenv("NONCOOP_JWT_SECRET")
    else:
        monkeypatch.setenv("NONCOOP_JWT_SECRET", value)

    with pytest.raises(SystemExit) as exited:
        main(["--role", "court", "--sub", "icc"])

    assert exited.value.code == 2
    assert "NONCOOP_JWT_SECRET must be set to at least 32 bytes" in capsys.readouterr().err


def test_the_console_script_is_installed_and_prints_a_valid_token() -> None:
    script = Path(sys.executable).with_name("noncoop-token")

    result = subprocess.run(
        [str(script), "--role", "president", "--sub", "asp-president"],
        capture_output=True,
        text=True,
        check=True,
        env={"NONCOOP_JWT_SECRET": SECRET},
    )

    principal = TokenVerifier(secret=SECRET).verify(result.stdout.strip())
    assert principal == Principal(role=Role.PRESIDENT, subject="asp-president")
