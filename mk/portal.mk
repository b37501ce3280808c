# Portal checks over the rendered site in public/: HTML and CSS validity (Nu checker),
# links, accessibility (axe-core, light and dark mode) and phone width.
# Everything installs itself: apt packages via scripts/apt-install.sh, Python tools into
# the virtual environment $(PORTAL_VENV); Chromium and chromedriver are Debian's.
PORTAL_ROOT ?= public
PORTAL_OUT ?= .portal-check
PORTAL_PYTHON ?= /usr/bin/python3
PORTAL_VENV := .venv/portal
PORTAL_APT_PACKAGES := python3 python3-venv default-jre-headless chromium chromium-driver \
	fonts-dejavu-core linkchecker

.PHONY: portal-check portal-check-only portal-deps portal-apt

## Renders the site, then runs every portal check against public/
## (screenshots of the home page at phone width go to .portal-check/).
portal-check: site portal-deps
	@tests/portal/run.sh "$(PORTAL_ROOT)" "$(PORTAL_OUT)" "$(PORTAL_VENV)"

## The same checks against a folder rendered already: make portal-check-only PORTAL_ROOT=dir
portal-check-only: portal-deps
	@tests/portal/run.sh "$(PORTAL_ROOT)" "$(PORTAL_OUT)" "$(PORTAL_VENV)"

portal-deps: portal-apt $(PORTAL_VENV)/.installed

portal-apt:
	@scripts/apt-install.sh $(PORTAL_APT_PACKAGES)

$(PORTAL_VENV)/.installed: tests/portal/requirements.txt | portal-apt
	@test -x $(PORTAL_VENV)/bin/python || $(PORTAL_PYTHON) -m venv $(PORTAL_VENV)
	$(PORTAL_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r tests/portal/requirements.txt
	@touch $@
