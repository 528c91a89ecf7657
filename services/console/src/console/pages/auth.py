"""Signing in and out, and the language switch.

Development sign-in is a form that takes a token (``make token`` prints one): the token is
verified as every service verifies it, then sealed into the session cookie. Production sign-in
is meant to be OpenID Connect's code flow (``CONSOLE_OIDC_ISSUER_URL``): not implemented yet, and
the console refuses to start in production without it (settings), so this form never serves
outside development.
"""

from __future__ import annotations

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from console.csrf import check_csrf
from console.i18n import LANG_COOKIE, LANGUAGES
from console.pages.common import CurrentConsole
from console.session import session_of, set_session
from noncoop_shared.auth.tokens import MAX_TOKEN_BYTES, InvalidTokenError, KeySetUnavailableError

router = APIRouter()


@router.get("/", include_in_schema=False)
async def home(request: Request) -> Response:
    return RedirectResponse("/cases" if request.state.principal else "/sign-in", status_code=303)


@router.get("/sign-in")
async def sign_in_form(request: Request, console: CurrentConsole, expired: int = 0) -> Response:
    return console.pages.render(
        request, "sign_in.html", message="expired" if expired else None, token_value=""
    )


@router.post("/sign-in")
async def sign_in(request: Request, console: CurrentConsole) -> Response:
    form = await request.form()
    check_csrf(request, form)
    token = str(form.get("token", "")).strip()
    try:
        if not token or len(token) > MAX_TOKEN_BYTES:
            raise InvalidTokenError("no token")
        console.verifier.verify(token)
    except (InvalidTokenError, KeySetUnavailableError):
        # One message whatever the reason: the reason is for the token's issuer, not for
        # whoever is trying tokens at this form.
        return console.pages.render(request, "sign_in.html", 400, message="refused", token_value="")
    set_session(request, session_of(request).signed_in(token))
    return RedirectResponse("/cases", status_code=303)


@router.post("/sign-out")
async def sign_out(request: Request) -> Response:
    form = await request.form()
    check_csrf(request, form)
    set_session(request, session_of(request).signed_out())
    return RedirectResponse("/sign-in", status_code=303)


@router.get("/language")
async def choose_language(lang: str, next: str = "/") -> Response:
    # Only a path of this site: the switch must not become an open redirect.
    local = next.startswith("/") and not next.startswith("//") and "\\" not in next
    target = next if local else "/"
    response = RedirectResponse(target, status_code=303)
    if lang in LANGUAGES:
        response.set_cookie(
            LANG_COOKIE, lang, max_age=365 * 86400, httponly=True, samesite="lax", path="/"
        )
    return response
