#!/usr/bin/env bash
# Backup and restore drill, as docs/operations.md describes it, for SQLite and for PostgreSQL:
#   1. start the app (Release build, demo data) on a fresh database and evidence store, use it (health, sign-in,
#      a page, an evidence download: the last writes an audit entry),
#   2. back it up WHILE IT RUNS: the database first (SQLite online backup API through the sqlite3 CLI, or pg_dump),
#      then the evidence store,
#   3. stop it, restore the backup into a new database and a new evidence directory,
#   4. verify: the row counts of the main tables equal the original's, every stored file referenced by a row is
#      there with the SHA-256 its row records, `audit verify` finds the audit chain intact and in agreement with the
#      signed digests the original wrote outside the database (they are not part of the backup: they stay put),
#   5. start a fresh instance on the restored copy and check that it answers and lets a user sign in and download;
#   6. prove the checks bite: a damaged file and an altered audit entry (in a scratch copy) must be reported.
# Exits non-zero at the first mismatch. Usage: scripts/backup-restore-drill.sh [sqlite|postgres|all] (default all)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
which=${1:-all}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
log() { echo "[drill] $*" >&2; }
fail() { echo "[drill] FAILED: $*" >&2; exit 1; }

if ! command -v sqlite3 >/dev/null 2>&1; then
  log "installing sqlite3"
  as_root apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3 >&2
fi

dll=$root/src/Rectification.Web/bin/Release/net10.0/Rectification.Web.dll
if [ ! -f "$dll" ]; then
  dotnet build src/Rectification.Web -c Release -nologo -v q >&2
fi

work=$(mktemp -d /tmp/rectification-drill.XXXXXX)
# The digest signing key, made as an operator makes it; each drill's instances append their digests to $digests.
key="$work/audit-digest-key.pem"
digests=
pids=()
pg_databases=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  for db in "${pg_databases[@]}"; do psql_admin -q -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# start_app NAME PROVIDER CONNECTION EVIDENCE_ROOT → sets $app_pid and $app_url
start_app() {
  local name=$1 provider=$2 connection=$3 evidence=$4 port
  port=$(free_port)
  mkdir -p "$work/$name"
  (cd "$work/$name" && exec dotnet "$dll" --contentRoot "$(dirname "$dll")" --urls "http://127.0.0.1:$port" \
    --Database:Provider "$provider" --ConnectionStrings:Rectification "$connection" \
    --Evidence:Root "$evidence" --Demo:Seed true --Reminders:Enabled false \
    --Audit:Digest:Folder "$digests" --Audit:Digest:SigningKeyFile "$key" \
    --Security:SecureCookies false --RateLimits:LoginPerMinute 100000 \
    --Serilog:WriteTo:1:Args:path "$work/$name/logs/rectification-.log" --Serilog:MinimumLevel:Default Warning \
    >"$work/$name/console.log" 2>&1) &
  app_pid=$!
  pids+=("$app_pid")
  app_url="http://127.0.0.1:$port"
  for _ in $(seq 1 180); do
    if curl -fsS -o /dev/null "$app_url/health/ready" 2>/dev/null; then
      log "$name answers at $app_url (pid $app_pid)"
      return 0
    fi
    kill -0 "$app_pid" 2>/dev/null || { cat "$work/$name/console.log" >&2; fail "$name stopped during start-up"; }
    sleep 1
  done
  cat "$work/$name/console.log" >&2
  fail "$name did not become ready"
}

stop_app() {
  kill "$1"
  wait "$1" 2>/dev/null || true
}

