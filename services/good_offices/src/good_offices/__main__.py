"""``python -m good_offices``: serve the API on the configured host and port."""

from __future__ import annotations

import uvicorn

from good_offices.main import build_app
from good_offices.settings import GoodOfficesSettings
from noncoop_shared.settings import settings_or_exit


def main() -> None:
    settings = settings_or_exit(GoodOfficesSettings)
    uvicorn.run(build_app(settings), host=settings.host, port=settings.port, log_config=None)


if __name__ == "__main__":
    main()
