"""``noncoop``: one command line for the operator's tools (``noncoop --help`` lists them).

Each command runs a tool that already existed, through its own ``main(argv)``: the token
minter, the history import, reporting's rebuild, the log verifier, key generation and the
personal-data key re-wrap, and reporting's audit bundle writer. Nothing is parsed twice, so a
command behaves exactly as its ``python -m`` form (``tools``).

Why it lives in the shared library: every service depends on the library and the library on
no service, so this is the one package every installation has. Two tools belong to reporting
(the rebuild, the audit bundle); they are imported only when their command runs, which keeps
the dependency one-way (no service import at start-up, no cycle) and lets the other commands
work where reporting is not installed. The console script is declared in
``shared/pyproject.toml``; ``python -m noncoop_shared.cli`` is the same.
"""

from noncoop_shared.cli.parser import build_parser, main
from noncoop_shared.cli.tools import TOOLS, Tool

__all__ = ["TOOLS", "Tool", "build_parser", "main"]
