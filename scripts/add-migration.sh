#!/usr/bin/env bash
# Adds a migration named $1 to all three providers, each generated from the app's real model
# (through the web host, so Identity's configuration is included).
#   scripts/add-migration.sh AddEvidence
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh MigrationName}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet build src/Rectification.Web -v q -nologo >/dev/null

for provider in Sqlite PostgreSql SqlServer; do
  echo "== $provider"
  # The non-SQLite providers need a syntactically valid connection string; nothing connects to it.
  case $provider in
    Sqlite) connection="Data Source=design-time.db" ;;
    PostgreSql) connection="Host=localhost;Database=design_time;Username=design;Password=design" ;;
    SqlServer) connection="Server=localhost;Database=DesignTime;Trusted_Connection=True;TrustServerCertificate=True" ;;
  esac
  dotnet ef migrations add "$name" \
    --no-build \
    --project "src/Rectification.Migrations.$provider" \
    --startup-project src/Rectification.Web \
    --output-dir Migrations \
    -- --Database:Provider "$provider" --ConnectionStrings:Rectification "$connection" --Database:MigrateOnStartup false
done
