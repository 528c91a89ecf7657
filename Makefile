# noncoop: the commands a developer and CI use. `make` alone lists them.
SHELL := bash
# One shell per recipe (so `eval` of the stack's env reaches pytest), stopping at the first error.
.ONESHELL:
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-builtin-rules --no-print-directory

PYTHON ?= python3.11
UV_VERSION := 0.13.9
VENV := .venv
BIN := $(VENV)/bin
STACK := deploy/local/stack
# Every service folder with a pyproject (referrals today; good_offices, bureau, reporting later).
SERVICES := $(patsubst services/%/pyproject.toml,%,$(wildcard services/*/pyproject.toml))
PYPROJECTS := shared/pyproject.toml $(wildcard services/*/pyproject.toml) clients/python/pyproject.toml
STAMP := $(VENV)/.installed
LOCK := requirements/all.lock
# pytest-xdist workers of `make test` (ADR 0044).
TEST_WORKERS ?= 2
# The image's lock: the services' runtime dependencies only (no test, lint or benchmark tool).
RUNTIME_LOCK := requirements/runtime.lock
# kustomize, built from its Go module into .run/tools (tests/deploy renders the manifests with it).
KUSTOMIZE_VERSION := v5.7.1
TOOLS := .run/tools
KUSTOMIZE := $(TOOLS)/kustomize-$(KUSTOMIZE_VERSION)
# Loads the stack's addresses (or keeps those already in the environment).
STACK_ENV = eval "$$($(STACK) env)"

.PHONY: help install tools browser k8s lock stack-up stack-down cluster-smoke run unit test fuzz faults faults-cluster lint types check bench demo audit-bundle console-screenshots contracts token clean

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-14s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

install: $(STAMP) ## create .venv from requirements/all.lock plus the local packages (editable)

tools: $(KUSTOMIZE) browser ## kustomize, for the manifests' tests (needs Go 1.22.7 or later), and Chromium

# The console's browser tests drive Debian's Chromium through Debian's chromedriver (never a
# downloaded browser build): installed with apt-get when missing.
browser: ## Debian's chromium and chromium-driver, for the console's browser tests
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then exit 0; fi
	command -v apt-get >/dev/null || { echo "make browser: no apt-get: install Chromium and its chromedriver (/usr/bin/chromium, /usr/bin/chromedriver) with your system's packages" >&2; exit 1; }
	sudo=; [ "$$(id -u)" -eq 0 ] || sudo=sudo
	$$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq chromium chromium-driver \
	  || { echo "make browser: apt-get could not install chromium chromium-driver (root or sudo needed)" >&2; exit 1; }

# The tests' one prerequisite beyond Python, Java and Maven: kustomize comes from its Go module
# (ADR 0028). `make run` does not need it.
$(KUSTOMIZE):
	@command -v go >/dev/null || { echo "make tools: Go is missing: it builds kustomize for the manifests' tests (ADR 0028); install Go 1.22.7 or later" >&2; exit 1; }
	mkdir -p $(TOOLS)
	GOBIN=$(abspath $(TOOLS))/gobin GOFLAGS=-buildvcs=false go install sigs.k8s.io/kustomize/kustomize/v5@$(KUSTOMIZE_VERSION)
	mv $(TOOLS)/gobin/kustomize $@
	ln -sf $(notdir $@) $(TOOLS)/kustomize

k8s: install tools ## render the Kubernetes base and production overlay and validate them (tests/deploy)
	$(BIN)/pytest -q -p no:cacheprovider tests/deploy

# Redone only when the lock or a pyproject changes; a second `make install` is instant.
$(STAMP): $(LOCK) $(PYPROJECTS)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	# Bytecode compiled once here (uv does not by default): with PYTHONDONTWRITEBYTECODE set, as on
	# our machines and in the image, every process would otherwise compile each module it imports
	# from source at each start (about 1.3 s of CPU for a service, a rebuild's worker, a CLI).
	$(BIN)/uv pip sync --quiet --compile-bytecode --python $(BIN)/python $(LOCK)
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e shared $(addprefix -e services/,$(SERVICES)) -e clients/python
	touch $@

lock: ## regenerate requirements/all.lock (dev) and requirements/runtime.lock (the image's), pinned, with hashes
	@test -x $(BIN)/uv || $(MAKE) install
	# The services' own third-party deps join on stdin (noncoop-shared is local, on no index).
	for p in $(wildcard services/*/pyproject.toml); do
	  $(BIN)/python -c 'import sys, tomllib; [print(d) for d in tomllib.load(open(sys.argv[1], "rb"))["project"].get("dependencies", []) if not d.startswith("noncoop-")]' "$$p"
	done | $(BIN)/uv pip compile --quiet --generate-hashes --python-version 3.11 --no-header \
	  shared/pyproject.toml requirements/dev.in - -o $(LOCK)
	# The runtime lock: the same resolution (all.lock as constraints), without dev.in.
	$(BIN)/python requirements/runtime_inputs.py | $(BIN)/uv pip compile --quiet --generate-hashes \
	  --python-version 3.11 --no-header -c $(LOCK) - -o $(RUNTIME_LOCK)
	{ echo "# requirements/runtime_inputs.py --digest: $$($(BIN)/python requirements/runtime_inputs.py --digest)"; \
	  grep -v '^# requirements/runtime_inputs.py --digest' $(RUNTIME_LOCK); } > $(RUNTIME_LOCK).new
	mv $(RUNTIME_LOCK).new $(RUNTIME_LOCK)

stack-up: ## start Kafka and PostgreSQL locally (no Docker), create the topics
	$(STACK) up

stack-down: ## stop the local Kafka and PostgreSQL
	$(STACK) down

# Its own cluster in a temporary run dir, on ports of its own: the shared stack is untouched.
cluster-smoke: install ## the local three-broker cluster's own tests, two brokers killed included
	$(BIN)/pytest -q -p no:cacheprovider tests/infra/test_cluster.py

run: install ## start the stack and every service; Ctrl-C stops it all
	# 130 = stopped by Ctrl-C, 143 = by SIGTERM: the normal ways out.
	deploy/local/run || { status=$$?; [ $$status -eq 130 ] || [ $$status -eq 143 ]; }

# No stack: the addresses are unset, and the root conftest fails (never starts the stack) for a
# test that asks for infrastructure without being marked integration or e2e.
unit: install ## every test that needs no infrastructure (domain, application on the in-memory store, library): no Kafka, no PostgreSQL
	env -u NONCOOP_KAFKA_BOOTSTRAP_SERVERS -u NONCOOP_POSTGRES_DSN NONCOOP_NO_INFRASTRUCTURE=1 \
	  $(BIN)/pytest -q -p no:cacheprovider -m "not integration and not e2e"

test: install tools ## the whole test suite against a real Kafka and PostgreSQL
	$(STACK) up
	$(STACK_ENV)
	# pytest's exit 5 (no test collected) is non-zero, so it fails here too. The slow tests
	# have their own target (cluster-smoke). First the fault runs, alone on the machine as they
	# are measured (each starts its own brokers, database and services); then the rest on two
	# workers (TEST_WORKERS=0: all in this process): a test waits on the log and the database
	# more than it computes (ADR 0044).
	$(BIN)/pytest -m "not slow" --durations=5 tests/faults
	$(BIN)/pytest -m "not slow" -n $(TEST_WORKERS) --durations=25 --ignore=tests/faults

# The suite runs a few examples per endpoint; this runs many (NONCOOP_FUZZ_EXAMPLES=n to choose).
fuzz: install ## fuzz every endpoint of every service from its OpenAPI, long (100 examples per endpoint and mode)
	$(STACK) up
	$(STACK_ENV)
	NONCOOP_FUZZ_EXAMPLES=$${NONCOOP_FUZZ_EXAMPLES:-100} $(BIN)/pytest -q -p no:cacheprovider tests/system/test_fuzz_openapi.py

# Its own Kafka and PostgreSQL under .run/faults/ (it restarts them): the shared stack is untouched.
faults: install ## the fault suite: kills, broker/database restarts, redelivery under load (docs/faults.md)
	$(BIN)/python tests/faults/run.py

# Its own three-broker cluster and PostgreSQL under .run/faults/: the shared stack is untouched.
faults-cluster: install ## three brokers, two replicas of every service: brokers and replicas killed under load (docs/faults.md)
	$(BIN)/python tests/faults/run_cluster.py

lint: install ## ruff check + ruff format --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: install ## mypy (strict) on the library, the services and the benchmarks
	$(BIN)/mypy shared/src $(wildcard services/*/src) tools
	MYPYPATH=bench $(BIN)/mypy bench

check: ## what CI runs: lint, types, test
	$(MAKE) lint
	$(MAKE) types
	$(MAKE) test

bench: install ## the benchmarks (bench/run.py)
	@test -f bench/run.py || { echo "make bench: there is no bench/run.py yet" >&2; exit 1; }
	$(STACK) up
	$(STACK_ENV)
	$(BIN)/python bench/run.py

# Only through the services' HTTP APIs; they must be running (`make run` in another terminal).
demo: install ## load an invented scenario (7(b) -> 7(a), P14a-g, information only) into `make run`'s services
	@for s in referrals:8101 good_offices:8102 bureau:8103 reporting:8104; do
	  curl -fs -o /dev/null --max-time 3 "http://127.0.0.1:$${s#*:}/health/ready" || {
	    echo "make demo: $${s%%:*} is not ready on 127.0.0.1:$${s#*:}; start the services first with 'make run' in another terminal" >&2
	    exit 1
	  }
	done
	NONCOOP_JWT_SECRET=$${NONCOOP_JWT_SECRET:-$$(cat .run/jwt-secret 2>/dev/null || true)}
	[ -n "$$NONCOOP_JWT_SECRET" ] || { echo "make demo: no NONCOOP_JWT_SECRET and no .run/jwt-secret (make run creates it)" >&2; exit 1; }
	export NONCOOP_JWT_SECRET
	$(BIN)/python deploy/demo/demo.py

# Reads what `make run` left: reporting's database and the log on the local stack.
audit-bundle: install ## write one case's audit bundle from `make run`'s system and check it (CASE=<case id> [OUT=<dir>])
	[ -n "$(CASE)" ] || { echo "make audit-bundle: say which case: make audit-bundle CASE=<case id> [OUT=<dir>]" >&2; exit 1; }
	$(STACK_ENV)
	out="$(or $(OUT),audit-bundle-$(CASE))"
	NONCOOP_JWT_SECRET=$${NONCOOP_JWT_SECRET:-$$(cat .run/jwt-secret 2>/dev/null || true)} \
	REPORTING_DATABASE_URL="$${NONCOOP_POSTGRES_DSN%/*}/noncoop_reporting" \
	REPORTING_KAFKA_BOOTSTRAP_SERVERS="$$NONCOOP_KAFKA_BOOTSTRAP_SERVERS" \
	  $(BIN)/noncoop audit bundle --case "$(CASE)" --out "$$out"
	# The verifier needs only Python and `cryptography`: an auditor runs it anywhere.
	$(BIN)/python tools/verify_bundle.py "$$out"

console-screenshots: install tools ## retake docs/console/*.png (the console's browser test, run against the local stack)
	$(STACK) up
	$(STACK_ENV)
	NONCOOP_CONSOLE_SCREENSHOTS=$(abspath docs/console) $(BIN)/pytest -q -p no:cacheprovider services/console/tests/browser

contracts: install ## regenerate contracts/ from the event catalogue and the apps, then clients/python/
	$(BIN)/python -m noncoop_shared.contracts.generate
	$(BIN)/python -m noncoop_shared.contracts.clients

token: install ## print a dev JWT (ROLE=court SUB=icc-registry by default)
	@NONCOOP_JWT_SECRET=$${NONCOOP_JWT_SECRET:-$$(cat .run/jwt-secret 2>/dev/null || true)}
	[ -n "$$NONCOOP_JWT_SECRET" ] || { echo "make token: no NONCOOP_JWT_SECRET and no .run/jwt-secret (make run creates it)" >&2; exit 1; }
	export NONCOOP_JWT_SECRET
	$(BIN)/noncoop token --role $(or $(ROLE),court) --sub $(or $(SUB),icc-registry)

clean: ## stop the stack and delete .run/ (all local data)
	$(STACK) clean
