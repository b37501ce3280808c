# The developer console end to end (issue 6): headless Chromium (Debian's chromium and
# chromium-driver, driven by Selenium) against `switchboard serve` on loopback over a copy of
# the sample data. It shares the portal checks' virtual environment and apt packages.
CONSOLE_OUT ?= .console-check

.PHONY: console-check console-deps

## Signs up, logs in, applies, approves and tops up as the operator, sends a test SMS to
## `delivered`, downloads the bill's CSV, logs out; screenshots go to .console-check/screenshots/.
console-check: build console-deps
	@tests/console/run.sh "$(BIN)" "$(PORTAL_VENV)" "$(CONSOLE_OUT)"

console-deps: portal-deps
