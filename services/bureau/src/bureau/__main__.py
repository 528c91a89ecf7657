"""``python -m bureau``: serve the API on the configured host and port."""

from __future__ import annotations

from bureau.main import build_app
from bureau.settings import BureauSettings
from noncoop_shared.settings import settings_or_exit
from noncoop_shared.web.server import serve


def main() -> None:
    settings = settings_or_exit(BureauSettings)
    serve(build_app(settings), settings)


if __name__ == "__main__":
    main()
