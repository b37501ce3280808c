#!/usr/bin/env bash
# `make bench-api`: the release server under wrk on loopback, with nginx serving the same
# static page as the reference. See bench/api/README.md and docs/benchmarks.md.
#
# Knobs (environment):
#   SWITCHBOARD_BIN   the binary to measure (default .build/release/switchboard)
#   BENCH_DURATION    seconds per measured wrk run (15)
#   BENCH_WARMUP      seconds of warm-up before each measured run (3)
#   BENCH_CONNECTIONS wrk connections (64);  BENCH_THREADS wrk threads (2)
#   BENCH_STATIC_PATH the static page measured on both servers (/prices/)
#   BENCH_STATIC_ROUNDS how many alternating nginx/switchboard rounds share BENCH_DURATION (3)
#   BENCH_CARRIER_DELAY_MS the carrier simulator's delay between status changes (50)
#   BENCH_SENDS       the memory step: drive POST /v1/sms until the server has accepted this
#                     many sends in total, then report VmRSS/VmHWM (100000; 0 skips the step;
#                     1000000 is the issue's figure, several minutes)
#   BENCH_FILL_SECONDS the memory step stops after this long even if BENCH_SENDS is not
#                     reached (600), reporting how many sends the store holds
#   BENCH_MILLION_DIR a data folder holding 1M sends (switchboard-bench-store generate DIR):
#                     also start the server on a copy of it and report its memory
#   BENCH_WORK        where the temporary site, data folder and nginx files go
#                     (default: a new folder under .build/bench-api, on disk, so that
#                     fdatasync means what it does in production)
#   BENCH_KEEP=1      keep BENCH_WORK afterwards
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
here=$root/bench/api

bin=${SWITCHBOARD_BIN:-$root/.build/release/switchboard}
duration=${BENCH_DURATION:-15}
warmup=${BENCH_WARMUP:-3}
connections=${BENCH_CONNECTIONS:-64}
threads=${BENCH_THREADS:-2}
static_path=${BENCH_STATIC_PATH:-/prices/}
static_rounds=${BENCH_STATIC_ROUNDS:-3}
carrier_delay=${BENCH_CARRIER_DELAY_MS:-50}
sends_target=${BENCH_SENDS:-100000}
fill_limit=${BENCH_FILL_SECONDS:-600}

for tool in wrk nginx python3 curl; do
  command -v "$tool" >/dev/null || { echo "bench-api: $tool is missing (make bench-api installs it)" >&2; exit 2; }
done
[ -x "$bin" ] || { echo "bench-api: no binary at $bin (swift build -c release --product switchboard)" >&2; exit 3; }
nginx_bin=$(command -v nginx)

mkdir -p "$root/.build/bench-api"
work=${BENCH_WORK:-$(mktemp -d "$root/.build/bench-api/run.XXXXXX")}
mkdir -p "$work"
results=$work/results
mkdir -p "$results"
server_pid=
nginx_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null || true
  if [ "${BENCH_KEEP:-0}" = 1 ]; then echo "bench-api: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

log() { printf '\n== %s\n' "$*"; }

# --- The site: the sample content, bcrypt at its cheapest, a quick carrier. -----------------
site=$work/site
mkdir -p "$site"
cp -r "$root/content" "$root/site.yaml" "$site/"
for folder in templates static; do [ -d "$root/$folder" ] && cp -r "$root/$folder" "$site/"; done
cat > "$site/operator.yaml" <<EOF
# Written by bench/api/run.sh: the defaults, except cheap password hashing for the set-up
# and a carrier that reports each status change after ${carrier_delay} ms.
bcryptCost: 4
carrier:
  seed: 1
  delayMilliseconds: ${carrier_delay}
  deliveryRate: 0.95
  failureRate: 0.02
  noAnswerRate: 0.1
EOF

export SWITCHBOARD_ADMIN_TOKEN=bench-api-admin-token-$(python3 -c 'import secrets; print(secrets.token_hex(16))')

