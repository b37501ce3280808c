.PHONY: portal-check
portal-check:
	@echo "portal checks: not yet written" && false
