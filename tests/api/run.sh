#!/usr/bin/env bash
# make api-check: starts `switchboard serve` on a free loopback port over a temporary data
# folder and a temporary copy of the site (bcryptCost 4, so thousands of registrations and
# logins stay fast), then fuzzes every /v1 operation with Schemathesis against the API's own
# OpenAPI document (Sources/SwitchboardSite/Theme/static/api/openapi.json), checking:
#   not_a_server_error            no 5xx, ever
#   status_code_conformance       every status is one the document declares for the operation
#   content_type_conformance      JSON where the document says JSON
#   response_schema_conformance   bodies match the documented shapes (fields, types, patterns)
# First every example in the document is checked against its schema (check_examples.py).
# Runs, each with the authentication its operations take:
#   1. anonymous   register, log in, agreement, prices
#   2. API key     every developer operation with an API key (sk_live_…): key management
#                  must answer 403
#   3. session     the same with a login session (sess_…)
#   4. operator    /v1/admin/* with the admin token
#   5. ending      log out and report compromise, which end the session, last
# Usage: tests/api/run.sh SWITCHBOARD_BINARY VENV OUTPUT_DIR
# Environment: API_CHECK_EXAMPLES (examples per operation, default 100), API_CHECK_SEED (1).
set -euo pipefail

bin=$(realpath "$1")
venv=$(realpath "$2")
out=$3
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
document="$root/Sources/SwitchboardSite/Theme/static/api/openapi.json"
examples=${API_CHECK_EXAMPLES:-100}
seed=${API_CHECK_SEED:-1}
export API_CHECK_SEED=$seed

mkdir -p "$out"
out=$(realpath "$out")
"$venv/bin/python" "$here/check_examples.py" "$document"
# shellcheck source=../lib/server.sh
. "$root/tests/lib/server.sh"
server_setup api-check "$venv/bin/python"
# A copy of the site: its content and settings, not its data or rendered portal.
copy_site "$root" "$work/site"
if [ -f "$root/operator.yaml" ]; then
    sed -E 's/^bcryptCost:.*/bcryptCost: 4/' "$root/operator.yaml" > "$work/site/operator.yaml"
fi
grep -q '^bcryptCost:' "$work/site/operator.yaml" 2>/dev/null || echo 'bcryptCost: 4' >> "$work/site/operator.yaml"

start_server "$bin" "$work/site" "$work/data" "$out/server.log" /v1/prices || exit 1

eval "$("$venv/bin/python" "$here/prepare.py" "$base" "$admin_token")"
export API_CHECK_ACCOUNT_ID API_CHECK_KEY_ID
export SCHEMATHESIS_HOOKS="$here/hooks.py"

# Schemathesis keeps a cache in its working folder; keep it with the reports.
cd "$out"
checks=not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance
status=0
run() {
    local name=$1
    shift
    echo
    echo "=== api-check: $name"
    "$venv/bin/schemathesis" run "$document" --url "$base" \
        --checks "$checks" --phases examples,coverage,fuzzing \
        --max-examples "$examples" --seed "$seed" --workers 2 --request-timeout 20 \
        --suppress-health-check all --no-color \
        --report junit --report-junit-path "$out/$name.xml" \
        "$@" || status=1
}

run anonymous --include-operation-id register --include-operation-id logIn \
    --include-operation-id getAgreement --include-operation-id getPrices
# The API key run comes before the session run: Schemathesis reuses ids it sees in answers, so
# the session run revokes every key that GET /v1/api-keys lists, the key of this run included.
run api-key -H "Authorization: Bearer $API_CHECK_API_KEY" \
    --exclude-path-regex '^/v1/admin/' --exclude-operation-id logOut --exclude-operation-id reportCompromise \
    --exclude-operation-id register --exclude-operation-id logIn
run session -H "Authorization: Bearer $API_CHECK_SESSION" \
    --exclude-path-regex '^/v1/admin/' --exclude-operation-id logOut --exclude-operation-id reportCompromise \
    --exclude-operation-id register --exclude-operation-id logIn
run ending -H "Authorization: Bearer $API_CHECK_SESSION" \
    --include-operation-id logOut --include-operation-id reportCompromise
run operator -H "Authorization: Bearer $admin_token" --include-path-regex '^/v1/admin/'

if grep -E '\b(error|critical)\b.* 5[0-9][0-9] ' "$out/server.log" > "$out/server-errors.log"; then
    echo "api-check: the server logged 5xx answers, see $out/server-errors.log" >&2
else
    rm -f "$out/server-errors.log"
fi
echo
if [ "$status" -eq 0 ]; then
    echo "api-check: passed (reports in $out)"
else
    echo "api-check: FAILED (reports in $out)" >&2
fi
exit "$status"
