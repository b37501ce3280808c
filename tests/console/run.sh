#!/usr/bin/env bash
# make console-check: the developer console end to end in headless Chromium.
#   tests/console/run.sh SWITCHBOARD_BINARY VENV OUTPUT_DIR
# Starts `switchboard serve` on a free loopback port over a copy of the site and of the sample
# data folder (bcryptCost 4 so that sign-up and log-in are quick; the carrier simulator set to
# deliver every SMS, so that the test SMS ends `delivered` whatever the seed draws; a random
# SWITCHBOARD_ADMIN_TOKEN), waits for it, then runs tests/console/console_check.py against it.
# Screenshots go to OUTPUT_DIR/screenshots/, the server's log to OUTPUT_DIR/server.log.
set -euo pipefail

bin=$(realpath "$1")
venv=$(realpath "$2")
out=$3
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
python="$venv/bin/python"

for tool in /usr/bin/chromium /usr/bin/chromedriver "$python"; do
    if [ ! -x "$tool" ]; then
        echo "console-check: $tool is missing: no browser, no test. Run 'make console-deps' (Debian's chromium and chromium-driver)." >&2
        echo "console-check: 0 passed, 1 failed"
        exit 1
    fi
done

mkdir -p "$out"
out=$(realpath "$out")
# shellcheck source=../lib/server.sh
. "$root/tests/lib/server.sh"
server_setup console-check "$python"
copy_site "$root" "$work/site"
cp -R "$root/data" "$work/data"
"$python" - "$root/operator.yaml" "$work/site/operator.yaml" <<'PY'
import re, sys
source, target = sys.argv[1], sys.argv[2]
try:
    text = open(source, encoding="utf-8").read()
except FileNotFoundError:
    text = ""
changes = {"deliveryRate": "1.0", "failureRate": "0.0", "delayMilliseconds": "300"}
text = re.sub(r"^bcryptCost:.*$", "bcryptCost: 4", text, flags=re.M)
if not re.search(r"^bcryptCost:", text, re.M):
    text += "\nbcryptCost: 4\n"
if not re.search(r"^carrier:", text, re.M):
    text += "\ncarrier:\n"
for key, value in changes.items():
    pattern = re.compile(rf"^(\s+){key}:.*$", re.M)
    if pattern.search(text):
        text = pattern.sub(rf"\g<1>{key}: {value}", text)
    else:
        text = re.sub(r"^carrier:.*$", f"carrier:\n  {key}: {value}", text, count=1, flags=re.M)
open(target, "w", encoding="utf-8").write(text)
PY

if ! start_server "$bin" "$work/site" "$work/data" "$out/server.log" /console/; then
    echo "console-check: 0 passed, 1 failed"
    exit 1
fi

"$python" "$here/console_check.py" --base-url "$base" --admin-token "$admin_token" --out "$out"
