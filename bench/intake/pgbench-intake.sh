# Sourced by run.sh and profile.sh: the pgbench side of the intake comparison, defined once.
# pgbench_intake_prepare: a fresh `intake` table shaped like a callback row, in a database of its own (bench_intake)
# on the same server; prints the path of the pgbench script (one insert per transaction). Needs $PG.
pgbench_intake_prepare() {
  psql $PG -d postgres -qAtc "SELECT 1 FROM pg_database WHERE datname = 'bench_intake'" | grep -q 1 \
    || psql $PG -d postgres -qc "CREATE DATABASE bench_intake" >&2
  psql $PG -d bench_intake -qc "DROP TABLE IF EXISTS intake; CREATE TABLE intake (id uuid PRIMARY KEY,
    tenant_id text NOT NULL, confirmation_code text NOT NULL UNIQUE, service_queue_id bigint NOT NULL,
    phone_number text NOT NULL, state text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())" >&2
  local script
  script=$(mktemp)
  cat >"$script" <<'SQL'
INSERT INTO intake (id, tenant_id, confirmation_code, service_queue_id, phone_number, state)
VALUES (gen_random_uuid(), 'bench', md5(random()::text), 1, '+447400123456', 'PENDING');
SQL
  echo "$script"
}
