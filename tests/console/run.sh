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
work=$(mktemp -d "${TMPDIR:-/tmp}/switchboard-console-check.XXXXXX")
server_pid=""
cleanup() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

mkdir -p "$work/site"
for item in site.yaml content static templates; do
    [ -e "$root/$item" ] && cp -R "$root/$item" "$work/site/"
done
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

admin_token=$("$python" -c 'import secrets; print(secrets.token_hex(32))')

# Starts the server on a free port; 1 when it stopped before answering (the port taken between
# choosing and binding, say), 2 when it did not answer in 120 s.
start_server() {
    port=$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    base="http://127.0.0.1:$port"
    echo "console-check: serving a copy of the site and data on $base (log: $out/server.log)"
    SWITCHBOARD_ADMIN_TOKEN="$admin_token" "$bin" serve --site "$work/site" --data "$work/data" --host 127.0.0.1 --port "$port" \
        > "$out/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 240); do
        if "$python" -c "import urllib.request, sys; urllib.request.urlopen(sys.argv[1], timeout=1)" "$base/console/" 2>/dev/null; then
            return 0
        fi
        if ! kill -0 "$server_pid" 2>/dev/null; then
            code=0
            wait "$server_pid" || code=$?
            server_pid=""
            echo "console-check: the server stopped (exit status $code):" >&2
            cat "$out/server.log" >&2
            return 1
        fi
        sleep 0.5
    done
    echo "console-check: the server did not answer in 120 s" >&2
    return 2
}

started=1
for attempt in 1 2 3; do
    if start_server; then
        started=0
        break
    elif [ $? -eq 2 ]; then
        break
    fi
    echo "console-check: starting again (attempt $((attempt + 1)) of 3)" >&2
done
if [ "$started" -ne 0 ]; then
    echo "console-check: 0 passed, 1 failed"
    exit 1
fi

"$python" "$here/console_check.py" --base-url "$base" --admin-token "$admin_token" --out "$out"
