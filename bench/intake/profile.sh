#!/usr/bin/env bash
# Where an intake request's CPU goes, against what a pgbench insert costs: the profile behind the intake benchmark's
# ratio. On a shared machine the wall-clock rate depends on what else runs; CPU time per request does not (much), so
# this script reports, per component, CPU milliseconds per request (from /proc/<pid>/stat of each process, sampled
# while the load runs), and a JFR profile of callback-service's hottest frames.
#
#   bench/intake/profile.sh [connections] [seconds]        (defaults 32 and 20; the suite up, wrk, pgbench, jfr)
#
# The ceiling each path could reach on this machine is cores x 1000 / (CPU ms per request); their quotient is the
# best ratio to pgbench the machine allows, whatever the code does in the time it does not use.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CONNECTIONS=${1:-32}
SECONDS_PER_RUN=${2:-20}
GATEWAY=${SWITCHBOARD_GATEWAY:-http://127.0.0.1:8080}
PG="-h 127.0.0.1 -p ${SWITCHBOARD_PG_PORT:-5432} -U postgres"
OUT="$ROOT/bench/intake/target"
mkdir -p "$OUT"
CORES=$(nproc)
# shellcheck source=bench/intake/pgbench-intake.sh
. "$ROOT/bench/intake/pgbench-intake.sh"
TICK=$(getconf CLK_TCK)
SERVICE_PID=$(cat "$ROOT/deploy/local/.runtime/callback.pid")
curl -fs "$GATEWAY/healthz" >/dev/null || { echo "the gateway does not answer: deploy/local/switchboard up" >&2; exit 1; }

cpu_of() { # pids... -> total utime+stime ticks (processes that vanished count 0)
  local total=0 pid t
  for pid in "$@"; do
    t=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)
    total=$((total + t))
  done
  echo "$total"
}
postgres_pids() { pgrep -x postgres | tr '\n' ' '; }
nginx_pids() { pgrep -x nginx | tr '\n' ' '; }
ms_per() { awk -v t="$1" -v n="$2" -v k="$TICK" 'BEGIN {printf "%.3f", (n > 0 ? t * 1000 / k / n : 0)}'; }

# --- the intake: one queue, call when available, a fresh tenant (as bench/intake/run.sh's first case)
tenant="profile-$(date +%s%N | tail -c 9)"
token=$("$ROOT/deploy/local/switchboard" token --tenant "$tenant" --scope "buzzeasy.callback switchboard.admin" --ttl 1h)
curl -fs -o /dev/null -X POST "$GATEWAY/api/v1/service-queues" -H "Authorization: Bearer $token" \
  -H 'Content-Type: application/json' -d '{"id": 1, "name": "Profile", "timeZone": "Europe/London"}'
db_counters() { # transactions and rows of the suite's database so far
  psql $PG -d postgres -qAtc "SELECT xact_commit, tup_inserted, tup_updated, tup_deleted, tup_fetched
    FROM pg_stat_database WHERE datname = '${SWITCHBOARD_DATABASE:-switchboard}'" | tr '|' ' '
}
count_callbacks() {
  psql $PG -d "${SWITCHBOARD_DATABASE:-switchboard}" -qAtc "SELECT count(*) FROM callback.callback WHERE tenant_id = '$tenant'"
}
BENCH_TOKEN=$token BENCH_QUEUES=1 BENCH_SLOTS=0 BENCH_SEED=$RANDOM \
  wrk -t 2 -c "$CONNECTIONS" -d "$((SECONDS_PER_RUN + 8))s" --timeout 10s -s "$ROOT/bench/intake/intake.lua" \
  "$GATEWAY" >"$OUT/profile-wrk.txt" 2>&1 &
wrk_pid=$!
sleep 2 # connections open, JIT busy on the first requests: measure the steady part
pg=$(postgres_pids); ngx=$(nginx_pids)
d0=$(db_counters); n0=$(count_callbacks); s0=$(cpu_of "$SERVICE_PID"); p0=$(cpu_of $pg); g0=$(cpu_of $ngx); w0=$(cpu_of "$wrk_pid")
jcmd "$SERVICE_PID" JFR.start name=intake settings=profile filename="$OUT/intake.jfr" >/dev/null
sleep "$SECONDS_PER_RUN"
jcmd "$SERVICE_PID" JFR.stop name=intake >/dev/null
d1=$(db_counters); n1=$(count_callbacks); s1=$(cpu_of "$SERVICE_PID"); p1=$(cpu_of $pg); g1=$(cpu_of $ngx); w1=$(cpu_of "$wrk_pid")
wait "$wrk_pid" || true
requests=$((n1 - n0))

