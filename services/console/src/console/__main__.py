"""``python -m console``: serve the console on the configured host and port."""

from __future__ import annotations

import uvicorn

from console.main import build_app
from console.settings import ConsoleSettings
from noncoop_shared.logging import configure_logging
from noncoop_shared.settings import settings_or_exit


def main() -> None:
    settings = settings_or_exit(ConsoleSettings)
    configure_logging(settings.service_name)
    # log_config=None: configure_logging renders uvicorn's lines as JSON, like the services'.
    uvicorn.run(build_app(settings), host=settings.host, port=settings.port, log_config=None)


if __name__ == "__main__":
    main()
