"""requirements/runtime.lock, the image's lock (deploy/docker/Dockerfile): the services' runtime
dependencies only, and not stale relative to its input (requirements/runtime_inputs.py)."""

from __future__ import annotations

import re
import runpy
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
RUNTIME = ROOT / "requirements" / "runtime.lock"
INPUTS = runpy.run_path(str(ROOT / "requirements" / "runtime_inputs.py"))


def pins(lock: Path) -> dict[str, str]:
    found = re.findall(r"^([A-Za-z0-9_.\-]+)==([^ \\\n]+)", lock.read_text(), flags=re.MULTILINE)
    return {canonicalize_name(name): version for name, version in found}


def test_the_runtime_lock_holds_no_development_tool() -> None:
    runtime = pins(RUNTIME)
    # dev.in's tools, less what a service needs at run time too (httpx: the JWKS client).
    needed = {canonicalize_name(Requirement(r).name) for r in INPUTS["runtime_requirements"]()}
    development = {canonicalize_name(Requirement(line).name) for line in _dev_in()} - needed
    assert {"pytest", "ruff", "mypy", "confluent-kafka", "kubernetes-validate"} <= development
    assert not development & set(runtime), development & set(runtime)
    assert "aiokafka" in runtime and "fastapi" in runtime


def test_the_runtime_lock_is_not_stale() -> None:
    """Its first line is the digest of the requirements it was made from (`make lock`), and it
    pins every one of them, at the same version as the dev lock."""
    first = RUNTIME.read_text().splitlines()[0]
    assert first == f"# requirements/runtime_inputs.py --digest: {INPUTS['digest']()}", (
        "requirements/runtime.lock is stale: run `make lock`"
    )
    runtime, everything = pins(RUNTIME), pins(ROOT / "requirements" / "all.lock")
    for line in INPUTS["runtime_requirements"]():
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name in runtime, f"{line} is not in runtime.lock: run `make lock`"
        assert requirement.specifier.contains(runtime[name], prereleases=True), line
    for name, version in runtime.items():
        assert everything.get(name) == version, (name, version, everything.get(name))


def test_the_image_installs_the_runtime_lock() -> None:
    dockerfile = (ROOT / "deploy" / "docker" / "Dockerfile").read_text()
    assert "requirements/runtime.lock" in dockerfile and "all.lock" not in dockerfile
    ignore = (ROOT / "deploy" / "docker" / "Dockerfile.dockerignore").read_text()
    assert "!requirements/runtime.lock" in ignore


def test_the_image_compiles_what_it_installs() -> None:
    """The image sets PYTHONDONTWRITEBYTECODE, so a module not compiled at build time is compiled
    from source at every start of every process: each ``uv pip install`` compiles."""
    dockerfile = (ROOT / "deploy" / "docker" / "Dockerfile").read_text()
    installs = [line for line in dockerfile.splitlines() if "uv pip install" in line]
    assert "PYTHONDONTWRITEBYTECODE=1" in dockerfile and len(installs) == 2
    assert all("--compile-bytecode" in line for line in installs), installs


def _dev_in() -> list[str]:
    text = (ROOT / "requirements" / "dev.in").read_text()
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]