# start_server DATA_DIR LOG: starts the release server on a free port; sets server_pid, base.
start_server() {
  local data=$1 logfile=$2
  port=$(python3 "$here/helper.py" free-port)
  base=http://127.0.0.1:$port
  "$bin" serve --site "$site" --data "$data" --host 127.0.0.1 --port "$port" >"$logfile" 2>&1 &
  server_pid=$!
  python3 "$here/helper.py" wait "$base/v1/prices" 300 || { tail -20 "$logfile" >&2; exit 1; }
}

# stop_server: SIGTERM, then SIGKILL after BENCH_STOP_SECONDS (60); the store is crash-safe,
# and check --data afterwards says whether it is whole. Sets stop_note.
stop_server() {
  local t0 waited
  t0=$(date +%s)
  kill -TERM "$server_pid"
  while kill -0 "$server_pid" 2>/dev/null && [ $(($(date +%s) - t0)) -lt "${BENCH_STOP_SECONDS:-60}" ]; do sleep 0.5; done
  waited=$(($(date +%s) - t0))
  if kill -0 "$server_pid" 2>/dev/null; then
    kill -KILL "$server_pid"
    stop_note="the server had not stopped ${waited} s after SIGTERM: killed (SIGKILL)"
  else
    stop_note="the server stopped ${waited} s after SIGTERM"
  fi
  wait "$server_pid" 2>/dev/null || true
  server_pid=
  echo "   $stop_note"
}

# run_wrk NAME URL [wrk args…]: a warm-up, then the measured run into results/NAME.txt
# (wrk_warmup and wrk_seconds, when set, replace BENCH_WARMUP and BENCH_DURATION).
run_wrk() {
  local name=$1 url=$2 warm=${wrk_warmup:-$warmup} seconds=${wrk_seconds:-$duration}
  shift 2
  if [ "$warm" -gt 0 ]; then
    wrk -t "$threads" -c "$connections" -d "${warm}s" "$@" "$url" >"$results/$name.warmup.txt" 2>&1 || true
  fi
  wrk -t "$threads" -c "$connections" -d "${seconds}s" --latency "$@" "$url" >"$results/$name.txt" 2>&1
  grep -E "Requests/sec|^ +(50|99)%|requests in|Non-2xx|Socket errors|^status " "$results/$name.txt" | sed 's/^/   /'
}

# Each POST run starts its recipients where the previous one stopped.
next_number=0
# post_sms NAME [wrk args…] [-- LIMIT]: POST /v1/sms with unique recipients, at most LIMIT
# of them if given; the next run starts at the first number this one did not use.
post_sms() {
  local name=$1
  shift
  local args=() limit=
  while [ $# -gt 0 ]; do
    if [ "$1" = -- ]; then limit=$2; break; fi
    args+=("$1")
    shift
  done
  wrk -t "$threads" -c "$connections" --latency "${args[@]}" -s "$here/send.lua" "$base/v1/sms" \
    -- "$api_key" "$next_number" "$threads" ${limit:+"$limit"} >"$results/$name.txt" 2>&1
  local next
  next=$(sed -n 's/^next-number \([0-9]*\)$/\1/p' "$results/$name.txt")
  [ -n "$next" ] || { echo "bench-api: send.lua did not say which numbers it used" >&2; exit 1; }
  next_number=$next
}

# --- Switchboard ---------------------------------------------------------------------------
log "switchboard serve (release) with a fresh data folder on disk"
data=$work/data
start_server "$data" "$work/server.log"
echo "   $base, pid $server_pid, data $data"
read -r account_id api_key < <(python3 "$here/helper.py" setup "$base" "bench@example.com")
echo "   developer $account_id with sms approved and a balance of 10,000,000.00"
read -r rss0 hwm0 < <(python3 "$here/helper.py" rss "$server_pid")

# --- nginx: the same public/ folder, non-root, everything under $work/nginx ------------------
log "nginx serving the same public/ folder"
nginx_dir=$work/nginx
mkdir -p "$nginx_dir/logs" "$nginx_dir/tmp"
nginx_port=$(python3 "$here/helper.py" free-port)
# As root, nginx would run its workers as nobody, who cannot read the private work folder.
nginx_user=
[ "$(id -u)" -eq 0 ] && nginx_user="user $(id -un) $(id -gn);"
cat > "$nginx_dir/nginx.conf" <<EOF
$nginx_user
worker_processes auto;
daemon off;
pid $nginx_dir/nginx.pid;
error_log $nginx_dir/logs/error.log warn;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path $nginx_dir/tmp/body;
  proxy_temp_path $nginx_dir/tmp/proxy;
  fastcgi_temp_path $nginx_dir/tmp/fastcgi;
  uwsgi_temp_path $nginx_dir/tmp/uwsgi;
  scgi_temp_path $nginx_dir/tmp/scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    root $site/public;
    index index.html;
  }
}
EOF
"$nginx_bin" -p "$nginx_dir" -c "$nginx_dir/nginx.conf" -e "$nginx_dir/logs/error.log" &
nginx_pid=$!
python3 "$here/helper.py" wait "http://127.0.0.1:$nginx_port$static_path" 30
nginx_size=$(curl -s "http://127.0.0.1:$nginx_port$static_path" | wc -c)
static_size=$(curl -s "$base$static_path" | wc -c)
echo "   http://127.0.0.1:$nginx_port, $static_path is $nginx_size bytes from nginx, $static_size from switchboard"
[ "$nginx_size" = "$static_size" ] || echo "   warning: the two servers answer $static_path with different sizes" >&2

