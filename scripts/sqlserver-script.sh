#!/usr/bin/env bash
# Generates the idempotent T-SQL script of every SQL Server migration (no server needed), for DBAs who apply
# migrations by script: artifacts/sqlserver-migrations.sql by default.
set -euo pipefail
cd "$(dirname "$0")/.."
output=${1:-artifacts/sqlserver-migrations.sql}
mkdir -p "$(dirname "$output")"
dotnet tool restore >/dev/null
dotnet ef migrations script --idempotent \
  --project src/Rectification.Migrations.SqlServer \
  --startup-project src/Rectification.Web \
  --output "$output" \
  -- --Database:Provider SqlServer \
     --ConnectionStrings:Rectification "Server=localhost;Database=Rectification;Trusted_Connection=True;TrustServerCertificate=True" \
     --Database:MigrateOnStartup false
echo "Wrote $output"
