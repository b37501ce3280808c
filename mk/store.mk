# The data store's benchmark: durable appends against SQLite, start-up with 1M sends.
.PHONY: bench-store
bench-store:
	@scripts/apt-install.sh libsqlite3-0
	$(SWIFT) build -c release --product switchboard-bench-store
	$(SWIFT) run -c release --skip-build switchboard-bench-store .build/bench-store
