#!/usr/bin/env bash
# crm-service benchmark: loads 1,000,000 CRM records and measures the SwitchTransact phone lookup and autocomplete
# under concurrent load, through whatever base URL it is given (the gateway for the real figures).
#
#   bench/crm/run.sh --base-url http://127.0.0.1:8080 [--db postgresql://postgres@127.0.0.1:5432/switchboard]
#                    [--records 1000000] [--duration 30s] [--connections 32] [--threads 2] [--skip-load]
#
# Needs psql and wrk (Debian: apt-get install -y postgresql-client wrk). Writes bench/crm/results/ (EXPLAIN plans,
# raw wrk output) and prints a Markdown table: requests per second, p50 and p99 latency.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BASE_URL="" DB="postgresql://postgres@127.0.0.1:5432/switchboard" RECORDS=1000000 DURATION=30s CONNECTIONS=32
THREADS=2 LOAD=1 TENANT=bench-crm
while [ $# -gt 0 ]; do
  case "$1" in
    --base-url) BASE_URL=$2; shift 2 ;;
    --db) DB=$2; shift 2 ;;
    --records) RECORDS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --skip-load) LOAD=0; shift ;;
    *) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
  esac
done
[ -n "$BASE_URL" ] || { sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
command -v psql >/dev/null || { echo "psql is needed (apt-get install -y postgresql-client)" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install -y wrk)" >&2; exit 1; }
OUT="$HERE/results"
mkdir -p "$OUT"

if [ "$LOAD" = 1 ]; then
  echo "Loading $RECORDS records for tenant $TENANT ..."
  start=$(date +%s)
  psql "$DB" -q -v records="$RECORDS" -v tenant="$TENANT" -f "$HERE/load.sql"
  echo "Loaded in $(( $(date +%s) - start )) s"
fi

# A read-only API key of the bench tenant, stored the way crm-service stores keys (SHA-256 of the key).
KEY="sbk_bench$(openssl rand -hex 20)"
psql "$DB" -q -v key="$KEY" -v tenant="$TENANT" <<'SQL'
\set ON_ERROR_STOP on
INSERT INTO crm.api_key (id, tenant_id, name, key_hash, key_prefix, permissions)
VALUES (gen_random_uuid(), :'tenant', 'bench', sha256(convert_to(:'key', 'UTF8')), left(:'key', 10), '{General:Read}');
SQL

# The plans of the queries crm-service sends (ContactRepository), with the bench's values.
psql "$DB" -q -v tenant="$TENANT" >"$OUT/explain.txt" <<'SQL'
\echo '== phone lookup (GET /calls/record?phone=07400123456)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT id FROM crm.contact WHERE id IN (
  (SELECT id FROM crm.contact WHERE tenant_id = :'tenant' AND mobilephone IS NOT NULL AND mobilephone COLLATE "C" = '+447400123456')
  UNION ALL (SELECT id FROM crm.contact WHERE tenant_id = :'tenant' AND businessphone IS NOT NULL AND businessphone COLLATE "C" = '+447400123456')
  UNION ALL (SELECT id FROM crm.contact WHERE tenant_id = :'tenant' AND businessphone2 IS NOT NULL AND businessphone2 COLLATE "C" = '+447400123456'))
