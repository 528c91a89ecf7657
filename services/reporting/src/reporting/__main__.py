"""``python -m reporting``: serve the API on the configured host and port."""

from __future__ import annotations

import uvicorn

from reporting.main import build_app
from reporting.settings import ReportingSettings


def main() -> None:
    settings = ReportingSettings()
    uvicorn.run(build_app(settings), host=settings.host, port=settings.port, log_config=None)


if __name__ == "__main__":
    main()
