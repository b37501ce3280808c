# Build benchmark (issue 2): switchboard build vs Hugo on 10,000 generated announcements.
BENCH_COUNT ?= 10000
BENCH_RUNS ?= 3
BENCH_APT_PACKAGES := hugo time python3

.PHONY: bench-build bench-build-deps

bench-build-deps:
	@scripts/apt-install.sh $(BENCH_APT_PACKAGES)

## Generates the benchmark site into bench/out/ and compares switchboard build with Hugo.
bench-build: deps bench-build-deps
	@BENCH_COUNT=$(BENCH_COUNT) BENCH_RUNS=$(BENCH_RUNS) SWIFT=$(SWIFT) bench/build/run.sh
