#!/usr/bin/env bash
# Ready time and memory of each Switchboard service against a bare Quarkus app with the same infrastructure extensions
# (bench/startup/bare-app), started the same way as the local launcher starts a service (same JVM options, same
# database and Kafka). Each app is started ROUNDS times, in turn, so that the machine's load falls on all alike.
#
#   bench/startup/run.sh [ROUNDS=5]        with the suite up (deploy/local/switchboard up): Postgres, Kafka
#
# The services start without the demo tenant's scripts (the local profile's switchboard.demo.scripts), which are the
# launcher's business, not start-up cost; DEMO=1 keeps them.
#
# Prints, per app, the median of: wall time from exec to the first 200 of /q/health/ready, Quarkus' own
# "started in" figure, and the RSS when ready; then each service's ratio to the bare app.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
ROUNDS=${1:-5}
PG_PORT=${SWITCHBOARD_PG_PORT:-5432}
KAFKA_PORT=${SWITCHBOARD_KAFKA_PORT:-9092}
JAVA_OPTS=${SWITCHBOARD_JAVA_OPTS:--Xmx256m -XX:+UseSerialGC}
RUNTIME="$ROOT/deploy/local/.runtime"
DEMO_SCRIPTS=$([ "${DEMO:-0}" = 1 ] || echo "-Dswitchboard.demo.scripts=")
OUT="$ROOT/bench/startup/target"
mkdir -p "$OUT"
[ -f "$RUNTIME/jwt/public.pem" ] || { echo "Start the suite first: deploy/local/switchboard up" >&2; exit 1; }

BARE_JAR="$ROOT/bench/startup/bare-app/target/quarkus-app/quarkus-run.jar"
if [ ! -f "$BARE_JAR" ]; then
  (cd "$ROOT" && ./mvnw -B -q -f bench/startup/bare-app/pom.xml package -DskipTests)
fi
declare -A JARS=([bare]="$BARE_JAR")
APPS=(bare)
for service in callback campaign lead crm notification; do
  JARS[$service]="$ROOT/$service-service/target/quarkus-app/quarkus-run.jar"
  [ -f "${JARS[$service]}" ] || { echo "${JARS[$service]} is missing: build first (./mvnw -B package -DskipTests)" >&2; exit 1; }
  APPS+=("$service")
done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }

# One start: prints "wall_ms started_s rss_kb".
measure() {
  local app=$1 port log pid start ready status rss started
  port=$(free_port)
  log="$OUT/$app-$port.log"
  start=$(now_ms)
  # shellcheck disable=SC2086
  java $JAVA_OPTS -Dquarkus.profile=local -Dquarkus.http.port="$port" $DEMO_SCRIPTS \
    -Dquarkus.datasource.reactive.url="postgresql://127.0.0.1:$PG_PORT/switchboard" \
    -Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:$PG_PORT/switchboard" \
    -Dquarkus.datasource.username=postgres -Dquarkus.datasource.password= \
    -Dkafka.bootstrap.servers="127.0.0.1:$KAFKA_PORT" \
    -Dmp.jwt.verify.publickey.location="file:$RUNTIME/jwt/public.pem" -Dmp.jwt.verify.issuer=https://switchboard.local \
    -jar "${JARS[$app]}" >"$log" 2>&1 &
  pid=$!
  while true; do
    status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/q/health/ready" || true)
    [ "$status" = 200 ] && break
    kill -0 "$pid" 2>/dev/null || { echo "$app exited; see $log" >&2; exit 1; }
    [ $(( $(now_ms) - start )) -gt 180000 ] && { echo "$app not ready in 180 s; see $log" >&2; kill "$pid"; exit 1; }
    sleep 0.05
  done
  ready=$(now_ms)
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  started=$(grep -o 'started in [0-9.]*s' "$log" | head -1 | grep -o '[0-9.]*' || echo 0)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$((ready - start)) $started $rss"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

for app in "${APPS[@]}"; do : >"$OUT/$app.samples"; done
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$ROUNDS"); do
  for app in "${APPS[@]}"; do
    measure "$app" >>"$OUT/$app.samples"
  done
  echo "round $round of $ROUNDS done (load $(cut -d' ' -f1 /proc/loadavg))"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"

printf '%-13s %10s %12s %9s %10s %10s\n' app "ready, s" "started, s" "RSS, MB" "ready/bare" "RSS/bare"
bare_ready=$(cut -d' ' -f1 "$OUT/bare.samples" | median)
bare_rss=$(cut -d' ' -f3 "$OUT/bare.samples" | median)
for app in "${APPS[@]}"; do
  ready=$(cut -d' ' -f1 "$OUT/$app.samples" | median)
  started=$(cut -d' ' -f2 "$OUT/$app.samples" | median)
  rss=$(cut -d' ' -f3 "$OUT/$app.samples" | median)
  awk -v a="$app" -v r="$ready" -v s="$started" -v m="$rss" -v br="$bare_ready" -v bm="$bare_rss" \
    'BEGIN {printf "%-13s %10.2f %12.2f %9.0f %9.2fx %9.2fx\n", a, r/1000, s, m/1024, r/br, m/bm}'
done
