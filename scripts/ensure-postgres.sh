#!/usr/bin/env bash
# Makes sure a local PostgreSQL server runs and has the test role `rect` (password `rect`, CREATEDB), installing
# Debian's PostgreSQL when it is missing. Prints the admin connection string the integration tests use.
set -euo pipefail

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "Installing PostgreSQL…" >&2
  as_root apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi

version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
pg_lsclusters -h | grep -q "^$version \+main" || as_root pg_createcluster "$version" main >&2
as_root pg_ctlcluster "$version" main start >&2 || true   # exits 2 when already running
pg_isready -h 127.0.0.1 -p 5432 -t 30 >&2

as_root su postgres -c "psql -q -c \"DO \\\$\\\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='rect') THEN CREATE ROLE rect LOGIN PASSWORD 'rect' CREATEDB; END IF; END\\\$\\\$\"" >&2
# DROP DATABASE … WITH (FORCE) ends the sessions on a test database, and an autovacuum worker there has no role,
# so without pg_signal_backend the drop fails ("must be a member of the role whose process is being terminated").
as_root su postgres -c "psql -q -c 'GRANT pg_signal_backend TO rect'" >&2

echo "Host=127.0.0.1;Port=5432;Username=rect;Password=rect;Database=postgres"