ORDER BY created_at DESC, id LIMIT 1;
\echo '== autocomplete (GET /calls/autocomplete?term=mar): one index range scan per field, first row only'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT c.id FROM (
  (SELECT id, lower(lastname) COLLATE "C" AS v, 1 AS rank, lower(lastname) COLLATE "C" = 'mar' AS exact FROM crm.contact WHERE tenant_id = :'tenant' AND lastname IS NOT NULL AND lower(lastname) COLLATE "C" >= 'mar' AND lower(lastname) COLLATE "C" < 'mar' || chr(1114111) ORDER BY lower(lastname) COLLATE "C" LIMIT 1)
  UNION ALL (SELECT id, lower(firstname) COLLATE "C", 2, lower(firstname) COLLATE "C" = 'mar' FROM crm.contact WHERE tenant_id = :'tenant' AND firstname IS NOT NULL AND lower(firstname) COLLATE "C" >= 'mar' AND lower(firstname) COLLATE "C" < 'mar' || chr(1114111) ORDER BY lower(firstname) COLLATE "C" LIMIT 1)
  UNION ALL (SELECT id, lower(company) COLLATE "C", 3, lower(company) COLLATE "C" = 'mar' FROM crm.contact WHERE tenant_id = :'tenant' AND company IS NOT NULL AND lower(company) COLLATE "C" >= 'mar' AND lower(company) COLLATE "C" < 'mar' || chr(1114111) ORDER BY lower(company) COLLATE "C" LIMIT 1)
  UNION ALL (SELECT id, lower(email) COLLATE "C", 4, lower(email) COLLATE "C" = 'mar' FROM crm.contact WHERE tenant_id = :'tenant' AND email IS NOT NULL AND lower(email) COLLATE "C" >= 'mar' AND lower(email) COLLATE "C" < 'mar' || chr(1114111) ORDER BY lower(email) COLLATE "C" LIMIT 1)
) m JOIN crm.contact c ON c.id = m.id ORDER BY m.exact DESC, length(m.v), m.rank, m.v COLLATE "C" LIMIT 1;
\echo '== the same branches as crm-service sends them: prepared with parameters, generic plan (index range scans still)'
SET plan_cache_mode = force_generic_plan;
PREPARE lastname_branch(text, text, text) AS SELECT id FROM crm.contact WHERE tenant_id = $1 AND lastname IS NOT NULL AND lower(lastname) COLLATE "C" >= $2 AND lower(lastname) COLLATE "C" < $3 ORDER BY lower(lastname) COLLATE "C" LIMIT 1;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE lastname_branch(:'tenant', 'mar', 'mar' || chr(1114111));
PREPARE mobile_lookup(text, text) AS SELECT id FROM crm.contact WHERE tenant_id = $1 AND mobilephone IS NOT NULL AND mobilephone COLLATE "C" = $2;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE mobile_lookup(:'tenant', '+447400123456');
RESET plan_cache_mode;
\echo '== autocomplete on phone digits (term=0740012): the mobile branch'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT id FROM crm.contact WHERE tenant_id = :'tenant' AND mobilephone IS NOT NULL AND mobilephone COLLATE "C" >= '+44740012' AND mobilephone COLLATE "C" < '+44740012' || chr(1114111) ORDER BY mobilephone COLLATE "C" LIMIT 1;
SQL
echo "Query plans: $OUT/explain.txt"

# Warm-up, then the measured runs.
for probe in "phone" "autocomplete"; do
  RECORDS=$RECORDS wrk -t1 -c4 -d3s -s "$HERE/$probe.lua" -H "X-Api-Key: $KEY" "$BASE_URL" >/dev/null
done
# A sanity check that the key and the data answer: one found record each way.
curl -fsS -H "X-Api-Key: $KEY" "$BASE_URL/calls/record?phone=07400000001" | grep -q '"status":true' \
  || { echo "the phone lookup did not find record 1: is --base-url pointing at crm-service with this database?" >&2; exit 1; }

summary() { # name file
  awk -v name="$1" '
    /Latency Distribution/ { dist = 1 }
    dist && $1 == "50%" { p50 = $2 }
    dist && $1 == "99%" { p99 = $2 }
    /Requests\/sec/ { rps = $2 }
    /Non-2xx or 3xx responses/ { errors = $5 }
    END { printf "| %s | %s | %s | %s | %s |\n", name, rps, p50, p99, (errors == "" ? 0 : errors) }' "$2"
}

echo
echo "Measured $(date -u +%Y-%m-%dT%H:%M:%SZ): $RECORDS records, $CONNECTIONS connections, $THREADS wrk threads, $DURATION each, $BASE_URL"
echo
echo "| call | requests/s | p50 | p99 | non-2xx |"
echo "|---|---|---|---|---|"
for probe in "phone" "autocomplete"; do
  RECORDS=$RECORDS wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$HERE/$probe.lua" \
    -H "X-Api-Key: $KEY" "$BASE_URL" >"$OUT/$probe.txt"
  summary "$probe" "$OUT/$probe.txt"
done

psql "$DB" -q -v key="$KEY" <<'SQL'
DELETE FROM crm.api_key WHERE key_hash = sha256(convert_to(:'key', 'UTF8'));
SQL
