"""``python -m referrals``: serve the API on the configured host and port."""

from __future__ import annotations

from noncoop_shared.settings import settings_or_exit
from noncoop_shared.web.server import serve
from referrals.main import build_app
from referrals.settings import ReferralsSettings


def main() -> None:
    settings = settings_or_exit(ReferralsSettings)
    serve(build_app(settings), settings)


if __name__ == "__main__":
    main()
