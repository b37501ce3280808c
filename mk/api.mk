# API contract check: fuzzes the JSON API of a freshly started `switchboard serve` with
# Schemathesis against its own OpenAPI 3.1 document (no 5xx; statuses, content types and
# bodies as documented). Python tools go into the virtual environment $(API_VENV).
API_PYTHON ?= /usr/bin/python3
API_VENV := .venv/api
API_OUT ?= .api-check
API_APT_PACKAGES := python3 python3-venv

.PHONY: api-check api-deps api-apt

## Builds, serves a temporary copy of the site and data folder on a free loopback port, and
## fuzzes /v1 (reports and the server's log go to .api-check/). API_CHECK_EXAMPLES=n per operation (100).
api-check: build api-deps
	@tests/api/run.sh "$(BIN)" "$(API_VENV)" "$(API_OUT)"

api-deps: api-apt $(API_VENV)/.installed

api-apt:
	@scripts/apt-install.sh $(API_APT_PACKAGES)

$(API_VENV)/.installed: tests/api/requirements.txt | api-apt
	@test -x $(API_VENV)/bin/python || $(API_PYTHON) -m venv $(API_VENV)
	$(API_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r tests/api/requirements.txt
	@touch $@