# --- The measured runs ------------------------------------------------------------------------
log "wrk: $threads threads, $connections connections, ${warmup} s warm-up + ${duration} s measured each"
# The static page on both servers in alternating rounds, so that a burst of other work on the
# machine falls on both rather than on one of them; the ratio reported is the rounds' median.
round_seconds=$((duration / static_rounds > 0 ? duration / static_rounds : 1))
for round in $(seq 1 "$static_rounds"); do
  round_warmup=$([ "$round" = 1 ] && echo "$warmup" || echo 0)
  echo " round $round of $static_rounds: nginx GET $static_path"
  wrk_warmup=$round_warmup wrk_seconds=$round_seconds run_wrk "nginx.$round" "http://127.0.0.1:$nginx_port$static_path"
  echo " round $round of $static_rounds: switchboard GET $static_path"
  wrk_warmup=$round_warmup wrk_seconds=$round_seconds run_wrk "static.$round" "$base$static_path"
done
kill "$nginx_pid"; wait "$nginx_pid" 2>/dev/null || true; nginx_pid=
# What browsers get: the same page gzip-compressed, from the server's in-memory cache.
echo " switchboard GET $static_path, Accept-Encoding: gzip"
run_wrk static-gzip "$base$static_path" -H "Accept-Encoding: gzip"
echo " switchboard GET /v1/prices"
run_wrk prices "$base/v1/prices"
echo " switchboard POST /v1/sms"
[ "$warmup" -gt 0 ] && post_sms sms.warmup -d "${warmup}s"
post_sms sms -d "${duration}s"
grep -E "Requests/sec|^ +(50|99)%|requests in|Non-2xx|Socket errors|^status " "$results/sms.txt" | sed 's/^/   /'
read -r rss1 hwm1 < <(python3 "$here/helper.py" rss "$server_pid")
load=$(cut -d' ' -f1-3 /proc/loadavg)

# --- Durability and counts: every 201 is a send line in the journal -------------------------
created=0
for f in "$results"/sms.warmup.txt "$results"/sms.txt; do
  [ -f "$f" ] || continue
  n=$(sed -n 's/^status 201 \([0-9]*\)$/\1/p' "$f")
  created=$((created + ${n:-0}))
done

