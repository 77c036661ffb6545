#!/usr/bin/env bash
# Benchmark one notification-service replica: concurrent WebSocket subscribers held, deliveries per second, and the
# latency from the Kafka publish to the client's receipt. Usage: bench/notifications/run.sh [subscribers] [burst events]
set -euo pipefail
cd "$(dirname "$0")/../.."
ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)"

if [ ! -f notification-service/target/quarkus-app/quarkus-run.jar ]; then
  ./mvnw -B -q package -pl notification-service -am -DskipTests
fi
./mvnw -B -q -o install -pl common,testing -DskipTests
./mvnw -B -q -o dependency:build-classpath -pl testing -Dmdep.outputFile=target/bench-classpath.txt
classpath="testing/target/classes:$(cat testing/target/bench-classpath.txt)"

java -Xmx2g -cp "$classpath" bench/notifications/NotificationBench.java "${1:-10000}" "${2:-20000}"