# use_app URL NAME: signs in as the demo inspector, opens the findings list and downloads one evidence file.
use_app() {
  local url=$1 name=$2 jar="$work/$2.cookies" token status version
  curl -fsS -o /dev/null "$url/health/live" || fail "$name: /health/live"
  curl -fsS -o /dev/null "$url/health/ready" || fail "$name: /health/ready"
  token=$(curl -fsS -c "$jar" -b "$jar" "$url/Account/Login" \
    | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | awk 'NR == 1' | sed 's/.*value="//; s/"$//')
  [ -n "$token" ] || fail "$name: no antiforgery token on the login page"
  status=$(curl -sS -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" \
    --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "UserName=inspector" \
    --data-urlencode "Password=Rectify#2023" "$url/Account/Login")
  [ "$status" = 302 ] || fail "$name: sign-in answered $status"
  status=$(curl -sS -o /dev/null -w '%{http_code}' -b "$jar" "$url/Findings")
  [ "$status" = 200 ] || fail "$name: /Findings answered $status"
  version=$(query "$name" 'SELECT MIN("Id") FROM "EvidenceVersions"')
  if [ -n "$version" ]; then
    status=$(curl -sS -o "$work/$name.download" -w '%{http_code}' -b "$jar" "$url/Evidence/Download/$version")
    [ "$status" = 200 ] || fail "$name: evidence download answered $status"
    local expected actual
    expected=$(query "$name" "SELECT \"Sha256\" FROM \"EvidenceVersions\" WHERE \"Id\" = $version")
    actual=$(sha256sum "$work/$name.download" | cut -d' ' -f1)
    [ "$expected" = "$actual" ] || fail "$name: downloaded evidence $version has SHA-256 $actual, expected $expected"
  fi
  log "$name: health, sign-in, findings list and evidence download work"
}

# query NAME SQL: one value (or lines) from the database named by the drill target's variables.
query() {
  local name=$1 sql=$2
  case ${kind[$name]} in
    sqlite) sqlite3 -batch -noheader "${target[$name]}" "$sql" ;;
    postgres) PGPASSWORD=$pg_password psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d "${target[$name]}" -At -q -c "$sql" ;;
  esac
}

tables=(OrgUnits AspNetUsers AspNetUserRoles Inspections FindingCategories Findings Measures FindingEvents EvidenceItems
  EvidenceVersions Mechanisms MechanismDocuments MechanismFindings PublicReports ReportComments Urges Notifications
  DeadlineExtensions UserSessions PasswordHistory DataProtectionKeys AuditEntries AuditChainHead
  GroupRobots GroupRobotMessages SiteVisits SiteVisitUnits SiteVisitResults FollowUps)

counts() { # counts NAME → "table=n" lines
  local t
  for t in "${tables[@]}"; do echo "$t=$(query "$1" "SELECT COUNT(*) FROM \"$t\"")"; done
}

# verify_evidence NAME EVIDENCE_ROOT: every file a row refers to exists and has the row's SHA-256.
verify_evidence() {
  local name=$1 evidence=$2 checked=0 sha file actual
  while read -r sha; do
    [ -n "$sha" ] || continue
    file="$evidence/blobs/${sha:0:2}/${sha:2:2}/$sha"
    [ -f "$file" ] || { echo "missing $file"; return 1; }
    actual=$(sha256sum "$file" | cut -d' ' -f1)
    [ "$actual" = "$sha" ] || { echo "$file has SHA-256 $actual"; return 1; }
    checked=$((checked + 1))
  done < <(query "$name" 'SELECT "Sha256" FROM "EvidenceVersions" UNION SELECT "Sha256" FROM "MechanismDocuments"')
  [ "$checked" -gt 0 ] || { echo "no stored files referenced at all"; return 1; }
  echo "$checked files"
}

audit_verify() { # audit_verify PROVIDER CONNECTION → the verb's exit code
  (cd "$work" && dotnet "$dll" audit verify --contentRoot "$(dirname "$dll")" --Database:Provider "$1" --ConnectionStrings:Rectification "$2" \
    --Database:MigrateOnStartup false --Serilog:WriteTo:1:Args:path "$work/logs/cli-.log" --Serilog:MinimumLevel:Default Warning \
    --Audit:Digest:Folder "$digests" --Audit:Digest:SigningKeyFile "$key")
}

(cd "$work" && dotnet "$dll" audit new-key "$key" --Serilog:WriteTo:1:Args:path "$work/logs/cli-.log" >&2)

declare -A kind target

