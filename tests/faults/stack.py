"""A private Kafka + PostgreSQL for the fault suite, through ``deploy/local/stack``.

The suite stops and starts its broker and its database mid-load, so it never touches the
shared instance (``.run/``, ports 19092/15432) other engineers and ``make test`` use: it runs
its own under ``.run/faults/`` on other ports (the stack's ``NONCOOP_STACK_*`` variables).
"""

from __future__ import annotations

import os
import shlex
import shutil
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from noncoop_shared.kafka import ADMIN, KafkaAccess

REPO = Path(__file__).resolve().parents[2]
STACK = REPO / "deploy" / "local" / "stack"

#: The JVM flags of the fault runs' brokers (NONCOOP_FAULTS_KAFKA_HEAP replaces them): a small
#: heap, and the quick compiler only (C1). On two cores shared with eight service processes and
#: the load, a killed broker started again spent 29 s before opening its port, most of it
#: waiting for CPU behind the C2 compilations of three JVMs; with C1 only, 6 s (the short
#: cluster run went from 173 s to 107 s). What the runs test (nothing lost, nothing duplicated,
#: failover) does not depend on how fast the broker's code was compiled.
FAULTS_BROKER_JVM = "-Xmx512m -XX:TieredStopAtLevel=1"

#: Variables that point ``stack`` at an existing instance: never inherited here, or ``up``
#: would check the shared instance instead of starting the private one.
_EXTERNAL = ("NONCOOP_KAFKA_BOOTSTRAP_SERVERS", "NONCOOP_POSTGRES_DSN")


def _is_shared_kafka_secret(name: str) -> bool:
    """The shared broker's CA and passwords (``stack env``): the private one has its own."""
    return name.startswith("NONCOOP_KAFKA_") or name.endswith("_KAFKA_PASSWORD")


def _exports(text: str) -> dict[str, str]:
    """``export NAME=value`` lines (values quoted by the shell's %q) as a mapping."""
    found: dict[str, str] = {}
    for line in text.splitlines():
        words = shlex.split(line)
        if len(words) == 2 and words[0] == "export" and "=" in words[1]:
            name, _, value = words[1].partition("=")
            found[name] = value
    return found


class StackError(RuntimeError):
    pass


class Infrastructure(Protocol):
    """What the services and checks of a fault run need of its Kafka and PostgreSQL."""

    @property
    def bootstrap_servers(self) -> str: ...

    @property
    def postgres_dsn(self) -> str: ...

    def client_env(self) -> dict[str, str]: ...

    def kafka_access(self) -> KafkaAccess: ...


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
            "NONCOOP_KAFKA_HEAP": os.environ.get("NONCOOP_FAULTS_KAFKA_HEAP", FAULTS_BROKER_JVM),
        }

    def client_env(self) -> dict[str, str]:
        """This process's environment, with the private broker's CA and passwords (as its
        ``stack env`` prints them) instead of the shared one's: for the services and tools the
        suite starts. The passwords are new after each ``clean``, so read afresh."""
        exports = _exports(self._run("env"))
        own = {name: value for name, value in exports.items() if _is_shared_kafka_secret(name)}
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
        """Stop it and delete its data, the services' logs with it: every run starts from an
        empty log, and a passing run leaves nothing behind."""
        self._run("clean")
        shutil.rmtree(self.run_dir, ignore_errors=True)


CLUSTER = REPO / "deploy" / "local" / "cluster"
#: First ports tried for a private cluster (node n at +100*(n-1), its controller +1): away from
#: the stack's 19092/19093, the cluster's default 29092... and tests/infra/test_cluster.py's.
_CLUSTER_BASE_PORTS = range(43092, 48092, 500)


def _bindable(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def free_cluster_base_port() -> int:
    for base in _CLUSTER_BASE_PORTS:
        if all(_bindable(base + 100 * n + offset) for n in range(3) for offset in (0, 1)):
            return base
    raise StackError(f"no six free ports for a private cluster from {_CLUSTER_BASE_PORTS}")


@dataclass(frozen=True)
class PrivateCluster:
    """Three secured KRaft brokers (``deploy/local/cluster``, replication 3, min.insync 2) and the
    stack's PostgreSQL alone, both private to one fault run: their own run dirs and ports. The
    cluster fault run kills brokers with SIGKILL; it never stops the database."""

    run_dir: Path
    base_port: int
    pg_port: int

    @property
    def database(self) -> PrivateStack:
        # Only its PostgreSQL is ever started (``up postgres``): the Kafka ports are unused.
        return PrivateStack(
            self.run_dir / "stack", kafka_port=0, controller_port=0, pg_port=self.pg_port
        )

    @property
    def bootstrap_servers(self) -> str:
        return ",".join(f"127.0.0.1:{self.base_port + 100 * n}" for n in range(3))

    @property
    def postgres_dsn(self) -> str:
        return self.database.postgres_dsn

    def env(self) -> dict[str, str]:
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in _EXTERNAL and not _is_shared_kafka_secret(k)
        }
        return env | {
            "NONCOOP_CLUSTER_RUN_DIR": str(self.run_dir / "cluster"),
            "NONCOOP_CLUSTER_BASE_PORT": str(self.base_port),
            "NONCOOP_CLUSTER_HEAP": os.environ.get("NONCOOP_FAULTS_KAFKA_HEAP", FAULTS_BROKER_JVM),
        }

    def client_env(self) -> dict[str, str]:
        """This process's environment with the cluster's addresses, CA, passwords and topic
        replication (``cluster env``) instead of the shared broker's."""
        own = _exports(self._run("env"))
        return {k: v for k, v in os.environ.items() if not _is_shared_kafka_secret(k)} | own

    def kafka_access(self) -> KafkaAccess:
        return KafkaAccess.from_environ(
            ADMIN, bootstrap_servers=self.bootstrap_servers, environ=self.client_env()
        )

    def _run(self, *args: str) -> str:
        done = subprocess.run(
            [str(CLUSTER), *args],
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if done.returncode != 0:
            raise StackError(f"cluster {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
        return done.stdout

    def up(self) -> None:
        self.database.up("postgres")
        self._run("up")

    def down(self) -> None:
        try:
            self._run("down")
        finally:
            self.database.down("postgres")

    def clean(self) -> None:
        try:
            self._run("clean")
        finally:
            self.database.clean()
            shutil.rmtree(self.run_dir, ignore_errors=True)  # the services' logs too

    def kill_broker(self, node: int) -> None:
        """kill -9 one node (broker and controller): a crash, nothing flushed."""
        self._run("kill", str(node))

    def start_broker(self, node: int) -> None:
        self._run("start", str(node))
