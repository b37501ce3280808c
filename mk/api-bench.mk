# API benchmark (issue 5): the release server under wrk on loopback, nginx as the reference
# for the static page. Knobs (bench/api/README.md): BENCH_DURATION, BENCH_SENDS,
# BENCH_FILL_SECONDS, and BENCH_MILLION=1 to also start the server on a 1,000,000-send folder.
BENCH_API_APT_PACKAGES := wrk nginx-light python3 curl
BENCH_SENDS ?= 100000
BENCH_FILL_SECONDS ?= 120
BENCH_DURATION ?= 15
BENCH_MILLION ?= 1
BENCH_MILLION_DIR ?= .build/bench-api/million

.PHONY: bench-api bench-api-deps

bench-api-deps:
	@scripts/apt-install.sh $(BENCH_API_APT_PACKAGES)

## Serves a fresh copy of the sample site and drives GET /prices/, GET /v1/prices and
## POST /v1/sms with wrk (64 connections), nginx serving the same page as the reference.
bench-api: deps bench-api-deps
	$(SWIFT) build -c release --product switchboard
ifeq ($(BENCH_MILLION),1)
	$(SWIFT) build -c release --product switchboard-bench-store
	@test -f $(BENCH_MILLION_DIR)/VERSION || .build/release/switchboard-bench-store generate $(BENCH_MILLION_DIR)
	@# As a server that has been running keeps it: past months' bills closed (idempotent).
	.build/release/switchboard jobs run --site . --data $(BENCH_MILLION_DIR) >/dev/null
	@BENCH_SENDS=$(BENCH_SENDS) BENCH_FILL_SECONDS=$(BENCH_FILL_SECONDS) BENCH_DURATION=$(BENCH_DURATION) \
		BENCH_MILLION_DIR=$(BENCH_MILLION_DIR) bench/api/run.sh
else
	@BENCH_SENDS=$(BENCH_SENDS) BENCH_FILL_SECONDS=$(BENCH_FILL_SECONDS) BENCH_DURATION=$(BENCH_DURATION) bench/api/run.sh
endif
