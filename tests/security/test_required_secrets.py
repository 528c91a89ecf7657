"""Secrets required outside development (finding, High: "Production configuration weakens
everything"; docs/architecture.md §8; ADR 0020).

The finding: compose and the Kubernetes manifests set no master key, no shared keyring and no
checkpoint signing key; each replica signed checkpoints with a throw-away key, and an erasure on
referrals left good offices' copy of a name readable (each service had its own keyring).

So: a real service started with ``NONCOOP_ENV=production`` and a missing or development key
refuses to start, naming the variable (each key in turn); and the deployment files give every
service the production environment, the one keyring and its master key, and its own signing key.
"""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from noncoop_shared.audit import generate_signing_key
from noncoop_shared.privacy.keyring import DEVELOPMENT_MASTER_KEY
from noncoop_shared.signing import EventSigner, development_seed, public_key_text
from reporting.settings import DEVELOPMENT_CHECKPOINT_SEED

ROOT = Path(__file__).resolve().parents[2]
SERVICES = {"referrals": "REFERRALS", "good_offices": "GOOD_OFFICES", "bureau": "BUREAU"}
SERVICES["reporting"] = "REPORTING"
REFUSAL = "refuses to start with missing or development keys"


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def rsa_public_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def production_environment(service: str) -> dict[str, str]:
    """What a production deployment gives ``service``: every key real (nothing reachable: the
    service must not get as far as connecting to say no)."""
    prefix = SERVICES[service]
    seed = os.urandom(32)
    return {
        "PATH": os.environ["PATH"],
        "NONCOOP_ENV": "production",
        f"{prefix}_DATABASE_URL": "postgresql://nobody@127.0.0.1:9/none",
        f"{prefix}_KAFKA_BOOTSTRAP_SERVERS": "127.0.0.1:9",
        "NONCOOP_JWT_ALGORITHM": "RS256",
        "NONCOOP_JWT_PUBLIC_KEY": rsa_public_pem(),
        "NONCOOP_MASTER_KEY": b64(os.urandom(32)),
        "NONCOOP_KEYRING_URL": "postgresql://nobody@127.0.0.1:9/keyring",
        "NONCOOP_EVENT_SIGNING_KEY": b64(seed),
        "NONCOOP_EVENT_SIGNING_PUBLIC_KEYS": public_key_text(
            service, EventSigner(service, seed).public_key
        ),
        "REPORTING_SIGNING_KEY_PEM": generate_signing_key()[0].decode(),
    }


