"""``noncoop``: one command line that runs each operator tool exactly as its own ``python -m``
form does (same words, same exit status), and says plainly what each command is for."""

from __future__ import annotations

import argparse
import importlib
import os
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

from noncoop_shared.cli import TOOLS, Tool, build_parser, main

SHARED = Path(__file__).resolve().parents[2]
REPO = SHARED.parent


class Recorder:
    """Stands in for a tool's ``main``: keeps the argv it was given, returns ``status``."""

    def __init__(self, status: int | None = 0) -> None:
        self.status = status
        self.calls: list[list[str]] = []

    def __call__(self, argv: list[str]) -> int | None:
        self.calls.append(list(argv))
        return self.status


def replace_main(monkeypatch: pytest.MonkeyPatch, module: str, status: int | None = 0) -> Recorder:
    recorder = Recorder(status)
    monkeypatch.setattr(importlib.import_module(module), "main", recorder)
    return recorder


def fake_bundle_module(monkeypatch: pytest.MonkeyPatch, status: int = 0) -> Recorder:
    """``reporting.bundle`` as another branch writes it: a module with ``main(argv)``."""
    recorder = Recorder(status)
    module = ModuleType("reporting.bundle")
    module.main = recorder  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "reporting.bundle", module)
    return recorder


def test_the_help_lists_every_command_with_what_it_is_for_and_points_to_the_runbook(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    help_text = " ".join(capsys.readouterr().out.split())
    for tool in TOOLS:
        assert f"{tool.name} {' '.join(tool.summary.split())}" in help_text
    assert "docs/operations.md" in help_text
    assert "check the log (and optionally each store): names the first event altered" in help_text


def test_noncoop_alone_prints_the_help_on_stderr_and_exits_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main([]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "usage: noncoop <command>" in captured.err
    assert all(tool.words[-1] in captured.err for tool in TOOLS)


@pytest.mark.parametrize(
    ("argv", "module", "expected"),
    [
        (["token", "--role", "court", "--sub", "icc"], "noncoop_shared.auth.cli",
         ["--role", "court", "--sub", "icc"]),
        (["import", "case.json", "--wait", "5"], "noncoop_shared.imports.__main__",
         ["case.json", "--wait", "5"]),
        (["rebuild", "--projection", "all", "--workers", "2"], "reporting.rebuild",
         ["--projection", "all", "--workers", "2"]),
        (["verify", "--bootstrap-servers", "h:9092"], "noncoop_shared.audit.__main__",
         ["verify", "--bootstrap-servers", "h:9092"]),
        (["keys", "generate", "keys-dir", "--service", "bureau"], "noncoop_shared.keys",
         ["generate", "keys-dir", "--service", "bureau"]),
        (["keys", "rewrap"], "noncoop_shared.privacy.__main__", ["rewrap"]),
    ],
)  # fmt: skip
def test_each_command_hands_its_words_to_its_own_tool(
    monkeypatch: pytest.MonkeyPatch, argv: list[str], module: str, expected: list[str]
) -> None:
    recorder = replace_main(monkeypatch, module)
    assert main(argv) == 0
    assert recorder.calls == [expected]


def test_audit_bundle_hands_case_and_out_to_the_bundle_writer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    recorder = fake_bundle_module(monkeypatch)
    assert main(["audit", "bundle", "--case", "c-1", "--out", "bundle-dir"]) == 0
    assert recorder.calls == [["--case", "c-1", "--out", "bundle-dir"]]


def test_audit_bundle_without_the_bundle_writer_says_so_and_exits_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # None in sys.modules makes the import fail as for a module that does not exist.
    monkeypatch.setitem(sys.modules, "reporting.bundle", None)
    assert main(["audit", "bundle", "--case", "c-1", "--out", "bundle-dir"]) == 2
    assert capsys.readouterr().err == (
        "noncoop audit bundle: reporting.bundle is not in this installation's 'reporting'"
        " package, so this command cannot run here\n"
    )


def test_a_command_whose_service_package_is_not_installed_names_the_package(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # As rebuild on a machine with the library alone: the whole package is absent.
    tool = Tool(("rebuild",), "no_such_service_package.rebuild", "rebuild elsewhere")
    assert tool.run(["--projection", "all"]) == 2
    assert capsys.readouterr().err == (
        "noncoop rebuild: it needs the 'no_such_service_package' package, which is not"
        " installed here\n"
    )


def test_a_tool_missing_one_of_its_own_imports_fails_loudly_rather_than_as_not_installed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "broken_operator_tool.py").write_text("import no_such_dependency_anywhere\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ModuleNotFoundError, match="no_such_dependency_anywhere"):
        Tool(("broken",), "broken_operator_tool", "a tool whose dependency is gone").run([])


@pytest.mark.parametrize("status", [0, 1, 2, None])
def test_the_tools_exit_status_is_noncoops(monkeypatch: pytest.MonkeyPatch, status: int) -> None:
    replace_main(monkeypatch, "noncoop_shared.audit.__main__", status)
    assert main(["verify"]) == (status or 0)


def test_the_tools_own_usage_errors_exit_as_they_do_under_python_m(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["keys", "generate"])
    assert exited.value.code == 2
    assert "the following arguments are required: directory" in capsys.readouterr().err


@pytest.mark.parametrize("tool", TOOLS, ids=lambda tool: tool.name)
def test_every_commands_help_names_it_as_the_operator_types_it(
    tool: Tool, capsys: pytest.CaptureFixture[str]
) -> None:
    # The tools' own help, not a stand-in: each names itself by its ``python -m`` form.
    with pytest.raises(SystemExit) as exited:
        main([*tool.words, "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: noncoop {tool.name} "), out[:200]
    assert "python -m" not in out.split("\n\n")[0]
    # Only while the command runs: a parser made afterwards keeps its own name.
    assert argparse.ArgumentParser(prog="other").prog == "other"


def test_a_commands_usage_error_names_it_as_typed(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["keys", "generate"])
    assert "noncoop keys generate: error:" in capsys.readouterr().err


def test_under_python_m_a_tool_keeps_its_own_name(capsys: pytest.CaptureFixture[str]) -> None:
    from noncoop_shared import keys

    with pytest.raises(SystemExit):
        keys.main(["generate", "--help"])
    assert capsys.readouterr().out.startswith("usage: python -m noncoop_shared.keys generate")


def test_words_after_the_command_reach_the_tool_as_typed_even_when_they_look_like_noncoops(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    recorder = replace_main(monkeypatch, "reporting.rebuild")
    assert main(["rebuild", "--help", "--", "-h", "--projection=all"]) == 0
    assert recorder.calls == [["--help", "--", "-h", "--projection=all"]]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["rebiuld"], "invalid choice: 'rebiuld' (choose from 'token', 'import', 'rebuild'"),
        (["keys", "rotate"], "invalid choice: 'rotate' (choose from 'generate', 'rewrap')"),
        (["keys"], "the following arguments are required: <command>"),
        (["--projection", "all"], "the following arguments are required: <command>"),
    ],
)
def test_an_unknown_command_exits_2_naming_it_and_the_choices(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    assert message in capsys.readouterr().err


def test_a_groups_help_lists_its_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["keys", "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert "usage: noncoop keys <command>" in out
    assert "generate" in out
    assert "rewrap" in out


def test_every_command_has_a_route_in_the_parser() -> None:
    parser = build_parser()
    for tool in TOOLS:
        assert parser.parse_args(list(tool.words)).tool is tool


def test_the_console_script_in_the_librarys_pyproject_resolves_to_the_cli() -> None:
    with (SHARED / "pyproject.toml").open("rb") as file:
        scripts = tomllib.load(file)["project"]["scripts"]
    module, _, attribute = scripts["noncoop"].partition(":")
    target = getattr(importlib.import_module(module), attribute)
    assert callable(target)
    assert target is main


def test_python_m_runs_the_same_command_line() -> None:
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    alone = subprocess.run(
        [sys.executable, "-m", "noncoop_shared.cli"],
        capture_output=True, text=True, env=environment, check=False,
    )  # fmt: skip
    assert alone.returncode == 2
    assert "usage: noncoop <command>" in alone.stderr
    rebuild_help = subprocess.run(
        [sys.executable, "-m", "noncoop_shared.cli", "rebuild", "--help"],
        capture_output=True, text=True, env=environment, check=False,
    )  # fmt: skip
    assert rebuild_help.returncode == 0
    assert "--projection" in rebuild_help.stdout
    assert "Rebuild reporting projections" in rebuild_help.stdout


def test_the_runbook_shows_every_command() -> None:
    runbook = (REPO / "docs" / "operations.md").read_text(encoding="utf-8")
    for tool in TOOLS:
        assert f"noncoop {tool.name}" in runbook
