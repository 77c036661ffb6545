#!/usr/bin/env bash
# Benchmark one notification-service replica started alone from its jar: subscribers held, memory per subscriber,
# deliveries per second in bursts and at sustained rates, and the latency from the Kafka publish to the client.
#
#   bench/notifications/run.sh [subscribers] [burst events] [sustained rate/s] [seconds]   (10000 50000 25000 20)
#
# Environment: SERVICE_JAVA_OPTS (the launcher's default "-Xmx256m -XX:+UseSerialGC"), JFR=/path/to/file.jfr to
# record a flight recording of the service (settings=profile), SKIP_BUILD=1 to reuse the jar already built.
# The Kafka broker runs in the bench JVM (io.switchboard.testing.KafkaBroker), the database is the local Postgres.
set -euo pipefail
cd "$(dirname "$0")/../.."
ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)"

if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f notification-service/target/quarkus-app/quarkus-run.jar ]; then
  # a reactor build: common comes from this checkout, nothing is installed into ~/.m2
  ./mvnw -B -q -o package -pl notification-service -am -DskipTests
fi
./mvnw -B -q -o compile dependency:build-classpath -pl testing -Dmdep.outputFile=target/bench-classpath.txt
classpath="testing/target/classes:$(cat testing/target/bench-classpath.txt)"

classes=$(mktemp -d)
trap 'rm -rf "$classes"' EXIT
javac -nowarn -d "$classes" -cp "$classpath" bench/notifications/WebSocketClients.java bench/notifications/NotificationBench.java
java -Xmx1g -XX:+UseParallelGC -cp "$classes:$classpath" NotificationBench \
  "${1:-10000}" "${2:-50000}" "${3:-25000}" "${4:-20}"
