"""``python -m good_offices``: serve the API on the configured host and port."""

from __future__ import annotations

from good_offices.main import build_app
from good_offices.settings import GoodOfficesSettings
from noncoop_shared.settings import settings_or_exit
from noncoop_shared.web.server import serve


def main() -> None:
    settings = settings_or_exit(GoodOfficesSettings)
    serve(build_app(settings), settings)


if __name__ == "__main__":
    main()
