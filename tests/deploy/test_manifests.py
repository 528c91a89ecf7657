"""The Kubernetes manifests, rendered and validated offline (ADR 0028).

deploy/k8s/base and deploy/k8s/overlays/production are rendered with the real kustomize (built by
`make install` into .run/tools), their Secrets' files filled with real keys from
``noncoop_shared.keys generate`` in a copy of the tree; every document is validated against the
Kubernetes JSON schemas (kubernetes-validate, strict: no unknown field) or, for the operators'
kinds, against the CRD schemas kept in deploy/k8s/crds/. A missing kustomize fails, never skips.
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import kubernetes_validate
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "k8s"
KUSTOMIZE = ROOT / ".run" / "tools" / "kustomize"
#: The Kubernetes version whose schemas the documents must satisfy.
KUBERNETES_VERSION = "1.34.0"
SERVICES = {
    "referrals": "REFERRALS",
    "good-offices": "GOOD_OFFICES",
    "bureau": "BUREAU",
    "reporting": "REPORTING",
}

# The files each kustomization's secretGenerator reads that `keys generate` does not make.
HAND_MADE = {
    "base": [
        "NONCOOP_KEYRING_URL",
        *(f"{p}_DATABASE_URL" for p in SERVICES.values()),
        "NONCOOP_KAFKA_ADMIN_PASSWORD",
        "NONCOOP_KAFKA_AUDITOR_PASSWORD",
        *(f"{p}_KAFKA_PASSWORD" for p in SERVICES.values()),
        "kafka-ca.pem",
        "CONSOLE_SESSION_KEY",
        "CONSOLE_OIDC_CLIENT_SECRET",
    ],
    "overlays/production": [
        *(f"POSTGRES_{p}_PASSWORD" for p in [*SERVICES.values(), "KEYRING"]),
        "prometheus-token",
        "NONCOOP_RETIRED_MASTER_KEYS",
    ],
}


def kustomize() -> Path:
    if not KUSTOMIZE.exists():
        pytest.fail(f"{KUSTOMIZE} is missing: run `make install` (it builds kustomize with Go)")
    return KUSTOMIZE


@cache
def filled_tree() -> Path:
    """A copy of deploy/k8s with every Secret's file filled: real keys, made-up URLs."""
    import atexit
    import tempfile

    folder = tempfile.mkdtemp(prefix="noncoop-k8s-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    tree = Path(folder) / "k8s"
    shutil.copytree(K8S, tree, ignore=shutil.ignore_patterns("crds"))
    secrets = tree / "base" / "secrets"
    subprocess.run(
        [sys.executable, "-m", "noncoop_shared.keys", "generate", str(secrets / "generated")],
        check=True,
        capture_output=True,
    )
    for made in (secrets / "generated").iterdir():
        made.rename(secrets / made.name)
    for folder, names in HAND_MADE.items():
        for name in names:
            value = "secret-" + name.lower()
            if name == "CONSOLE_SESSION_KEY":
                value = base64.urlsafe_b64encode(os.urandom(32)).decode()
            if name.endswith("_URL"):
                value = (
                    f"postgresql://{name.lower()}:pw@noncoop-postgres-rw:5432/db?sslmode=require"
                )
            (tree / folder / "secrets" / name).write_text(value)
    return tree


def render(folder: str, tree: Path | None = None) -> list[dict[str, Any]]:
    built = subprocess.run(
        [str(kustomize()), "build", str((tree or filled_tree()) / folder)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert built.returncode == 0, built.stderr
    return [d for d in yaml.safe_load_all(built.stdout) if d]


@cache
def crd_schemas() -> dict[tuple[str, str], dict[str, Any]]:
    """(apiVersion, kind) -> the openAPIV3Schema of every CRD kept in deploy/k8s/crds/."""
    schemas: dict[tuple[str, str], dict[str, Any]] = {}
    for path in sorted((K8S / "crds").rglob("*.yaml")):
        for crd in yaml.safe_load_all(path.read_text()):
            if not crd or crd.get("kind") != "CustomResourceDefinition":
                continue
            group, kind = crd["spec"]["group"], crd["spec"]["names"]["kind"]
            for version in crd["spec"]["versions"]:
                if version.get("served", True):
                    schema = version["schema"]["openAPIV3Schema"]
                    schemas[(f"{group}/{version['name']}", kind)] = schema
    return schemas


def validate(document: dict[str, Any]) -> None:
    """Raises on a document its schema refuses (or with no schema at all)."""
    key = (document.get("apiVersion", ""), document.get("kind", ""))
    if key in crd_schemas():
        # Not checked against the metaschema: Go regexes such as (?i) are not Python's.
        jsonschema.Draft7Validator(_strict(crd_schemas()[key])).validate(document)
        return
    kubernetes_validate.validate(document, KUBERNETES_VERSION, strict=True)


def _strict(schema: dict[str, Any]) -> dict[str, Any]:
    """A CRD schema as the API server prunes it: no field the schema does not declare (unless
    x-kubernetes-preserve-unknown-fields), and metadata left to the built-in validation."""
    if not isinstance(schema, dict):
        return schema
    out = {k: _strict(v) if isinstance(v, dict) else v for k, v in schema.items()}
    if "items" in out and isinstance(out["items"], dict):
        out["items"] = _strict(out["items"])
    if "properties" in schema:
        out["properties"] = {k: _strict(v) for k, v in schema["properties"].items()}
        if "metadata" in out["properties"]:
            out["properties"]["metadata"] = {"type": "object"}
        if not schema.get("x-kubernetes-preserve-unknown-fields") and (
            "additionalProperties" not in schema
        ):
            out["additionalProperties"] = False
    for combinator in ("allOf", "anyOf", "oneOf"):
        if combinator in out:
            out[combinator] = [_strict(s) for s in out[combinator]]
    return out


@pytest.fixture(scope="module", params=["base", "overlays/production"])
def rendered(request: pytest.FixtureRequest) -> tuple[str, list[dict[str, Any]]]:
    return request.param, render(request.param)


def test_every_rendered_document_satisfies_its_schema(
    rendered: tuple[str, list[dict[str, Any]]],
) -> None:
    folder, documents = rendered
    problems = []
    for document in documents:
        try:
            validate(document)
        except Exception as error:  # every refusal is collected and shown
            name = f"{document.get('kind')}/{document.get('metadata', {}).get('name')}"
            problems.append(f"{folder} {name}: {str(error)[:600]}")
    assert not problems, "\n".join(problems)
    assert len(documents) > 30, len(documents)


def test_a_broken_document_is_refused() -> None:
    """The control: the validation is not "accept anything"."""
    deployment = next(d for d in render("base") if d["kind"] == "Deployment")
    broken = yaml.safe_load(yaml.safe_dump(deployment))
    broken["spec"]["replicas"] = "two"
    with pytest.raises(kubernetes_validate.ValidationError):
        validate(broken)
    unknown = yaml.safe_load(yaml.safe_dump(deployment))
    unknown["spec"]["template"]["spec"]["containers"][0]["imagePullPolcy"] = "Always"
    with pytest.raises(kubernetes_validate.ValidationError):
        validate(unknown)
    [topic, *_] = [d for d in render("overlays/production") if d["kind"] == "KafkaTopic"]
    topic["spec"]["partitions"] = "twelve"
    with pytest.raises(jsonschema.ValidationError):
        validate(topic)
    topic["spec"]["partitions"], topic["spec"]["replica"] = 12, 3
    with pytest.raises(jsonschema.ValidationError):
        validate(topic)
    with pytest.raises(kubernetes_validate.SchemaNotFoundError):
        validate({"apiVersion": "example.org/v1", "kind": "Nothing", "metadata": {"name": "x"}})


def test_a_missing_secret_file_stops_the_render(tmp_path: Path) -> None:
    tree = tmp_path / "k8s"
    shutil.copytree(filled_tree(), tree)
    (tree / "base" / "secrets" / "NONCOOP_MASTER_KEY").unlink()
    built = subprocess.run(
        [str(kustomize()), "build", str(tree / "base")], capture_output=True, text=True
    )
    assert built.returncode != 0 and "NONCOOP_MASTER_KEY" in built.stderr, built.stderr


def environment_of(documents: list[dict[str, Any]], container: dict[str, Any]) -> dict[str, str]:
    """What a container gets from its envFrom and env (values of Secrets base64-decoded)."""
    import base64

    by_name = {(d["kind"], d["metadata"]["name"]): d for d in documents}
    environment: dict[str, str] = {}
    for source in container.get("envFrom", []):
        if "configMapRef" in source:
            environment.update(by_name[("ConfigMap", source["configMapRef"]["name"])]["data"])
        else:
            secret = by_name[("Secret", source["secretRef"]["name"])]
            environment.update(
                {k: base64.b64decode(v).decode() for k, v in secret.get("data", {}).items()}
            )
    for variable in container.get("env", []):
        if "value" in variable:
            environment[variable["name"]] = variable["value"]
    return environment


@pytest.mark.parametrize("folder", ["base", "overlays/production"])
def test_every_service_gets_every_key_it_requires_in_production(folder: str) -> None:
    """Each Deployment's rendered environment passes the service's own settings with
    NONCOOP_ENV=production: no key missing, none a development one (ADR 0020)."""
    import importlib

    documents = render(folder)
    deployments = {d["metadata"]["name"]: d for d in documents if d["kind"] == "Deployment"}
    assert set(deployments) == {*SERVICES, "console"}
    for name, prefix in SERVICES.items():
        deployment = deployments[name]
        assert deployment["spec"]["replicas"] >= 2, name
        [container] = deployment["spec"]["template"]["spec"]["containers"]
        for probe in ("readinessProbe", "livenessProbe", "startupProbe"):
            assert probe in container, (name, probe)
        environment = environment_of(documents, container)
        assert environment["NONCOOP_ENV"] == "production"
        assert environment[f"{prefix}_KAFKA_PASSWORD"], name
        package = name.replace("-", "_")
        module = importlib.import_module(f"{package}.settings")
        [settings_class] = [
            v
            for k, v in vars(module).items()
            if k.endswith("Settings") and getattr(v, "__module__", "") == module.__name__
        ]
        with pytest.MonkeyPatch.context() as patch:
            for variable in list(__import__("os").environ):
                if variable.startswith(("NONCOOP_", f"{prefix}_")):
                    patch.delenv(variable)
            for variable, value in environment.items():
                patch.setenv(variable, value)
            settings = settings_class()
        assert settings.environment == "production", name
        kinds = {d["kind"] for d in documents}
        for kind in ("HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy"):
            assert any(d["kind"] == kind and d["metadata"]["name"] == name for d in documents), (
                name,
                kind,
                kinds,
            )


@pytest.mark.parametrize("folder", ["base", "overlays/production"])
def test_the_console_starts_in_production_and_reaches_the_four_services_only(
    folder: str,
) -> None:
    """The console (console.yaml): its rendered environment passes its own settings in
    production (session key, OpenID Connect, the services' token key); it holds no key of the
    log, no database and no Kafka; its policy lets in HTTP on 8105 and out DNS, the four
    services' pods and HTTPS (the identity provider) only."""
    from console.settings import ConsoleSettings

    documents = render(folder)
    [deployment] = [
        d for d in documents if d["kind"] == "Deployment" and d["metadata"]["name"] == "console"
    ]
    assert deployment["spec"]["replicas"] >= 2
    [container] = deployment["spec"]["template"]["spec"]["containers"]
    assert container["image"] == "noncoop/console:0.1.0"
    assert container["ports"] == [{"name": "http", "containerPort": 8105}]
    for probe in ("readinessProbe", "livenessProbe", "startupProbe"):
        assert container[probe]["httpGet"]["path"].startswith("/health/"), probe
    environment = environment_of(documents, container)
    by_name = {(d["kind"], d["metadata"]["name"]): d for d in documents}
    [key_ref] = [v for v in container["env"] if v["name"] == "NONCOOP_JWT_PUBLIC_KEY"]
    secret_key = key_ref["valueFrom"]["secretKeyRef"]
    assert secret_key == {"name": "noncoop-keys", "key": "NONCOOP_JWT_PUBLIC_KEY"}
    environment["NONCOOP_JWT_PUBLIC_KEY"] = base64.b64decode(
        by_name[("Secret", "noncoop-keys")]["data"]["NONCOOP_JWT_PUBLIC_KEY"]
    ).decode()
    for forbidden in ("NONCOOP_MASTER_KEY", "NONCOOP_KEYRING_URL", "NONCOOP_EVENT_SIGNING_KEY"):
        assert forbidden not in environment, forbidden
    assert not any(v.endswith(("_DATABASE_URL", "_KAFKA_PASSWORD")) for v in environment)
    # No Kafka CA either (the overlay swaps it in for the services' Deployments only).
    assert [v["name"] for v in deployment["spec"]["template"]["spec"]["volumes"]] == ["tmp"]
    with pytest.MonkeyPatch.context() as patch:
        for variable in list(os.environ):
            if variable.startswith(("NONCOOP_", "CONSOLE_")):
                patch.delenv(variable)
        for variable, value in environment.items():
            patch.setenv(variable, value)
        settings = ConsoleSettings()
    assert settings.environment == "production" and settings.oidc_enabled
    assert settings.session_key is not None and settings.jwt_algorithm == "RS256"
    services = {n: f"http://{n}" for n in ("referrals", "good-offices", "bureau", "reporting")}
    assert set(settings.service_urls().values()) == set(services.values())
    for name in services:
        assert ("Service", name) in by_name, name  # the host names resolve to Services
    for kind in ("Service", "HorizontalPodAutoscaler", "PodDisruptionBudget"):
        assert (kind, "console") in by_name, kind
    policy = by_name[("NetworkPolicy", "console")]["spec"]
    assert policy["podSelector"] == {"matchLabels": {"app.kubernetes.io/name": "console"}}
    assert policy["ingress"] == [{"ports": [{"port": 8105, "protocol": "TCP"}]}]
    egress = policy["egress"]
    dns = [{"port": 53, "protocol": "UDP"}, {"port": 53, "protocol": "TCP"}]
    [to_services] = [rule for rule in egress if "to" in rule]
    [selector] = to_services["to"]
    [expression] = selector["podSelector"]["matchExpressions"]
    assert expression["key"] == "app.kubernetes.io/name" and expression["operator"] == "In"
    assert set(expression["values"]) == set(services)
    assert to_services["ports"] == [{"port": "http", "protocol": "TCP"}]
    # Everything else the console may reach: DNS, and HTTPS for the identity provider.
    assert [rule["ports"] for rule in egress if "to" not in rule] == [
        dns,
        [{"port": 443, "protocol": "TCP"}],
    ]
    # The services' pods name their port http, and let it in from the cluster.
    for name in services:
        [service_container] = by_name[("Deployment", name)]["spec"]["template"]["spec"][
            "containers"
        ]
        assert service_container["ports"][0]["name"] == "http", name


def test_compose_runs_the_console_as_the_manifests_do() -> None:
    """docker-compose.yml's console: the same shared settings and port as the Deployment, and
    each service's URL names that compose service on its own port."""
    from urllib.parse import urlsplit

    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    console = compose["services"]["console"]
    documents = render("base")
    by_name = {(d["kind"], d["metadata"]["name"]): d for d in documents}
    shared = by_name[("ConfigMap", "noncoop-shared")]["data"]
    [container] = by_name[("Deployment", "console")]["spec"]["template"]["spec"]["containers"]
    environment = console["environment"]
    for variable in ("NONCOOP_ENV", "NONCOOP_JWT_ALGORITHM"):
        assert environment[variable] == shared[variable], variable
    assert environment["CONSOLE_PORT"] == container["ports"][0]["containerPort"]
    for service in ("referrals", "good_offices", "bureau", "reporting"):
        url = urlsplit(environment[f"CONSOLE_{service.upper()}_URL"])
        assert url.hostname == service, service
        assert url.port == compose["services"][service]["environment"][f"{service.upper()}_PORT"]
        assert console["depends_on"][service] == {"condition": "service_healthy"}
    assert console["build"]["args"] == {"SERVICE": "console"}


def test_the_overlay_runs_kafka_and_postgres_through_their_operators() -> None:
    documents = render("overlays/production")
    kinds = [d["kind"] for d in documents]
    [kafka] = [d for d in documents if d["kind"] == "Kafka"]
    assert kafka["metadata"]["annotations"]["strimzi.io/kraft"] == "enabled"
    [pool] = [d for d in documents if d["kind"] == "KafkaNodePool"]
    assert pool["spec"]["replicas"] == 3 and set(pool["spec"]["roles"]) == {"controller", "broker"}
    topics = {d["spec"]["topicName"]: d["spec"] for d in documents if d["kind"] == "KafkaTopic"}
    assert set(topics) == {"noncoop.events.v1", "noncoop.events.v1.dlq"}
    for spec in topics.values():
        assert spec["replicas"] == 3
        assert spec["config"]["min.insync.replicas"] == 2
        assert spec["config"]["retention.ms"] == -1
    users = {d["metadata"]["name"]: d["spec"] for d in documents if d["kind"] == "KafkaUser"}
    assert set(users) == {*SERVICES, "auditor"}
    for name, spec in users.items():
        assert spec["authentication"]["type"] == "scram-sha-512"
        granted = {
            (a["resource"]["type"], a["resource"]["name"], a["resource"]["patternType"], op)
            for a in spec["authorization"]["acls"]
            for op in a["operations"]
        }
        # deploy/local/stack's table (ADR 0019).
        wanted = {("topic", "noncoop.events.", "prefix", op) for op in ("Read", "Describe")}
        if name != "auditor":
            wanted |= {
                ("topic", "noncoop.events.", "prefix", op) for op in ("Write", "DescribeConfigs")
            }
            wanted |= {("group", f"{name}-", "prefix", op) for op in ("Read", "Describe")}
        assert granted == wanted, name
    assert "Cluster" in kinds and "kafka-setup" not in {
        d["metadata"]["name"] for d in documents if d["kind"] == "Job"
    }
    assert kinds.count("ServiceMonitor") == len(SERVICES)
    commands = {
        d["metadata"]["name"]: d["spec"]["template"]["spec"]["containers"][0]["command"]
        for d in documents
        if d["kind"] == "Job"
    }
    assert commands["reporting-rebuild"][:3] == ["python", "-m", "reporting.rebuild"]
    assert commands["audit-verify"][:4] == ["python", "-m", "noncoop_shared.audit", "verify"]
    assert commands["keyring-rewrap"] == ["python", "-m", "noncoop_shared.privacy", "rewrap"]


def test_the_jobs_commands_are_accepted_by_the_real_command_lines() -> None:
    """Each Job's arguments parse with the CLI it runs (``--help`` after them: no side effect)."""
    documents = render("overlays/production")
    for job in (d for d in documents if d["kind"] == "Job"):
        command = job["spec"]["template"]["spec"]["containers"][0]["command"]
        arguments = [re.sub(r"\$\((\w+)\)", "placeholder", a) for a in command[1:]]
        ran = subprocess.run(
            [sys.executable, *arguments, "--help"], capture_output=True, text=True, timeout=60
        )
        assert ran.returncode == 0, (job["metadata"]["name"], ran.stderr[-2000:])


def alert_table() -> dict[str, str]:
    """alert -> expression, from docs/operations.md's table of alerts."""
    text = (ROOT / "docs" / "operations.md").read_text()
    rows = re.findall(r"^\| `(Noncoop\w+)` \| `(.+?)` \|", text, flags=re.MULTILINE)
    return {name: expression.replace("\\|", "|") for name, expression in rows}


def test_the_prometheus_rule_is_the_alert_table_of_operations_md() -> None:
    documents = render("overlays/production")
    [rule] = [d for d in documents if d["kind"] == "PrometheusRule"]
    rules = {r["alert"]: r["expr"] for group in rule["spec"]["groups"] for r in group["rules"]}
    table = alert_table()
    assert len(table) >= 6, table
    assert rules == table
