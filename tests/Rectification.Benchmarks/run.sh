#!/usr/bin/env bash
# Benchmarks of the running app, built in Release. Not part of the test suite.
#   tests/Rectification.Benchmarks/run.sh evidence [size-mb]     upload and download of one large file
#   tests/Rectification.Benchmarks/run.sh ledger                 export of 10,000 findings, import of 5,000 rows
#   tests/Rectification.Benchmarks/run.sh archive [findings] [mb-per-file]   the 整改档案 .zip of an inspection of
#        1,000 findings with one 1 MB evidence file each (1 GB), streamed; time and the app's memory growth
#   tests/Rectification.Benchmarks/run.sh load [sqlite|postgres] [findings] [seconds] [--reuse]
#        generates a province (100,000 findings by default) into a fresh database, starts the app on it and drives
#        each page with wrk (16 connections, 20 s each); prints the Markdown table for docs/performance.md.
#   tests/Rectification.Benchmarks/run.sh mixed [sqlite|postgres] [findings] [seconds] [write-share] [--reuse] [--reminders]
#        a working day (defaults: sqlite, 100,000 findings, 60 s, write share 0.1): the same generated province, 64+
#        real users of every role and level each signed in once, 16 clients picking a user and something that user
#        does in their own scope (lists, filters, finding pages, dashboards, review queue, notifications; writes through
#        the real forms: progress, claim, submit, review, evidence upload); Home/About measured in the same run as the
#        baseline; prints the Markdown table per kind of request and exits 1 when any request failed.
#        --reminders runs the reminder job (its first run starts with the app)
#   tests/Rectification.Benchmarks/run.sh explain [sqlite|postgres] [findings] [--reuse]
#        the SQL each page of the working day runs, with its plan (EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL, EXPLAIN QUERY
#        PLAN on SQLite), as the province's office, a county leader and a school's head: Markdown for docs/performance.md
#   tests/Rectification.Benchmarks/run.sh audit [sqlite|postgres] [entries]
#        1,000,000 chained audit entries, then the app's chain verification timed over them
#   tests/Rectification.Benchmarks/run.sh generate [sqlite|postgres] [findings]   the data only, kept afterwards
# The databases: SQLite in artifacts/bench/, PostgreSQL as database rect_bench_<findings> on the local server
# (scripts/ensure-postgres.sh starts it). --reuse keeps an already generated database instead of making it again.
set -euo pipefail
cd "$(dirname "$0")/../.."
verb=${1:-evidence}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# database <provider> <name>: prints the connection string of a fresh (or, with --reuse, kept) database.
database() {
  local provider=$1 name=$2
  mkdir -p artifacts/bench
  if [ "$provider" = postgres ]; then
    local admin
    admin=$(scripts/ensure-postgres.sh)
    if [ "$reuse" != "--reuse" ]; then
      PGPASSWORD=rect psql -h 127.0.0.1 -U rect -d postgres -q -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" >&2
      PGPASSWORD=rect psql -h 127.0.0.1 -U rect -d postgres -q -c "CREATE DATABASE $name" >&2
    fi
    echo "${admin/Database=postgres/Database=$name}"
  else
    [ "$reuse" = "--reuse" ] || rm -f "artifacts/bench/$name.db"*
    echo "Data Source=$PWD/artifacts/bench/$name.db"
  fi
}

provider_name() { if [ "$1" = postgres ]; then echo PostgreSql; else echo Sqlite; fi; }

dotnet build src/Rectification.Web -c Release -nologo -v q >/dev/null
dotnet build tests/Rectification.Benchmarks -c Release -nologo -v q >/dev/null
app=src/Rectification.Web/bin/Release/net10.0/Rectification.Web.dll
bench=tests/Rectification.Benchmarks/bin/Release/net10.0/Rectification.Benchmarks.dll
case $verb in
  evidence) dotnet "$bench" evidence --app "$app" --size-mb "${2:-100}" ;;
  ledger) dotnet "$bench" ledger --app "$app" ;;
  archive) dotnet "$bench" archive --app "$app" --findings "${2:-1000}" --size-mb "${3:-1}" ;;
  generate|load)
    db=${2:-sqlite} findings=${3:-100000} seconds=${4:-20} reuse=${5:-}
    if [ "$verb" = load ] && ! command -v wrk >/dev/null 2>&1; then
      echo "Installing wrk…" >&2
      as_root apt-get update -qq >&2
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >&2
    fi
    connection=$(database "$db" "rect_bench_$findings")
    if [ "$verb" = generate ]; then
      dotnet "$bench" generate --provider "$(provider_name "$db")" --connection "$connection" --findings "$findings"
    else
      dotnet "$bench" load --app "$app" --provider "$(provider_name "$db")" --connection "$connection" \
        --findings "$findings" --seconds "$seconds" --clients 16 $reuse
    fi
    ;;
  mixed)
    db=${2:-sqlite} findings=${3:-100000} seconds=${4:-60} share=0.1 reuse= flags=()
    for arg in "${@:5}"; do
      case $arg in
        --reuse) reuse=--reuse ;;
        --reminders) flags+=("$arg") ;;
        --*) echo "unknown option: $arg" >&2; exit 2 ;;
        *) share=$arg ;;
      esac
    done
    connection=$(database "$db" "rect_bench_$findings")
    dotnet "$bench" mixed --app "$app" --provider "$(provider_name "$db")" --connection "$connection" \
      --findings "$findings" --seconds "$seconds" --clients 16 --write-share "$share" $reuse "${flags[@]}"
    ;;
  explain)
    db=${2:-sqlite} findings=${3:-100000} reuse=${4:-}
    connection=$(database "$db" "rect_bench_$findings")
    dotnet "$bench" explain --app "$app" --provider "$(provider_name "$db")" --connection "$connection" --findings "$findings" $reuse
    ;;
  audit)
    db=${2:-sqlite} entries=${3:-1000000} reuse=
    connection=$(database "$db" "rect_bench_audit")
    dotnet "$bench" audit --provider "$(provider_name "$db")" --connection "$connection" --entries "$entries"
    ;;
  *) echo "unknown benchmark: $verb" >&2; exit 2 ;;
esac
