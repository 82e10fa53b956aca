#!/usr/bin/env bash
# Benchmarks of the running app, built in Release. Not part of the test suite.
#   tests/Rectification.Benchmarks/run.sh evidence [size-mb]     upload and download of one large file
#   tests/Rectification.Benchmarks/run.sh ledger                 export of 10,000 findings, import of 5,000 rows
set -euo pipefail
cd "$(dirname "$0")/../.."
verb=${1:-evidence}
dotnet build src/Rectification.Web -c Release -nologo -v q >/dev/null
dotnet build tests/Rectification.Benchmarks -c Release -nologo -v q >/dev/null
app=src/Rectification.Web/bin/Release/net10.0/Rectification.Web.dll
bench=tests/Rectification.Benchmarks/bin/Release/net10.0/Rectification.Benchmarks.dll
case $verb in
  evidence) dotnet "$bench" evidence --app "$app" --size-mb "${2:-100}" ;;
  ledger) dotnet "$bench" ledger --app "$app" ;;
  *) echo "unknown benchmark: $verb" >&2; exit 2 ;;
esac
