#!/usr/bin/env bash
# Copies the browser tests' screenshots (artifacts/screenshots/, written by `dotnet test tests/Rectification.BrowserTests`)
# that the user guide shows into docs/images/. Run after the browser tests when a page the guide shows has changed.
set -euo pipefail
cd "$(dirname "$0")/.."
shots=artifacts/screenshots
for name in login findings-list finding-details dashboard review-queue report public-report; do
  cp "$shots/$name.png" "docs/images/$name.png"
done
cp "$shots/ledger-import.png" docs/images/ledger.png
echo "docs/images updated from $shots"
