"""``python -m reporting``: serve the API on the configured host and port."""

from __future__ import annotations

import uvicorn

from noncoop_shared.settings import settings_or_exit
from reporting.main import build_app
from reporting.settings import ReportingSettings


def main() -> None:
    settings = settings_or_exit(ReportingSettings)
    uvicorn.run(build_app(settings), host=settings.host, port=settings.port, log_config=None)


if __name__ == "__main__":
    main()
