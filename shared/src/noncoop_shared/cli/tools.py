"""What each ``noncoop`` command runs: an existing tool's own ``main(argv)``, found at run time.

A command owns no option of its own. The operator's words after the command go to the tool
unchanged, after the words the tool expects first (``verify`` for the audit tool, whose own
first word it is), so options, help text, output and exit status are the tool's, exactly as
under ``python -m``. The tool's module is imported only when its command runs: the library
does not depend on the services, and a command whose tool is not installed here (reporting's,
on a machine with the library alone) says so instead of failing for every other command.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import cast

ToolMain = Callable[[list[str]], int | None]

MISSING_TOOL_STATUS = 2
"""The exit status of a command whose tool is not installed: the tools' own "could not even
start" status (a usage, file or setup error)."""


@dataclass(frozen=True)
class Tool:
    """One command: where its tool lives and what it is for."""

    words: tuple[str, ...]
    """the command as the operator types it: ``("rebuild",)``, ``("keys", "generate")``"""
    module: str
    """the module holding ``main(argv)``; a package's ``__main__`` is looked at too"""
    summary: str
    """one line of ``noncoop --help``"""
    lead: tuple[str, ...] = ()
    """words the tool expects before the operator's (its own subcommand)"""

    @property
    def name(self) -> str:
        return " ".join(self.words)

    @property
    def prog(self) -> str:
        """What the tool's own parser is called under ``noncoop``: the command without the
        words the tool reads itself (``lead``), which its parser adds after its name
        (``noncoop keys`` + ``generate``; ``noncoop`` + ``verify``)."""
        return " ".join(("noncoop", *self.words[: len(self.words) - len(self.lead)]))

    def run(self, argv: Sequence[str]) -> int:
        """Run the tool with ``argv``; its exit status, or 2 when it is not installed here."""
        try:
            main = _find_main(self.module)
        except _NotInstalledError as missing:
            print(f"noncoop {self.name}: {missing}", file=sys.stderr)
            return MISSING_TOOL_STATUS
        status = _named(main, self.prog)([*self.lead, *argv])
        return 0 if status is None else status


def _named(main: Callable[..., int | None], prog: str) -> ToolMain:
    """``main`` with its parser called ``prog``, so that its usage and errors say the command
    the operator typed (the parsers of its subcommands take their names from it).

    Each tool here takes ``prog`` and keeps its ``python -m`` name without it; a ``main(argv)``
    that does not take one (a stand-in, a tool written elsewhere) runs under its own name.
    """
    try:
        parameters = inspect.signature(main).parameters
    except (TypeError, ValueError):  # no signature to read (a builtin): call it as it is
        return main
    if "prog" not in parameters:
        return main
    return functools.partial(main, prog=prog)


class _NotInstalledError(Exception):
    """The tool is not in this installation; the message says which part is missing."""


def _find_main(module: str) -> ToolMain:
    """``module.main``, else (a package) ``module.__main__.main``.

    Only the tool's own absence is "not installed": a module the tool imports that is missing
    is a broken installation, and that error is raised as it is.
    """
    found = _import(module)
    if not hasattr(found, "main") and hasattr(found, "__path__"):
        found = _import(f"{module}.__main__")
    main = getattr(found, "main", None)
    if not callable(main):
        raise _NotInstalledError(f"{module} has no main(argv) to run")
    return cast(ToolMain, main)


def _import(module: str) -> ModuleType:
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as error:
        missing = error.name or ""
        if module != missing and not module.startswith(missing + "."):
            raise
        package = module.split(".")[0]
        if missing == package:
            raise _NotInstalledError(
                f"it needs the {package!r} package, which is not installed here"
            ) from None
        raise _NotInstalledError(
            f"{module} is not in this installation's {package!r} package, so this command"
            " cannot run here"
        ) from None


TOOLS: tuple[Tool, ...] = (
    Tool(
        ("token",),
        "noncoop_shared.auth.cli",
        "mint a bearer token (JWT) for the running system, for a role and a subject",
    ),
    Tool(
        ("import",),
        "noncoop_shared.imports.__main__",
        "send one case's whole history (a JSON file) to the services, each part through its"
        " own routes",
    ),
    Tool(
        ("rebuild",),
        "reporting.rebuild",
        "rebuild reporting's projections from the start of the log into fresh tables while the"
        " live ones serve, then swap them in",
    ),
    Tool(
        ("verify",),
        "noncoop_shared.audit.__main__",
        "check the log (and optionally each store): names the first event altered, removed,"
        " inserted or reordered, and every event not signed by its owner",
        lead=("verify",),
    ),
    Tool(
        ("keys", "generate"),
        "noncoop_shared.keys",
        "write fresh keys for a deployment (master key, signing keys, JWT pair) into a new"
        " directory",
        lead=("generate",),
    ),
    Tool(
        ("keys", "rewrap"),
        "noncoop_shared.privacy.__main__",
        "after a master key rotation: re-wrap every personal-data key with the new master key",
        lead=("rewrap",),
    ),
    Tool(
        ("audit", "bundle"),
        "reporting.bundle",
        "write one case's audit bundle (events, proofs, signed checkpoint) into a directory,"
        " checkable without this code",
    ),
)
"""Every command, in the order ``noncoop --help`` lists them."""
