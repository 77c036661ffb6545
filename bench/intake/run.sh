#!/usr/bin/env bash
# Intake throughput through the gateway against pgbench insert-only on the same Postgres, same concurrency, same run.
#
#   bench/intake/run.sh [connections] [seconds]        (defaults 32 and 20)
#
# Needs the suite running (deploy/local/switchboard up), wrk and pgbench (Debian: apt-get install -y wrk
# postgresql-client). Runs four cases: one queue and 20 queues, each with call-when-available requests and with
# scheduled requests spread over the 48 slots of tomorrow; each case uses a fresh tenant so no number repeats.
# Prints requests/s, p50/p99 and the ratio to pgbench's inserts/s; then callback-service's ready time and RSS.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CONNECTIONS=${1:-32}
SECONDS_PER_RUN=${2:-20}
GATEWAY=${SWITCHBOARD_GATEWAY:-http://127.0.0.1:8080}
PG="-h 127.0.0.1 -p ${SWITCHBOARD_PG_PORT:-5432} -U postgres"
THREADS=${BENCH_THREADS:-2}
TOMORROW=$(date -u -d tomorrow +%Y-%m-%d)

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
command -v pgbench >/dev/null || { echo "pgbench is missing: apt-get install -y postgresql-client" >&2; exit 1; }
curl -fs "$GATEWAY/healthz" >/dev/null || { echo "the gateway does not answer: deploy/local/switchboard up" >&2; exit 1; }

## pgbench: insert-only into a table shaped like a callback row, in a database of its own on the same server.
# shellcheck source=bench/intake/pgbench-intake.sh
. "$ROOT/bench/intake/pgbench-intake.sh"
PGBENCH_SCRIPT=$(pgbench_intake_prepare)
pg_rate=$(pgbench $PG -n -c "$CONNECTIONS" -j "$THREADS" -T "$SECONDS_PER_RUN" -f "$PGBENCH_SCRIPT" bench_intake 2>/dev/null \
  | awk '/^tps = / {print $3}')
rm -f "$PGBENCH_SCRIPT"
echo "pgbench insert-only, $CONNECTIONS connections, ${SECONDS_PER_RUN}s: $pg_rate inserts/s"

token() { "$ROOT/deploy/local/switchboard" token --tenant "$1" --scope "buzzeasy.callback switchboard.admin" --ttl 1h; }

queue() { # token id slots?
  local capacity=1000000
  curl -fs -o /dev/null -X POST "$GATEWAY/api/v1/service-queues" -H "Authorization: Bearer $1" \
    -H 'Content-Type: application/json' \
    -d "{\"id\": $2, \"name\": \"Bench $2\", \"timeZone\": \"Europe/London\", \"timeslots\": {\"lengthMinutes\": 30, \"capacity\": $capacity}}"
}

run_case() { # label queues slots
  local tenant="bench-$(date +%s%N | tail -c 9)" tok i out
  tok=$(token "$tenant")
  for ((i = 1; i <= $2; i++)); do queue "$tok" "$i"; done
  out=$(BENCH_TOKEN=$tok BENCH_QUEUES=$2 BENCH_SLOTS=$3 BENCH_DATE=$TOMORROW BENCH_SEED=$RANDOM \
    wrk -t "$THREADS" -c "$CONNECTIONS" -d "${SECONDS_PER_RUN}s" --timeout 10s -s "$ROOT/bench/intake/intake.lua" \
    "$GATEWAY" 2>/tmp/bench-intake-errors.log | grep '^RESULT')
  local rate
  rate=$(sed -E 's/.*rate=([0-9.]+).*/\1/' <<<"$out")
  printf '%-34s %s ratio=%.2f\n' "$1" "$out" "$(awk -v a="$rate" -v b="$pg_rate" 'BEGIN {print a / b}')"
}

# warm-up (JIT, pools, caches), not reported
WARMUP=${BENCH_WARMUP_SECONDS:-15}
if [ "$WARMUP" -gt 0 ]; then
  SECONDS_SAVED=$SECONDS_PER_RUN SECONDS_PER_RUN=$WARMUP
  run_case "warm-up (not a result)" 20 0 >/dev/null
  SECONDS_PER_RUN=$SECONDS_SAVED
fi
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
run_case "1 queue, call when available" 1 0
run_case "1 queue, timeslots" 1 48
run_case "20 queues, call when available" 20 0
run_case "20 queues, timeslots" 20 48
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

pid=$(cat "$ROOT/deploy/local/.runtime/callback.pid" 2>/dev/null || true)
if [ -n "$pid" ]; then
  echo "callback-service: $(grep -o 'started in [0-9.]*s' "$ROOT/deploy/local/.runtime/logs/callback.log" | tail -1)," \
    "RSS now $(awk '/VmRSS/ {print $2 / 1024 " MB"}' /proc/"$pid"/status)"
fi
