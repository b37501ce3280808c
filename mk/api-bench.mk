# API benchmark (issue 6): the release server under wrk on loopback, nginx as the reference
# for the static page. Knobs: BENCH_DURATION, BENCH_SENDS, BENCH_MILLION=1, … (bench/api/README.md).
BENCH_API_APT_PACKAGES := wrk nginx-light python3 curl
BENCH_SENDS ?= 100000
BENCH_DURATION ?= 15

.PHONY: bench-api bench-api-deps

bench-api-deps:
	@scripts/apt-install.sh $(BENCH_API_APT_PACKAGES)

## Serves a fresh copy of the sample site and drives GET /prices/, GET /v1/prices and
## POST /v1/sms with wrk (64 connections), nginx serving the same page as the reference.
bench-api: deps bench-api-deps
	$(SWIFT) build -c release --product switchboard
	@BENCH_SENDS=$(BENCH_SENDS) BENCH_DURATION=$(BENCH_DURATION) bench/api/run.sh