# --- pgbench insert-only, the same number of connections, measured the same way
script=$(pgbench_intake_prepare)
pgbench $PG -n -c "$CONNECTIONS" -j 2 -T "$((SECONDS_PER_RUN + 8))" -f "$script" bench_intake >"$OUT/profile-pgbench.txt" 2>&1 &
bench_pid=$!
sleep 2
pg=$(postgres_pids)
i0=$(psql $PG -d bench_intake -qAtc "SELECT count(*) FROM intake"); q0=$(cpu_of $pg); b0=$(cpu_of "$bench_pid")
sleep "$SECONDS_PER_RUN"
i1=$(psql $PG -d bench_intake -qAtc "SELECT count(*) FROM intake"); q1=$(cpu_of $pg); b1=$(cpu_of "$bench_pid")
wait "$bench_pid" || true
rm -f "$script"
inserts=$((i1 - i0))

server_intake=$(( (s1 - s0) + (p1 - p0) + (g1 - g0) ))
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $CORES cores; ${SECONDS_PER_RUN} s measured per path"
echo
echo "intake: $requests callbacks in ${SECONDS_PER_RUN} s ($(awk -v n="$requests" -v s="$SECONDS_PER_RUN" 'BEGIN {printf "%.0f", n / s}')/s)"
echo "  CPU ms per callback: callback-service $(ms_per $((s1 - s0)) "$requests"), postgres $(ms_per $((p1 - p0)) "$requests"), nginx $(ms_per $((g1 - g0)) "$requests"); server side $(ms_per "$server_intake" "$requests") (wrk, the client: $(ms_per $((w1 - w0)) "$requests"))"
read -r c0 i0d u0 x0 f0 <<<"$d0"; read -r c1 i1d u1 x1 f1 <<<"$d1"
awk -v n="$requests" -v c=$((c1 - c0)) -v i=$((i1d - i0d)) -v u=$((u1 - u0)) -v x=$((x1 - x0)) -v f=$((f1 - f0)) \
  'BEGIN {printf "  per callback in the database (every replica and timer of the suite included): %.2f commits, %.2f rows inserted, %.2f updated, %.2f deleted, %.1f fetched\n", c / n, i / n, u / n, x / n, f / n}'
echo "pgbench: $inserts inserts in ${SECONDS_PER_RUN} s ($(awk -v n="$inserts" -v s="$SECONDS_PER_RUN" 'BEGIN {printf "%.0f", n / s}')/s)"
echo "  CPU ms per insert: postgres $(ms_per $((q1 - q0)) "$inserts") (pgbench, the client: $(ms_per $((b1 - b0)) "$inserts"))"
awk -v si="$server_intake" -v n="$requests" -v sp="$((q1 - q0))" -v m="$inserts" -v c="$CORES" -v k="$TICK" 'BEGIN {
  ci = si * 1000 / k / n; cp = sp * 1000 / k / m;
  printf "ceilings on %d cores, all CPU to the server side: intake %.0f/s, pgbench %.0f/s; best ratio this machine allows %.2f\n",
    c, c * 1000 / ci, c * 1000 / cp, cp / ci }'
echo
echo "callback-service's hottest frames (JFR execution samples, top of stack), $OUT/intake.jfr:"
jfr print --events jdk.ExecutionSample --stack-depth 1 "$OUT/intake.jfr" \
  | grep -A1 'stackTrace = \[' | grep -v -e 'stackTrace' -e '^--' | sed -E 's/^ +//; s/line:.*//' \
  | sort | uniq -c | sort -rn | head -15
echo "by package (top of stack):"
jfr print --events jdk.ExecutionSample --stack-depth 1 "$OUT/intake.jfr" \
  | grep -A1 'stackTrace = \[' | grep -v -e 'stackTrace' -e '^--' | sed -E 's/^ +//; s/\.[A-Za-z0-9_$]+\.[A-Za-z0-9_$<>]+\(.*//' \
  | awk -F. '{print $1"."$2"."$3}' | sort | uniq -c | sort -rn | head -10