drill() { # drill sqlite|postgres
  local k=$1 provider original restored source_conn restored_conn backup="$work/$1-backup"
  mkdir -p "$backup"
  digests="$work/$k-digests"
  log "=== $k"
  case $k in
    sqlite)
      provider=Sqlite
      original="$work/$k-original/rectification.db"; restored="$work/$k-restored/rectification.db"
      mkdir -p "$(dirname "$original")" "$(dirname "$restored")"
      source_conn="Data Source=$original"; restored_conn="Data Source=$restored"
      ;;
    postgres)
      provider=PostgreSql
      original="rect_drill_$$_original"; restored="rect_drill_$$_restored"
      pg_databases+=("$original" "$restored")
      psql_admin -q -c "CREATE DATABASE \"$original\"" >/dev/null
      source_conn="Host=$pg_host;Port=$pg_port;Username=$pg_user;Password=$pg_password;Database=$original"
      restored_conn="Host=$pg_host;Port=$pg_port;Username=$pg_user;Password=$pg_password;Database=$restored"
      ;;
  esac
  kind[$k-original]=$k; target[$k-original]=$original
  kind[$k-restored]=$k; target[$k-restored]=$restored

  # 1. A running instance, used.
  start_app "$k-original" "$provider" "$source_conn" "$work/$k-original/evidence"
  local running=$app_pid
  use_app "$app_url" "$k-original"

  # 2. Back up while it runs: the database first, then the evidence store (files are written before their rows,
  #    and never changed, so every row in the backup finds its file).
  case $k in
    sqlite) sqlite3 "$original" ".backup '$backup/rectification.db'" ;;
    postgres) PGPASSWORD=$pg_password pg_dump -h "$pg_host" -p "$pg_port" -U "$pg_user" -Fc -f "$backup/rectification.dump" "$original" ;;
  esac
  tar -C "$work/$k-original/evidence" -czf "$backup/evidence.tar.gz" .
  log "$k: backed up while running: $(du -sh "$backup" | cut -f1)"
  curl -fsS -o /dev/null "$app_url/health/ready" || fail "$k: the instance stopped answering during the backup"

  # 3. Stop it; restore into a new database and a new directory.
  stop_app "$running"
  case $k in
    sqlite) cp "$backup/rectification.db" "$restored" ;;
    postgres)
      psql_admin -q -c "CREATE DATABASE \"$restored\"" >/dev/null
      PGPASSWORD=$pg_password pg_restore -h "$pg_host" -p "$pg_port" -U "$pg_user" --no-owner -d "$restored" "$backup/rectification.dump"
      ;;
  esac
  mkdir -p "$work/$k-restored/evidence"
  tar -C "$work/$k-restored/evidence" -xzf "$backup/evidence.tar.gz"

  # 4. Verify the copy.
  local before after
  before=$(counts "$k-original"); after=$(counts "$k-restored")
  if [ "$before" != "$after" ]; then
    diff <(echo "$before") <(echo "$after") >&2 || true
    fail "$k: row counts of the restored copy differ"
  fi
  log "$k: row counts equal: $(echo "$after" | tr '\n' ' ')"
  local files
  files=$(verify_evidence "$k-restored" "$work/$k-restored/evidence") || fail "$k: evidence: $files"
  log "$k: evidence intact: $files match their rows' SHA-256"
  audit_verify "$provider" "$restored_conn" || fail "$k: audit verify on the restored copy"

  # 5. A fresh instance on the restored copy.
  start_app "$k-restored" "$provider" "$restored_conn" "$work/$k-restored/evidence"
  use_app "$app_url" "$k-restored"
  stop_app "$app_pid"
  audit_verify "$provider" "$restored_conn" || fail "$k: audit verify after the restored instance ran"

  # 6. The checks must notice damage: a flipped byte in a stored file, an altered audit entry (scratch copies).
  if [ "$k" = sqlite ]; then
    cp -r "$work/$k-restored/evidence" "$work/$k-damaged-evidence"
    local victim
    victim=$(find "$work/$k-damaged-evidence/blobs" -type f -print -quit)
    printf 'X' | dd of="$victim" bs=1 seek=10 conv=notrunc status=none
    if verify_evidence "$k-restored" "$work/$k-damaged-evidence" >/dev/null; then fail "$k: a damaged evidence file went unnoticed"; fi
    cp "$restored" "$work/damaged.db"
    sqlite3 "$work/damaged.db" 'UPDATE "AuditEntries" SET "Details" = COALESCE("Details", '"''"') || '"'x'"' WHERE "Sequence" = (SELECT MAX("Sequence") FROM "AuditEntries")'
    local code=0
    audit_verify Sqlite "Data Source=$work/damaged.db" >/dev/null || code=$?
    [ "$code" = 1 ] || fail "$k: audit verify exited $code on an altered entry, expected 1"
    log "$k: a damaged file and an altered audit entry are both reported"
  fi
  log "$k: drill passed"
}

case $which in
  sqlite | all) drill sqlite ;;
esac
case $which in
  postgres | all)
    admin=$(scripts/ensure-postgres.sh)
    field() { echo "$admin" | tr ';' '\n' | sed -n "s/^$1=//p"; }
    pg_host=$(field Host); pg_port=$(field Port); pg_user=$(field Username); pg_password=$(field Password)
    psql_admin() { PGPASSWORD=$pg_password psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres "$@"; }
    drill postgres
    ;;
esac
log "all drills passed"
