"""``python -m bureau``: serve the API on the configured host and port."""

from __future__ import annotations

import uvicorn

from bureau.main import build_app
from bureau.settings import BureauSettings
from noncoop_shared.settings import settings_or_exit


def main() -> None:
    settings = settings_or_exit(BureauSettings)
    uvicorn.run(build_app(settings), host=settings.host, port=settings.port, log_config=None)


if __name__ == "__main__":
    main()
