"""The console's own behaviour, no service needed: sign-in, the session cookie, CSRF on every
POST, the language, the error pages."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import timedelta

import httpx
import pytest
from fastapi.routing import APIRoute

from console.main import build_app
from console.pages import auth, calendar, case, cases, commands, reports
from console.session import Session, SessionSealer
from console.settings import ConsoleSettings
from noncoop_shared.auth.tokens import mint_token

SECRET = "console-unit-tests-" + "s" * 40
SETTINGS = ConsoleSettings(jwt_secret=SECRET, referrals_url="http://127.0.0.1:9")


@pytest.fixture
async def browser() -> AsyncIterator[httpx.AsyncClient]:
    app = build_app(SETTINGS)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://console") as client:
        yield client


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF field in the form"
    return found.group(1)


async def test_sign_in_with_a_good_token_then_out(browser: httpx.AsyncClient) -> None:
    form = await browser.get("/sign-in")
    cookie = form.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie  # development: served over http://127.0.0.1
    token = mint_token(SECRET, role="secretariat", sub="s-1")
    assert token not in cookie  # sealed, not merely encoded
    signed = await browser.post("/sign-in", data={"token": token, "csrf_token": _csrf(form.text)})
    assert signed.status_code == 303 and signed.headers["location"] == "/cases"
    assert token not in signed.headers["set-cookie"]
    page = await browser.get("/sign-in")
    # A new CSRF token at sign-in: the one from before is refused.
    out = await browser.post("/sign-out", data={"csrf_token": _csrf(form.text)})
    assert out.status_code == 403
    out = await browser.post("/sign-out", data={"csrf_token": _csrf(page.text)})
    assert out.status_code == 303 and out.headers["location"] == "/sign-in"
    after = await browser.get("/cases")
    assert after.status_code == 303 and after.headers["location"] == "/sign-in"


@pytest.mark.parametrize(
    "token",
    [
        mint_token(SECRET, role="secretariat", sub="s-1", ttl=-timedelta(minutes=5)),
        mint_token("another-secret-" + "x" * 40, role="secretariat", sub="s-1"),
        "not a token",
        "",
    ],
    ids=["expired", "other-secret", "garbage", "empty"],
)
async def test_a_refused_token_gives_the_form_again_without_the_reason(
    browser: httpx.AsyncClient, token: str
) -> None:
    form = await browser.get("/sign-in")
    refused = await browser.post("/sign-in", data={"token": token, "csrf_token": _csrf(form.text)})
    assert refused.status_code == 400
    assert "This token was not accepted" in refused.text
    # The verifier's reasons (noncoop_shared.auth.tokens) stay out of the page.
    for reason in ("the token has expired", "does not verify", "well-formed"):
        assert reason not in refused.text
    assert (await browser.get("/cases")).status_code == 303


async def test_every_post_checks_the_csrf_token(browser: httpx.AsyncClient) -> None:
    await browser.get("/sign-in")
    posts = [
        route.path.replace("{case_id}", "01a24d3f-4c44-780b-aa41-b5498d7d8ef7")
        .replace("{slug}", "forwarding")
        .replace("{meeting_id}", "B-1")
        .replace("{report_id}", "0193c5a1-1111-7000-8000-000000000001")
        for router in (
            auth.router,
            calendar.router,
            case.router,
            cases.router,
            commands.router,
            reports.router,
        )
        for route in router.routes
        if isinstance(route, APIRoute) and "POST" in route.methods
    ]
    assert len(posts) >= 7
    for path in posts:
        for data in ({}, {"csrf_token": "guessed"}):
            refused = await browser.post(path, data=data)
            # Signed out, a command's page first asks to sign in; a form without the token is
            # refused before anything else.
            assert refused.status_code in (403, 303), (path, refused.status_code)
            if refused.status_code == 403:
                assert "Not allowed" in refused.text


async def test_a_command_without_csrf_is_refused_when_signed_in(
    browser: httpx.AsyncClient,
) -> None:
    form = await browser.get("/sign-in")
    token = mint_token(SECRET, role="secretariat", sub="s-1")
    await browser.post("/sign-in", data={"token": token, "csrf_token": _csrf(form.text)})
    refused = await browser.post(
        "/cases/01a24d3f-4c44-780b-aa41-b5498d7d8ef7/forwarding",
        data={"communication_reference": "SP/1", "csrf_token": "guessed"},
    )
    assert refused.status_code == 403


def test_a_tampered_or_foreign_cookie_opens_no_session() -> None:
    sealer = SessionSealer(b"k" * 32)
    sealed = sealer.seal(Session(token="t"))
    assert sealer.open(sealed) == Session(csrf=sealer.open(sealed).csrf, token="t")  # type: ignore[union-attr]
    flipped = sealed[:-2] + ("A" if sealed[-2] != "A" else "B") + sealed[-1]
    assert sealer.open(flipped) is None
    assert SessionSealer(b"o" * 32).open(sealed) is None
    assert sealer.open("garbage") is None


async def test_the_language_comes_from_the_cookie_or_accept_language(
    browser: httpx.AsyncClient,
) -> None:
    french = await browser.get(
        "/sign-in", headers={"accept-language": "de;q=1, fr;q=0.9, en;q=0.1"}
    )
    assert '<html lang="fr">' in french.text and "Se connecter" in french.text
    switched = await browser.get("/language?lang=en&next=/sign-in")
    assert switched.headers["location"] == "/sign-in"
    english = await browser.get("/sign-in", headers={"accept-language": "fr"})
    assert '<html lang="en">' in english.text


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\\evil.example"])
async def test_the_language_switch_is_no_open_redirect(
    browser: httpx.AsyncClient, target: str
) -> None:
    response = await browser.get("/language", params={"lang": "fr", "next": target})
    assert response.headers["location"] == "/"


async def test_pages_are_not_cached_or_framed(browser: httpx.AsyncClient) -> None:
    page = await browser.get("/sign-in")
    assert page.headers["cache-control"] == "no-store"
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    missing = await browser.get("/nowhere")
    assert missing.status_code == 404 and "Not found" in missing.text
