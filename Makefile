# Ignition OS. `make run` starts the app; `make test` runs every test.
# Tools the project needs are installed on first use: PostgreSQL and Chromium
# from the OS packages, sqlc into a cache folder, Playwright's driver from npm.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

CACHE      ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/ignition
SQLC_VER   := v1.31.1
SQLC       := $(CACHE)/sqlc-$(SQLC_VER)/sqlc
DEX_VER    := v2.45.1
DEX        := $(CACHE)/dex-$(DEX_VER)/dex
VGW_VER    := v1.8.0
VERSITYGW  := $(CACHE)/versitygw-$(VGW_VER)/versitygw
NEO4J_VER  := 5.26.12
NEO4J_DIR  := $(CACHE)/neo4j-$(NEO4J_VER)
PW_VER     := 1.52.0
AXE_VER    := 4.10.3
E2E_DIR    := $(CURDIR)/.e2e
BIN        := $(CURDIR)/bin/ignition
GO_TEST_FLAGS ?=
NEO4J_RUN  := $(filter 1 yes true,$(NEO4J))

export PLAYWRIGHT_DRIVER_PATH := $(E2E_DIR)/driver
export IGNITION_AXE_JS := $(E2E_DIR)/npm/node_modules/axe-core/axe.min.js
export IGNITION_DEX := $(DEX)
export IGNITION_VERSITYGW := $(VERSITYGW)
export IGNITION_NEO4J_HOME := $(NEO4J_DIR)

.PHONY: help run build db test test-fast island-test island-deps versitygw check-generate vet staticcheck generate bench e2e-deps chromium dex neo4j java vendor-htmx clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

run: build versitygw $(if $(NEO4J_RUN),neo4j) ## start the app on http://localhost:8080 (local Postgres and object store unless DATABASE_URL / IGNITION_S3_ENDPOINT are set; NEO4J=1 adds Neo4j)
	@if [ -z "$${DATABASE_URL:-}" ]; then export DATABASE_URL=$$(scripts/postgres.sh ignition); fi; \
	if [ -z "$${IGNITION_S3_ENDPOINT:-}" ]; then s3=$$(scripts/s3.sh) && export $$s3; fi; \
	if [ -n "$(NEO4J_RUN)" ] && [ -z "$${IGNITION_NEO4J_URL:-}" ]; then export IGNITION_NEO4J_URL=$$(scripts/neo4j.sh); fi; \
	export IGNITION_ENV=$${IGNITION_ENV:-development}; \
	exec $(BIN) serve # it migrates and seeds on start

build: ## build bin/ignition
	go build -trimpath -o $(BIN) ./app/cmd/ignition

db: ## create and start the local Postgres cluster
	@scripts/postgres.sh ignition

test: check-generate vet staticcheck island-test e2e-deps dex versitygw neo4j ## run every check and test, with the race detector
	@export TEST_DATABASE_URL=$$(scripts/postgres.sh postgres); \
	go test -count=1 -timeout 25m -race -parallel 6 $(GO_TEST_FLAGS) ./...

island-test: ## the encryption island's tests (Node's test runner, WebCrypto)
	node --test e2ee-js/test/

test-fast: vet island-test versitygw ## the inner loop: every test but the browser, Dex and Neo4j ones (CI runs make test)
	@export TEST_DATABASE_URL=$$(scripts/postgres.sh postgres); \
	go test -count=1 -tags fast -parallel 6 $(GO_TEST_FLAGS) ./...

vet:
	go vet ./...

staticcheck:
	go tool staticcheck ./...

generate: $(SQLC) island-deps ## regenerate sqlc, templ and the island bundle
	$(SQLC) generate
	go tool templ generate -log-level error
	node e2ee-js/build.mjs
	go run ./tools/chime > assets/audio/chime.wav
	go run ./tools/icons assets/icons

island-deps: e2ee-js/node_modules/.installed ## install the island's pinned build tool (esbuild) from its lockfile

e2ee-js/node_modules/.installed: e2ee-js/package-lock.json
	npm ci --prefix e2ee-js --no-audit --no-fund --ignore-scripts --loglevel error >/dev/null
	touch $@

