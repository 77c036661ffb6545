#!/usr/bin/env bash
# Soak of the callback intake through the gateway: measure the intake's maximum, then hold 80% of it for 10 minutes,
# recording each minute's rate, p50/p99 latency, errors, and the heap of every service (from /q/metrics).
#
#   deploy/local/switchboard up                 # the whole suite, gateway on 127.0.0.1:8080
#   bench/soak/run.sh [MINUTES] [PERCENT]       # defaults: 10 minutes at 80% of the measured maximum
#
# Settings (environment): GATEWAY (http://127.0.0.1:8080), TENANT (1), CONNECTIONS (32), THREADS (2),
# WARMUP_SECONDS (30: unpaced, before the maximum's measurement), PROBE_SECONDS (30: the maximum's measurement), MAX_RATE (skip the measurement and use this maximum, requests/s).
# Output: a table on stdout and bench/soak/results/soak-<time>.csv.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
MINUTES=${1:-10}
PERCENT=${2:-80}
GATEWAY=${GATEWAY:-http://127.0.0.1:8080}
TENANT=${TENANT:-1}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
PROBE_SECONDS=${PROBE_SECONDS:-30}
SCRIPT="$ROOT/bench/soak/intake.lua"
declare -A PORTS=([callback]=8081 [campaign]=8082 [lead]=8083 [crm]=8084 [notification]=8085)

command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)" >&2; exit 1; }
curl -fs "$GATEWAY/healthz" >/dev/null || { echo "no gateway at $GATEWAY: deploy/local/switchboard up" >&2; exit 1; }
# A token valid for the whole run.
TOKEN=$("$ROOT/deploy/local/switchboard" token --tenant "$TENANT" --scope buzzeasy.callback --ttl $(((MINUTES + 10) * 60)))

heap_mb() { # service: heap in use (MB) from Micrometer's jvm_memory_used_bytes{area="heap",...}
  curl -fs "http://127.0.0.1:${PORTS[$1]}/q/metrics" 2>/dev/null \
    | awk '/^jvm_memory_used_bytes\{.*area="heap"/ { sum += $NF } END { printf "%.1f", sum / 1048576 }'
}

field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }

if [ -n "${MAX_RATE:-}" ]; then
  max=$MAX_RATE
  echo "Maximum given: $max requests/s"
else
  # A suite just started runs its first requests on a cold JIT: warm it up so that the maximum is the steady one.
  echo "Warming up: ${WARMUP_SECONDS:-30} s unpaced (not measured) ..."
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP_SECONDS:-30}s" -s "$SCRIPT" "$GATEWAY" -- "$TOKEN" >/dev/null
  echo "Measuring the intake's maximum: $CONNECTIONS connections, unpaced, ${PROBE_SECONDS} s ..."
  probe=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${PROBE_SECONDS}s" --latency -s "$SCRIPT" "$GATEWAY" -- "$TOKEN")
  max=$(printf '%s\n' "$probe" | awk '/^Requests\/sec:/ { printf "%d", $2 }')
  echo "$probe" | grep '^SOAK'
  echo "Maximum: $max requests/s"
fi
rate=$((max * PERCENT / 100))
[ "$rate" -gt 0 ] || { echo "no intake measured" >&2; exit 1; }

mkdir -p "$ROOT/bench/soak/results"
csv="$ROOT/bench/soak/results/soak-$(date -u +%Y%m%dT%H%M%SZ).csv"
echo "minute,target_rps,achieved_rps,p50_ms,p99_ms,max_ms,socket_errors,5xx,429,other_non_2xx,heap_mb_callback,heap_mb_campaign,heap_mb_lead,heap_mb_crm,heap_mb_notification" >"$csv"
echo "Soak: $rate requests/s ($PERCENT% of $max) for $MINUTES minutes; one row a minute -> $csv"
printf '%-6s %-9s %-8s %-8s %-9s %-6s %-5s %-5s %s\n' minute rps p50_ms p99_ms max_ms errors 5xx 429 "heap MB (callback campaign lead crm notification)"
for ((minute = 1; minute <= MINUTES; minute++)); do
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d60s --latency -s "$SCRIPT" "$GATEWAY" -- "$TOKEN" "$rate" "$CONNECTIONS")
  line=$(printf '%s\n' "$out" | grep '^SOAK')
  achieved=$(printf '%s\n' "$out" | awk '/^Requests\/sec:/ { print $2 }')
  heaps=""
  for service in callback campaign lead crm notification; do heaps="$heaps,$(heap_mb "$service")"; done
  p50=$(field p50_ms <<<"$line"); p99=$(field p99_ms <<<"$line"); mx=$(field max_ms <<<"$line")
  errors=$(field errors <<<"$line"); e5=$(field 5xx <<<"$line"); e429=$(field 429 <<<"$line")
  other=$(field other_non_2xx <<<"$line")
  echo "$minute,$rate,$achieved,$p50,$p99,$mx,$errors,$e5,$e429,$other$heaps" >>"$csv"
  printf '%-6s %-9s %-8s %-8s %-9s %-6s %-5s %-5s %s\n' "$minute" "$achieved" "$p50" "$p99" "$mx" "$errors" "$e5" "$e429" "${heaps#,}"
done
echo "Done: $csv"
