"""What one request may cost the console: its body is bounded before any form is read (the
PDF's thread: ``test_reports_pages.py``)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from console.main import MAX_FORM_BYTES, build_app
from console.settings import ConsoleSettings

SECRET = "console-unit-tests-" + "s" * 40
SETTINGS = ConsoleSettings(jwt_secret=SECRET, referrals_url="http://127.0.0.1:9")


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=build_app(SETTINGS))
    async with httpx.AsyncClient(transport=transport, base_url="http://console") as client:
        yield client


@pytest.mark.parametrize("declared", [True, False], ids=["declared length", "streamed"])
async def test_a_form_past_the_bound_is_a_413_before_it_is_read(
    client: httpx.AsyncClient, declared: bool
) -> None:
    # Before, the console read a form of any size (a few hundred megabytes of fields took a
    # replica past its memory limit), and /sign-out reads its form before anyone signs in.
    body = b"csrf_token=x&filler=" + b"a" * (MAX_FORM_BYTES + 1)

    async def chunks() -> AsyncIterator[bytes]:
        for start in range(0, len(body), 65536):
            yield body[start : start + 65536]

    answered = await client.post(
        "/sign-out",
        content=body if declared else chunks(),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert answered.status_code == 413


async def test_a_form_within_the_bound_is_read_as_before(client: httpx.AsyncClient) -> None:
    answered = await client.post(
        "/sign-out",
        data={"csrf_token": "not-this-session's", "filler": "a" * 200_000},
    )
    assert answered.status_code == 403  # read, and refused for its CSRF token
