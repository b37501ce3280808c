# Sourced by tests/api/run.sh and tests/console/run.sh: a copy of the site, and the real
# `switchboard serve` on a free loopback port for a check to run against, stopped (and the
# work folder removed) when the script exits.
#
#   server_setup NAME PYTHON   a work folder ($work), an admin token ($admin_token), the trap
#   copy_site ROOT SITE        ROOT's site.yaml, content/, static/ and templates/ into SITE
#   start_server BIN SITE DATA LOG READY_PATH
#                              serves SITE and DATA on a free port, waiting until READY_PATH
#                              answers; sets $server_pid and $base. Starts again, up to three
#                              times, when the server stops first (the port taken between
#                              choosing and binding, say); returns 1 when it never answered.

server_setup() {
    server_name=$1
    server_python=$2
    work=$(mktemp -d "${TMPDIR:-/tmp}/switchboard-$server_name.XXXXXX")
    admin_token=$("$server_python" -c 'import secrets; print(secrets.token_hex(32))')
    server_pid=""
    trap stop_server EXIT INT TERM
}

stop_server() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}

copy_site() {
    mkdir -p "$2"
    for item in site.yaml content static templates; do
        [ -e "$1/$item" ] && cp -R "$1/$item" "$2/"
    done
    return 0
}

# One attempt: 0 when READY_PATH answered, 1 when the server stopped, 2 when 120 s passed.
start_server_once() {
    local bin=$1 site=$2 data=$3 log=$4 ready=$5 port code
    port=$("$server_python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    base="http://127.0.0.1:$port"
    echo "$server_name: serving a copy of the site on $base (log: $log)"
    SWITCHBOARD_ADMIN_TOKEN="$admin_token" "$bin" serve --site "$site" --data "$data" --host 127.0.0.1 --port "$port" \
        > "$log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 240); do
        if "$server_python" -c "import urllib.request, sys; urllib.request.urlopen(sys.argv[1], timeout=1)" "$base$ready" 2>/dev/null; then
            return 0
        fi
        if ! kill -0 "$server_pid" 2>/dev/null; then
            code=0
            wait "$server_pid" || code=$?
            server_pid=""
            echo "$server_name: the server stopped (exit status $code):" >&2
            cat "$log" >&2
            return 1
        fi
        sleep 0.5
    done
    echo "$server_name: the server did not answer $ready in 120 s" >&2
    return 2
}

start_server() {
    local attempt outcome
    for attempt in 1 2 3; do
        outcome=0
        start_server_once "$@" || outcome=$?
        case $outcome in
            0) return 0 ;;
            2) return 1 ;;
        esac
        [ "$attempt" -lt 3 ] && echo "$server_name: starting again (attempt $((attempt + 1)) of 3)" >&2
    done
    return 1
}
