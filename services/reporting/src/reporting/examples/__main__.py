"""``python -m reporting.examples [folder]``: refresh the example reports (``docs/examples``)."""

from __future__ import annotations

import sys
from pathlib import Path

from reporting.examples import write

if __name__ == "__main__":  # pragma: no cover - the command that refreshes docs/examples/
    for path in write(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/examples")):
        print(path)
