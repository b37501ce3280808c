# Switchboard: `make run` and `make test` do all the set-up on a fresh Debian machine.
SWIFT ?= swift
HOST ?= 127.0.0.1
PORT ?= 8080
APT_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config zlib1g-dev
BIN := .build/debug/switchboard

.PHONY: deps build site run test unit-test check clean

deps:
	@scripts/apt-install.sh $(APT_PACKAGES)

build: deps
	$(SWIFT) build

## Renders the sample content/ into public/.
site: build
	$(BIN) build

## Renders the sample site and serves it on http://$(HOST):$(PORT).
run: build
	$(BIN) serve --host $(HOST) --port $(PORT)

## Checks the sample content and the sample data folder.
check: build
	$(BIN) check
	$(BIN) check --data data

unit-test: deps
	$(SWIFT) test

## Every test: Swift unit and integration tests, the portal checks, the console in a browser, then the API contract check.
test: unit-test portal-check console-check api-check

clean:
	rm -rf .build public

# Further targets (benchmarks, portal checks) live in one file each.
include mk/*.mk