check-generate: generate ## fail when the committed generated code is stale
	@if [ -n "$$(git status --porcelain -- app/store/db views assets/js assets/audio assets/icons)" ]; then \
		git status --porcelain -- app/store/db views assets/js assets/audio assets/icons; \
		echo "generated code is stale: run 'make generate' and commit" >&2; exit 1; fi

bench: build neo4j ## measure every page against the floor request and /healthz; print the table, write .bench/last.json
	@command -v wrk >/dev/null || { \
		if [ "$$(id -u)" -ne 0 ]; then echo "wrk is missing. Install it with: sudo apt-get install -y wrk" >&2; exit 1; fi; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	@psql -q "$$(scripts/postgres.sh postgres)" -c 'DROP DATABASE IF EXISTS ignition_bench WITH (FORCE)'; \
	export DATABASE_URL=$$(scripts/postgres.sh ignition_bench); \
	go run ./app/cmd/ignition-bench -bin $(BIN)

$(SQLC):
	GOBIN=$(dir $(SQLC)) go install github.com/sqlc-dev/sqlc/cmd/sqlc@$(SQLC_VER)

versitygw: $(VERSITYGW) ## build the S3-compatible object store (versitygw) that make run and the tests start

$(VERSITYGW): # the version is in the path: a new version builds anew
	GOBIN=$(dir $(VERSITYGW)) go install github.com/versity/versitygw/cmd/versitygw@$(VGW_VER)

dex: $(DEX) ## build the Dex OpenID Connect provider the sign-in tests run

$(DEX): # the version is in the path: a new version builds anew
	cd tools/dex && CGO_ENABLED=0 go build -o $(DEX) github.com/dexidp/dex/cmd/dex

chromium:
	@command -v chromium >/dev/null || { \
		if [ "$$(id -u)" -ne 0 ]; then echo "Chromium is missing. Install it with: sudo apt-get install -y chromium" >&2; exit 1; fi; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

e2e-deps: chromium ## install the browser-test driver (Playwright core, axe-core)
	@if [ "$$($(E2E_DIR)/driver/node $(E2E_DIR)/driver/package/cli.js --version 2>/dev/null)" != "Version $(PW_VER)" ] \
		|| [ ! -f $(IGNITION_AXE_JS) ] || ! grep -q '"$(AXE_VER)"' $(E2E_DIR)/npm/node_modules/axe-core/package.json; then \
		npm install --prefix $(E2E_DIR)/npm --no-audit --no-fund --ignore-scripts --save-exact --loglevel error \
			playwright-core@$(PW_VER) axe-core@$(AXE_VER) >/dev/null; \
		mkdir -p $(E2E_DIR)/driver; \
		ln -sfn "$$(command -v node)" $(E2E_DIR)/driver/node; \
		ln -sfn $(E2E_DIR)/npm/node_modules/playwright-core $(E2E_DIR)/driver/package; \
	fi

java:
	@command -v mvn >/dev/null && command -v java >/dev/null || { \
		if [ "$$(id -u)" -ne 0 ]; then echo "Java 17 and Maven are missing. Install them with: sudo apt-get install -y openjdk-17-jdk-headless maven" >&2; exit 1; fi; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jdk-headless maven >/dev/null; }

neo4j: $(NEO4J_DIR)/launcher.jar ## build the Neo4j Community server the ranking tests run

$(NEO4J_DIR)/launcher.jar: | java
	cd tools/neo4j && mvn -q -B package -DskipTests
	rm -rf $(NEO4J_DIR) && mkdir -p $(NEO4J_DIR)
	cp -r tools/neo4j/target/lib $(NEO4J_DIR)/lib
	cp tools/neo4j/target/neo4j-launcher-$(NEO4J_VER).jar $(NEO4J_DIR)/launcher.jar

vendor-htmx: ## re-vendor htmx from npm (integrity-checked)
	scripts/vendor-htmx.sh

clean: ## remove build output
	rm -rf bin .e2e/artifacts
