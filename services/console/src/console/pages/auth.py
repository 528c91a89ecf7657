"""Signing in and out, and the language switch.

Production sign-in is OpenID Connect's code flow with PKCE (``console/oidc.py``, docs/console.md):
``/sign-in/oidc`` starts it, the identity provider sends the browser back to
``/sign-in/callback``, and the token the services accept is sealed into the session cookie.
Development sign-in is also a form that takes a token (``make token`` prints one), verified as
every service verifies it; outside development that form is not served and its POST is a 404.
"""

from __future__ import annotations

import structlog
from fastapi import APIRouter
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from console.csrf import check_csrf
from console.i18n import LANG_COOKIE, LANGUAGES
from console.oidc import FLOW_SECONDS, Flow, OidcError
from console.pages.common import CurrentConsole
from console.session import session_of, set_session
from console.settings import CALLBACK_PATH
from console.state import Console
from noncoop_shared.auth.tokens import MAX_TOKEN_BYTES, InvalidTokenError, KeySetUnavailableError

router = APIRouter()
log = structlog.get_logger(__name__)

#: The started sign-in (state, nonce, PKCE verifier), sealed, apart from the session cookie:
#: the session's is SameSite=Strict, so the browser would not send it with the callback, a
#: navigation the IdP's page starts. This one is Lax (sent with a top-level GET from another
#: site), only to the callback's path, for as long as the flow may take.
FLOW_COOKIE = "console_sign_in"


@router.get("/", include_in_schema=False)
async def home(request: Request) -> Response:
    return RedirectResponse("/cases" if request.state.principal else "/sign-in", status_code=303)


def _sign_in_page(
    request: Request,
    console: Console,
    status_code: int = 200,
    message: str | None = None,
    here: str | None = None,
) -> Response:
    return console.pages.render(
        request,
        "sign_in.html",
        status_code,
        here=here,
        message=message,
        token_value="",
        oidc=console.oidc is not None,
        token_form=console.settings.development,
    )


@router.get("/sign-in")
async def sign_in_form(request: Request, console: CurrentConsole, expired: int = 0) -> Response:
    return _sign_in_page(request, console, message="expired" if expired else None)


@router.post("/sign-in")
async def sign_in(request: Request, console: CurrentConsole) -> Response:
    if not console.settings.development:
        # A token pasted in a form skips the IdP (its second factor, its revocation): in
        # production the only way in is the code flow.
        raise HTTPException(404)
    form = await request.form()
    check_csrf(request, form)
    token = str(form.get("token", "")).strip()
    try:
        if not token or len(token) > MAX_TOKEN_BYTES:
            raise InvalidTokenError("no token")
        await console.verify(token)
    except (InvalidTokenError, KeySetUnavailableError):
        # One message whatever the reason: the reason is for the token's issuer, not for
        # whoever is trying tokens at this form.
        return _sign_in_page(request, console, 400, message="refused")
    set_session(request, session_of(request).signed_in(token))
    return RedirectResponse("/cases", status_code=303)


def _secure(console: Console) -> bool:
    return not console.settings.development


def _refused(request: Request, console: Console, exc: Exception, status_code: int) -> Response:
    # The reason in the log, one message on the page: an IdP's error text is not shown (it is
    # the IdP's, or whoever forged the callback), and the reasons only help someone probing.
    log.warning("console.sign_in_refused", reason=str(exc), kind=type(exc).__name__)
    # The language switch comes back to /sign-in, not to the callback's address (its code).
    return _sign_in_page(request, console, status_code, message="failed", here="/sign-in")


@router.get("/sign-in/oidc")
async def sign_in_oidc(request: Request, console: CurrentConsole) -> Response:
    """Starts the code flow. A link, not a form: the console's policy ``form-action 'self'``
    would stop a form's redirect to the IdP."""
    if console.oidc is None:
        raise HTTPException(404)
    flow = Flow.start()
    try:
        url = await console.oidc.authorization_url(flow)
    except OidcError as exc:
        return _refused(request, console, exc, 502)
    response = RedirectResponse(url, status_code=303)
    response.set_cookie(
        FLOW_COOKIE,
        console.sealer.seal_values(flow.values(), FLOW_COOKIE),
        max_age=FLOW_SECONDS,
        path=CALLBACK_PATH,
        httponly=True,
        secure=_secure(console),
        samesite="lax",
    )
    return response


@router.get(CALLBACK_PATH)
async def sign_in_callback(
    request: Request,
    console: CurrentConsole,
    state: str | None = None,
    code: str | None = None,
    error: str | None = None,
) -> Response:
    oidc = console.oidc
    if oidc is None:
        raise HTTPException(404)
    flow = Flow.from_values(
        console.sealer.open_values(request.cookies.get(FLOW_COOKIE), FLOW_COOKIE)
    )
    try:
        if flow is None:
            raise OidcError("no sign-in flow: no cookie, an expired or used one, or another key")
        flow.check_state(state)
        if error is not None:
            raise OidcError(f"the IdP answered error {error[:100]!r}")
        if not code:
            raise OidcError("the callback has no code")
        tokens = await oidc.exchange(code, flow)
        claims = await oidc.validate_id_token(tokens.id_token, flow)
        token = tokens.named(console.settings.oidc_service_token)
        principal = await console.verify(token)
    except (OidcError, InvalidTokenError, KeySetUnavailableError) as exc:
        response = _refused(request, console, exc, 400)
    else:
        log.info(
            "console.signed_in",
            sub=principal.subject,
            role=principal.role.value,
            id_token_sub=str(claims["sub"])[:128],
        )
        set_session(request, session_of(request).signed_in(token))
        request.state.principal = principal
        # A page, not a redirect: the browser came from the IdP's site, and a redirect would
        # carry on that cross-site navigation, on which it does not send the new SameSite=Strict
        # session cookie. The page's own refresh is a navigation from the console's site.
        response = console.pages.render(
            request, "signed_in.html", here="/cases", refresh_to="/cases"
        )
    # Single use: whatever happened, the flow is over.
    response.delete_cookie(
        FLOW_COOKIE, path=CALLBACK_PATH, httponly=True, secure=_secure(console), samesite="lax"
    )
    return response


@router.post("/sign-out")
async def sign_out(request: Request, console: CurrentConsole) -> Response:
    form = await request.form()
    check_csrf(request, form)
    set_session(request, session_of(request).signed_out())
    request.state.principal = None
    end_session = None
    if console.oidc is not None:
        try:
            end_session = await console.oidc.end_session_url()
        except OidcError as exc:
            # The console's session is over either way; the IdP's stays.
            log.warning("console.end_session_unavailable", reason=str(exc))
    if end_session is None:
        return RedirectResponse("/sign-in", status_code=303)
    # A page that refreshes to the IdP, not a redirect: the console's policy
    # ``form-action 'self'`` stops a form's redirect to another site.
    return console.pages.render(request, "signed_out.html", refresh_to=end_session)


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
