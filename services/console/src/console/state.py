"""The console's parts, built once in ``build_app``, reached by the pages through the app."""

from __future__ import annotations

from dataclasses import dataclass, field

import anyio
from starlette.requests import Request

from console.backends import Backends
from console.oidc import OidcClient
from console.rendering import Pages
from console.session import SessionSealer
from console.settings import ConsoleSettings
from noncoop_shared.auth.principal import Principal
from noncoop_shared.auth.tokens import TokenVerifier

PDF_BUILDS_AT_ONCE = 2


@dataclass(frozen=True)
class Console:
    settings: ConsoleSettings
    pages: Pages
    backends: Backends
    verifier: TokenVerifier
    sealer: SessionSealer
    oidc: OidcClient | None
    """OpenID Connect sign-in, when configured (``CONSOLE_OIDC_*``)."""
    pdf_builds: anyio.CapacityLimiter = field(
        default_factory=lambda: anyio.CapacityLimiter(PDF_BUILDS_AT_ONCE)
    )
    """PDFs are drawn in worker threads, so many at once neither stop the event loop that
    serves every other person nor take every core: a few of them, the others wait their turn."""

    async def verify(self, token: str) -> Principal:
        """The services' own check of a token (raises as ``TokenVerifier.verify``)."""
        if self.verifier.fetches_keys:
            # Its JWKS client reads the key set with blocking IO (every few minutes, and for a
            # new kid): not on the event loop, which serves every other person meanwhile.
            return await anyio.to_thread.run_sync(self.verifier.verify, token)
        return self.verifier.verify(token)


async def console_of(request: Request) -> Console:
    # A coroutine, though it awaits nothing: FastAPI runs a plain function dependency in its
    # thread pool (docs/adr/0041-no-thread-hop-per-request.md).
    console = request.app.state.console
    assert isinstance(console, Console)
    return console
