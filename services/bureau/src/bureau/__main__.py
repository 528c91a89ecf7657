"""``python -m bureau``: serve the API on the configured host and port."""

from __future__ import annotations

import uvicorn

from bureau.main import build_app
from bureau.settings import BureauSettings


def main() -> None:
    settings = BureauSettings()
    uvicorn.run(build_app(settings), host=settings.host, port=settings.port, log_config=None)


if __name__ == "__main__":
    main()
