#!/usr/bin/env bash
# Runs every test suite on a fresh machine of this kind: installs and starts what is missing (PostgreSQL,
# Chromium and the CJK fonts), restores the .NET tools, builds once, then runs the unit tests, the integration
# tests on SQLite and on PostgreSQL, and the browser tests. The last line it prints is the total: "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"

postgres=$(scripts/ensure-postgres.sh)
scripts/ensure-browser.sh
dotnet tool restore >/dev/null
dotnet build Rectification.sln -c Release -nologo -v q

mkdir -p artifacts
log=artifacts/test-output.txt
: > "$log"
status=0

run() { # run <label> <project> [VAR=value …]
  local label=$1 project=$2
  shift 2
  echo "== $label"
  env "$@" dotnet test "$project" -c Release --no-build --nologo 2>&1 | tee -a "$log" || status=1
}

run "unit tests" tests/Rectification.UnitTests
run "integration tests on SQLite" tests/Rectification.IntegrationTests RECTIFICATION_TEST_PROVIDER=Sqlite RECTIFICATION_TEST_POSTGRES=
run "integration tests on PostgreSQL" tests/Rectification.IntegrationTests RECTIFICATION_TEST_PROVIDER=PostgreSql "RECTIFICATION_TEST_POSTGRES=$postgres"
run "browser tests (Chromium)" tests/Rectification.BrowserTests RECTIFICATION_TEST_PROVIDER=Sqlite RECTIFICATION_TEST_POSTGRES=

passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
# A suite that crashed before reporting counts as a failure too.
[ "$status" = 0 ] || [ "$failed" -gt 0 ] || failed=1
echo "$passed passed, $failed failed"
[ "$status" = 0 ] && [ "$failed" = 0 ]