def start(service: str, environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``python -m <service>``, as `make run`, compose and the manifests start it."""
    return subprocess.run(
        [sys.executable, "-m", service],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )


def development_trust_store() -> str:
    return ",".join(
        public_key_text(name, EventSigner.development(name).public_key) for name in SERVICES
    )


# variable -> how a deployment gets it wrong (None: unset)
WEAKENED: dict[str, tuple[str, dict[str, str | None]]] = {
    "jwt HS256": (
        "NONCOOP_JWT_ALGORITHM",
        {"NONCOOP_JWT_ALGORITHM": "HS256", "NONCOOP_JWT_SECRET": b64(os.urandom(48))},
    ),
    "master key unset": ("NONCOOP_MASTER_KEY", {"NONCOOP_MASTER_KEY": None}),
    "master key development": (
        "NONCOOP_MASTER_KEY",
        {"NONCOOP_MASTER_KEY": b64(DEVELOPMENT_MASTER_KEY)},
    ),
    "keyring per service": ("NONCOOP_KEYRING_URL", {"NONCOOP_KEYRING_URL": None}),
    "event key unset": (
        "EVENT_SIGNING_KEY",
        {"NONCOOP_EVENT_SIGNING_KEY": None, "NONCOOP_EVENT_SIGNING_PUBLIC_KEYS": None},
    ),
    "event key development": (
        "EVENT_SIGNING_KEY",
        {
            "NONCOOP_EVENT_SIGNING_KEY": b64(development_seed("referrals")),
            "NONCOOP_EVENT_SIGNING_PUBLIC_KEYS": development_trust_store(),
        },
    ),
}


@pytest.mark.parametrize("weakness", list(WEAKENED))
def test_a_service_in_production_refuses_to_start_on_a_missing_or_development_key(
    weakness: str,
) -> None:
    variable, changes = WEAKENED[weakness]
    environment = production_environment("referrals")
    for name, value in changes.items():
        if value is None:
            environment.pop(name)
        else:
            environment[name] = value
    started = start("referrals", environment)
    assert started.returncode == 2 and "Traceback" not in started.stderr, started.stderr[-3000:]
    assert REFUSAL in started.stderr, started.stderr[-3000:]
    refusal = started.stderr[started.stderr.index(REFUSAL) :]
    assert variable in refusal, refusal


@pytest.mark.parametrize("weakness", ["unset", "development"])
def test_reporting_in_production_refuses_a_throw_away_or_development_checkpoint_key(
    weakness: str,
) -> None:
    environment = production_environment("reporting")
    if weakness == "unset":
        environment.pop("REPORTING_SIGNING_KEY_PEM")
    else:
        development = serialization.load_der_private_key(
            _ed25519_der(DEVELOPMENT_CHECKPOINT_SEED), password=None
        )
        environment["REPORTING_SIGNING_KEY_PEM"] = development.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode()
    started = start("reporting", environment)
    assert started.returncode == 2 and "Traceback" not in started.stderr, started.stderr[-3000:]
    assert REFUSAL in started.stderr, started.stderr[-3000:]
    assert "REPORTING_SIGNING_KEY_PEM" in started.stderr[started.stderr.index(REFUSAL) :]


def test_with_every_key_real_the_service_gets_past_its_settings() -> None:
    """The control is not "refuse always": with real keys the service starts, and fails only
    later, on the database nobody runs at 127.0.0.1:9."""
    started = start("referrals", production_environment("referrals"))
    output = started.stdout + started.stderr
    assert REFUSAL not in output, output[-3000:]
    assert "Connect call failed ('127.0.0.1', 9)" in output, output[-3000:]


def _ed25519_der(seed: bytes) -> bytes:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.from_private_bytes(seed).private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


# --- the deployment files -------------------------------------------------------------------


def compose_environments() -> dict[str, dict[str, Any]]:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return {name: compose["services"][name]["environment"] for name in SERVICES}


def k8s_documents() -> list[dict[str, Any]]:
    """The base's documents (tests/deploy/test_manifests.py renders base and overlay with
    kustomize and checks each service's environment against its settings)."""
    documents: list[dict[str, Any]] = []
    for path in sorted((ROOT / "deploy" / "k8s" / "base").glob("*.yaml")):
        documents.extend(d for d in yaml.safe_load_all(path.read_text()) if d)
    return documents


def test_compose_gives_every_service_production_one_keyring_and_its_own_signing_key() -> None:
    environments = compose_environments()
    for name, environment in environments.items():
        assert environment.get("NONCOOP_ENV") == "production", name
        assert environment.get("NONCOOP_JWT_ALGORITHM") == "RS256", name
        assert "NONCOOP_JWT_SECRET" not in environment, name
        for variable in ("NONCOOP_MASTER_KEY", "NONCOOP_EVENT_SIGNING_PUBLIC_KEYS"):
            assert environment.get(variable, "").startswith(f"${{{variable}:?"), (name, variable)
        own_key = f"${{{SERVICES[name]}_EVENT_SIGNING_KEY:?"
        assert str(environment.get("NONCOOP_EVENT_SIGNING_KEY", "")).startswith(own_key), name
    keyrings = {str(env.get("NONCOOP_KEYRING_URL")) for env in environments.values()}
    assert len(keyrings) == 1 and keyrings != {"None"}, keyrings
    reporting = str(environments["reporting"].get("REPORTING_SIGNING_KEY_PEM", ""))
    assert reporting.startswith("${REPORTING_SIGNING_KEY_PEM:?"), reporting
    initdb = (ROOT / "deploy/docker/initdb/01-databases.sql").read_text()
    assert f"CREATE DATABASE {keyrings.pop().rsplit('/', 1)[1]};" in initdb


def test_k8s_gives_every_service_production_the_shared_keys_and_its_own_signing_secret() -> None:
    documents = k8s_documents()
    # The services' shared settings (kafka-setup is the broker's own ConfigMap).
    [config] = [
        d
        for d in documents
        if d["kind"] == "ConfigMap" and d["metadata"]["name"] == "noncoop-shared"
    ]
    assert config["data"]["NONCOOP_ENV"] == "production"
    assert config["data"]["NONCOOP_JWT_ALGORITHM"] == "RS256"
    deployments = {d["metadata"]["name"]: d for d in documents if d["kind"] == "Deployment"}
    # The console holds no key of the log (tests/deploy/test_manifests.py checks its own).
    assert deployments.pop("console")["spec"]["template"]["spec"]["containers"][0]["envFrom"]
    assert set(deployments) == {name.replace("_", "-") for name in SERVICES}
    for name, deployment in deployments.items():
        [container] = deployment["spec"]["template"]["spec"]["containers"]
        sources = container["envFrom"]
        config_maps = {s["configMapRef"]["name"] for s in sources if "configMapRef" in s}
        secrets = [s["secretRef"] for s in sources if "secretRef" in s]
        assert config["metadata"]["name"] in config_maps, name
        # Every service: the one Secret with the keyring URL, master key and trust store, and
        # its own signing Secret; none of them optional (no start without them).
        assert {"name": "noncoop-keys"} in secrets, name
        assert {"name": f"{name}-signing"} in secrets, name
        assert not any(s.get("optional") for s in secrets), name
    # The Secrets are generated from files outside git: the shared one holds the keyring URL,
    # the master key, the trust store and the JWT public key.
    kustomization = yaml.safe_load((ROOT / "deploy/k8s/base/kustomization.yaml").read_text())
    generated = {g["name"]: g["files"] for g in kustomization["secretGenerator"]}
    keys = {entry.split("=", 1)[0] for entry in generated["noncoop-keys"]}
    assert {"NONCOOP_MASTER_KEY", "NONCOOP_KEYRING_URL", "NONCOOP_JWT_PUBLIC_KEY"} <= keys, keys
    for name in deployments:
        assert generated[f"{name}-signing"][0].startswith("NONCOOP_EVENT_SIGNING_KEY="), name
    documented = (ROOT / "deploy" / "k8s" / "base" / "secrets" / "README.md").read_text()
    for variable in ("NONCOOP_MASTER_KEY", "NONCOOP_KEYRING_URL", "REPORTING_SIGNING_KEY_PEM"):
        assert variable in documented, variable


ONE_BROKER = {"NONCOOP_TOPIC_REPLICATION_FACTOR": "1", "NONCOOP_TOPIC_MIN_INSYNC_REPLICAS": "1"}


def test_compose_has_the_settings_of_the_k8s_config_map() -> None:
    """The same shared settings in both (the bootstrap servers differ by nature: compose names
    its broker per service, <NAME>_KAFKA_BOOTSTRAP_SERVERS; and compose runs one broker, so its
    topics have one replica and min.insync.replicas 1, which the services check them against)."""
    [config] = [
        d
        for d in k8s_documents()
        if d["kind"] == "ConfigMap" and d["metadata"]["name"] == "noncoop-shared"
    ]
    for name, environment in compose_environments().items():
        for variable, value in config["data"].items():
            if variable == "NONCOOP_KAFKA_BOOTSTRAP_SERVERS":
                continue
            if variable in ONE_BROKER:
                assert str(environment.get(variable)) == ONE_BROKER[variable], (name, variable)
                continue
            assert str(environment.get(variable)) == value, (name, variable)
