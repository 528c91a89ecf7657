"""``python -m referrals``: serve the API on the configured host and port."""

from __future__ import annotations

from noncoop_shared.web.server import serve
from referrals.main import build_app
from referrals.settings import ReferralsSettings


def main() -> None:
    settings = ReferralsSettings()
    serve(build_app(settings), settings)


if __name__ == "__main__":
    main()
