"""A private Kafka + PostgreSQL for the fault suite, through ``deploy/local/stack``.

The suite stops and starts its broker and its database mid-load, so it never touches the
shared instance (``.run/``, ports 19092/15432) other engineers and ``make test`` use: it runs
its own under ``.run/faults/`` on other ports (the stack's ``NONCOOP_STACK_*`` variables).
"""

from __future__ import annotations

import os
import shlex
import subprocess
from dataclasses import dataclass
from pathlib import Path

from noncoop_shared.kafka import ADMIN, KafkaAccess

REPO = Path(__file__).resolve().parents[2]
STACK = REPO / "deploy" / "local" / "stack"

#: Variables that point ``stack`` at an existing instance: never inherited here, or ``up``
#: would check the shared instance instead of starting the private one.
_EXTERNAL = ("NONCOOP_KAFKA_BOOTSTRAP_SERVERS", "NONCOOP_POSTGRES_DSN")


def _is_shared_kafka_secret(name: str) -> bool:
    """The shared broker's CA and passwords (``stack env``): the private one has its own."""
    return name.startswith("NONCOOP_KAFKA_") or name.endswith("_KAFKA_PASSWORD")


class StackError(RuntimeError):
    pass


@dataclass(frozen=True)
class PrivateStack:
    run_dir: Path
    kafka_port: int = 29092
    controller_port: int = 29093
    pg_port: int = 25432

    @property
    def bootstrap_servers(self) -> str:
        return f"127.0.0.1:{self.kafka_port}"

    @property
    def postgres_dsn(self) -> str:
        return f"postgresql://noncoop@127.0.0.1:{self.pg_port}/postgres"

    def env(self) -> dict[str, str]:
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in _EXTERNAL and not _is_shared_kafka_secret(k)
        }
        return env | {
            "NONCOOP_STACK_RUN_DIR": str(self.run_dir),
            "NONCOOP_STACK_KAFKA_PORT": str(self.kafka_port),
            "NONCOOP_STACK_CONTROLLER_PORT": str(self.controller_port),
            "NONCOOP_STACK_PG_PORT": str(self.pg_port),
            # Two brokers on a 2-core machine: the private one needs little.
            "NONCOOP_KAFKA_HEAP": os.environ.get("NONCOOP_FAULTS_KAFKA_HEAP", "-Xmx512m"),
        }

    def client_env(self) -> dict[str, str]:
        """This process's environment, with the private broker's CA and passwords (as its
        ``stack env`` prints them) instead of the shared one's: for the services and tools the
        suite starts. The passwords are new after each ``clean``, so read afresh."""
        exports = self._run("env")
        own: dict[str, str] = {}
        for line in exports.splitlines():
            words = shlex.split(line)
            if len(words) == 2 and words[0] == "export" and "=" in words[1]:
                name, _, value = words[1].partition("=")
                if _is_shared_kafka_secret(name):
                    own[name] = value
        return {k: v for k, v in os.environ.items() if not _is_shared_kafka_secret(k)} | own

    def kafka_access(self) -> KafkaAccess:
        """The private broker as admin, for the suite's own reads."""
        return KafkaAccess.from_environ(
            ADMIN, bootstrap_servers=self.bootstrap_servers, environ=self.client_env()
        )

    def _run(self, *args: str) -> str:
        done = subprocess.run(
            [str(STACK), *args],
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if done.returncode != 0:
            raise StackError(f"stack {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
        return done.stdout

    def up(self, component: str = "") -> None:
        self._run("up", *([component] if component else []))

    def down(self, component: str = "") -> None:
        self._run("down", *([component] if component else []))

    def clean(self) -> None:
        """Stop it and delete its data: every run starts from an empty log."""
        self._run("clean")
