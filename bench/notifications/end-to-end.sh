#!/usr/bin/env bash
# The dialler's status POST -> the customer's WebSocket, under load, through the running suite (gateway,
# callback-service, outbox relay, Kafka, notification-service). Needs `deploy/local/switchboard up` first.
#
#   bench/notifications/end-to-end.sh [callbacks] [statuses/s] [statuses per callback]     (10000 12500 6)
#
# GATEWAY (http://127.0.0.1:8080) selects another gateway. The gateway must allow as many connections as callbacks
# (nginx worker_connections) and the file descriptor limit must cover them (raised to 20,000 here).
set -euo pipefail
cd "$(dirname "$0")/../.."
ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)"

classes=$(mktemp -d)
trap 'rm -rf "$classes"' EXIT
javac -nowarn -d "$classes" bench/notifications/WebSocketClients.java bench/notifications/EndToEndLoad.java
token=$(deploy/local/switchboard token --tenant 1)
java -Xmx1g -cp "$classes" EndToEndLoad "${GATEWAY:-http://127.0.0.1:8080}" "$token" "${1:-10000}" "${2:-12500}" \
  "${3:-6}"
