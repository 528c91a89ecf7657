"""``noncoop``'s own parser: it only chooses the command and writes the help.

The words that choose a command (one, or two for a group: ``keys generate``) are parsed here;
everything after them is handed to the command's tool untouched (``Tool.run``). Routing by
position rather than with ``argparse.REMAINDER`` keeps argparse from reading the tool's words:
``noncoop rebuild --help`` is the rebuild tool's help, and a tool's ``--`` or an option that
happens to look like one of ``noncoop``'s reaches it as typed.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Iterable, Sequence

from noncoop_shared.cli.tools import TOOLS, Tool

WIDTH = 100
EPILOG = """\
`noncoop <command> --help` shows that command's own options. Each command is the tool it was
before, with the same options, output and exit status (its `python -m` form still works). What
to run when (keys, rebuilds, verification, imports, rotations): docs/operations.md."""


def command_list(tools: Iterable[Tool], *, drop: int = 0) -> str:
    """One entry per command, its summary wrapped beside it; ``drop`` leading words omitted
    (a group's help names its commands without the group's word)."""
    rows = [(" ".join(t.words[drop:]), t.summary) for t in tools]
    column = max(len(name) for name, _ in rows) + 4
    lines: list[str] = []
    for name, summary in rows:
        wrapped = textwrap.wrap(summary, WIDTH - column) or [""]
        lines.append(f"  {name.ljust(column - 2)}{wrapped[0]}")
        lines.extend(" " * column + more for more in wrapped[1:])
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="noncoop",
        usage="noncoop <command> [<the command's options>]",
        description="The operator's commands for noncoop, in one place.\n\ncommands:\n"
        + command_list(TOOLS),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", metavar="<command>", help=argparse.SUPPRESS)
    commands.required = True
    groups: dict[str, argparse._SubParsersAction[argparse.ArgumentParser]] = {}
    for tool in TOOLS:
        if len(tool.words) == 1:
            # No help option of its own: the tool has one, and routing never gets here with it.
            commands.add_parser(tool.words[0], add_help=False).set_defaults(tool=tool)
            continue
        group, word = tool.words
        if group not in groups:
            members = [t for t in TOOLS if t.words[0] == group]
            group_parser = commands.add_parser(
                group,
                prog=f"noncoop {group}",
                usage=f"noncoop {group} <command> [<the command's options>]",
                description="commands:\n" + command_list(members, drop=1),
                epilog=EPILOG,
                formatter_class=argparse.RawDescriptionHelpFormatter,
            )
            groups[group] = group_parser.add_subparsers(
                dest=f"{group}_command", metavar="<command>", help=argparse.SUPPRESS
            )
            groups[group].required = True
        groups[group].add_parser(word, add_help=False).set_defaults(tool=tool)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command ``argv`` names (default: this process's arguments); its tool's exit
    status. With no command: the help, on standard error, and exit status 2."""
    words = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not words:
        parser.print_help(sys.stderr)
        return 2
    # The words that choose the command: two for a group (``keys generate``), else one.
    chosen = 2 if any(len(t.words) == 2 and t.words[0] == words[0] for t in TOOLS) else 1
    # Exits (status 2, with the usage and what was wrong) on an unknown command; prints the
    # help and exits 0 on --help before any command.
    namespace = parser.parse_args(words[:chosen])
    tool: Tool = namespace.tool
    return tool.run(words[chosen:])
