"""``python -m noncoop_shared.cli``: the ``noncoop`` command, where the script is not installed."""

import sys

from noncoop_shared.cli import main

if __name__ == "__main__":
    sys.exit(main())
