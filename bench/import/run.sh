#!/usr/bin/env bash
# Bulk import benchmark: ROWS leads as CSV and as JSON bulk through one lead-service replica (the packaged jar),
# against a raw COPY of the same rows into a plain table of the same Postgres, in the same run; rows/s of each, their
# ratio, and the service's peak heap. Usage: bench/import/run.sh [rows (default 1000000)] [service -Xmx, default: JVM default]
set -euo pipefail
cd "$(dirname "$0")/../.."

# One reactor run: the service jar, and the testing module's classpath (real Kafka broker, Postgres, test JWTs)
# resolved against this checkout's common rather than anything in ~/.m2.
./mvnw -B -q -o package dependency:build-classpath -pl lead-service,testing -am -DskipTests \
  -Dmdep.outputFile=target/bench-classpath.txt
classpath="testing/target/classes:common/target/classes:$(cat testing/target/bench-classpath.txt)"

java -Xmx1g -cp "$classpath" bench/import/ImportBench.java "${1:-1000000}" "${2:-}"
