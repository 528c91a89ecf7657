"""``python -m reporting``: serve the API on the configured host and port."""

from __future__ import annotations

from noncoop_shared.settings import settings_or_exit
from noncoop_shared.web.server import serve
from reporting.main import build_app
from reporting.settings import ReportingSettings


def main() -> None:
    settings = settings_or_exit(ReportingSettings)
    serve(build_app(settings), settings)


if __name__ == "__main__":
    main()