# --- Memory after many sends (BENCH_SENDS) -------------------------------------------------
mem_line=
if [ "$sends_target" -gt 0 ]; then
  journal_sends=$(cat "$data"/journal/*.jsonl 2>/dev/null | grep -c '"kind":"send"' || true)
  remaining=$((sends_target - journal_sends))
  if [ "$remaining" -gt 0 ]; then
    log "memory: POST /v1/sms until the store holds $sends_target sends ($remaining more)"
    started=$(date +%s.%N)
    # Slices of at most 30 s, each stopping once it has its share of what is left, so that
    # the figure is taken at the target rather than up to a slice's worth of sends past it.
    while [ "$remaining" -gt 0 ]; do
      if python3 -c "import sys, time; sys.exit(0 if time.time() - $started < $fill_limit else 1)"; then :; else
        echo "   stopping after ${fill_limit} s (BENCH_FILL_SECONDS) with $remaining to go"
        break
      fi
      post_sms fill -d 30s -- "$remaining"
      n=$(sed -n 's/^status 201 \([0-9]*\)$/\1/p' "$results/fill.txt")
      created=$((created + ${n:-0}))
      remaining=$((remaining - ${n:-0}))
      read -r rss hwm < <(python3 "$here/helper.py" rss "$server_pid")
      echo "   +${n:-0} sends, $remaining to go; VmRSS $((rss / 1024)) MB, VmHWM $((hwm / 1024)) MB"
      cat "$results/fill.txt" >>"$results/fill-all.txt"
      [ "${n:-0}" -gt 0 ] || { echo "bench-api: no send accepted in 30 s; stopping the memory step" >&2; break; }
    done
    fill_seconds=$(python3 -c "import time; print(f'{time.time() - $started:.0f}')")
  fi
  sleep 2  # the carrier's last status changes
  read -r rss2 hwm2 < <(python3 "$here/helper.py" rss "$server_pid")
  journal_sends=$(cat "$data"/journal/*.jsonl | grep -c '"kind":"send"' || true)
  mem_line="after $journal_sends sends: VmRSS $((rss2 / 1024)) MB, VmHWM $((hwm2 / 1024)) MB (target ≤ 200 MB)${fill_seconds:+, filled in ${fill_seconds} s}"
fi

log "stopping the server (SIGTERM) and checking the data folder"
stop_server
main_stop_note=$stop_note
journal_sends=$(cat "$data"/journal/*.jsonl | grep -c '"kind":"send"' || true)
journal_bytes=$(du -sm "$data/journal" | cut -f1)
check_out=$("$bin" check --data "$data" 2>&1 | tail -3) && check_rc=0 || check_rc=$?
echo "$check_out" | sed 's/^/   /'

# --- A data folder holding 1M sends (optional) --------------------------------------------
million_line=
if [ -n "${BENCH_MILLION_DIR:-}" ]; then
  log "memory: the server on a copy of $BENCH_MILLION_DIR"
  million=$work/million
  cp -r "$BENCH_MILLION_DIR" "$million"
  t0=$(date +%s.%N)
  start_server "$million" "$work/server-million.log"
  ready=$(python3 -c "import time; print(f'{time.time() - $t0:.1f}')")
  read -r mrss0 mhwm0 < <(python3 "$here/helper.py" rss "$server_pid")
  read -r _ api_key < <(python3 "$here/helper.py" setup "$base" "bench-million@example.com")
  post_sms million -d "${duration}s"
  read -r mrss1 mhwm1 < <(python3 "$here/helper.py" rss "$server_pid")
  m_created=$(sed -n 's/^status 201 \([0-9]*\)$/\1/p' "$results/million.txt")
  million_line="1M-send data folder: ready in ${ready} s, VmRSS $((mrss0 / 1024)) MB (VmHWM $((mhwm0 / 1024)) MB) after start; after ${m_created:-0} more sends in ${duration} s: VmRSS $((mrss1 / 1024)) MB, VmHWM $((mhwm1 / 1024)) MB"
  stop_server
  rm -rf "$million"
fi

# --- Report ----------------------------------------------------------------------------------
log "results ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $load before the memory step)"
python3 "$here/helper.py" report "$results" && met=1 || met=0
echo "shutdown: $main_stop_note"
echo "durability: $created sends answered 201, $journal_sends send lines in the journal ($journal_bytes MB); check --data: exit $check_rc"
# wrk stops with requests in flight: those may be committed without their 201 being counted.
[ "$journal_sends" -ge "$created" ] || echo "   MISMATCH: fewer send lines in the journal than 201 answers" >&2
[ "$journal_sends" -gt "$created" ] && echo "   ($((journal_sends - created)) sends were committed while wrk stopped, their answers uncounted)"
echo "memory: VmRSS $((rss0 / 1024)) MB after set-up; after the POST run VmRSS $((rss1 / 1024)) MB, VmHWM $((hwm1 / 1024)) MB"
[ -n "$mem_line" ] && echo "memory: $mem_line"
[ -n "$million_line" ] && echo "memory: $million_line"
exit 0
