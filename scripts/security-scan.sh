#!/usr/bin/env bash
# Scans a running copy of the app with Debian's wapiti (web vulnerabilities) and sqlmap (SQL injection), signed in
# as the inspection office (the role that reaches the most pages). Not part of CI: a full scan takes a while.
#   scripts/security-scan.sh            # reports in artifacts/security/
# The app runs in Production mode on a fresh SQLite database with the demo data, on plain HTTP loopback (so its
# cookies drop the Secure flag: Security:SecureCookies=false) and with the sign-in rate limit raised for the scanner.
# Exits non-zero when sqlmap finds an injectable parameter or wapiti reports a vulnerability.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v wapiti >/dev/null || ! command -v sqlmap >/dev/null; then
  sudo_cmd=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
  $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq wapiti sqlmap
fi

port=${PORT:-5099}
base="http://127.0.0.1:$port"
out=artifacts/security
work=$(mktemp -d)
mkdir -p "$out"
app=
trap '[ -n "$app" ] && kill "$app" 2>/dev/null; rm -rf "$work"' EXIT

dotnet build src/Rectification.Web -c Release -nologo -v q
bin=$PWD/src/Rectification.Web/bin/Release/net10.0
ASPNETCORE_ENVIRONMENT=Production dotnet "$bin/Rectification.Web.dll" --contentRoot "$bin" \
  --urls "$base" \
  --ConnectionStrings:Rectification "Data Source=$work/scan.db" \
  --Evidence:Root "$work/evidence" --Audit:ArchiveRoot "$work/archive" \
  --Audit:Digest:Folder "$work/digests" --Audit:Digest:SigningKeyFile "$work/digest-key.pem" --Audit:Digest:CreateKeyIfMissing true \
  --Demo:Seed true --Security:SecureCookies false --RateLimits:LoginPerMinute 100000 \
  --Serilog:WriteTo:1:Args:path "$work/log-.log" > "$out/app.log" 2>&1 &
app=$!
for _ in $(seq 1 60); do curl -fs "$base/health/live" >/dev/null && break; sleep 1; done

# Sign in through the real form: antiforgery cookie and token first, then the credentials.
jar="$work/cookies.txt"
token=$(curl -fs -c "$jar" "$base/Account/Login" | grep -oP 'name="__RequestVerificationToken" type="hidden" value="\K[^"]+|value="\K[^"]+(?=" name="__RequestVerificationToken")' | awk 'NR == 1')
curl -fs -b "$jar" -c "$jar" -o /dev/null --data-urlencode "UserName=inspector" --data-urlencode "Password=Rectify#2023" \
  --data-urlencode "__RequestVerificationToken=$token" "$base/Account/Login"
# HttpOnly cookies are written as "#HttpOnly_host…" lines: not comments.
cookie=$(sed 's/^#HttpOnly_//' "$jar" | awk '!/^#/ && NF >= 7 {printf "%s=%s; ", $6, $7}')
grep -q "Rectification.Auth" <<<"$cookie" || { echo "sign-in failed"; exit 1; }

echo "== wapiti"
# Debian's wapiti 3.0.4 builds its exclusion patterns with a regex that Python 3.11 refuses ("global flags not at the
# start"); the same function with the flags in front is patched in before it runs. Modules: everything that attacks
# this app's surface, without the time-based blind SQL module (hours here; sqlmap below covers time-based SQL
# injection) and without the ones that call wapiti's servers on the internet (ssrf, nikto database updates).
/usr/bin/python3 - "$base" "$cookie" "$out/wapiti.json" "${SCAN_SECONDS:-900}" <<'PY' || true
import re, sys
import wapitiCore.net.crawler as crawler
crawler.wildcard_translate = lambda pattern: re.compile("(?ms)" + re.escape(pattern).replace(r"\*", ".*") + r"\Z")
from wapitiCore.main.wapiti import wapiti_main
base, cookie, report, seconds = sys.argv[1:5]
sys.argv = ["wapiti", "-u", base + "/", "-H", "Cookie: " + cookie, "--scope", "folder",
            "-x", base + "/Account/Logout", "-x", base + "/Language/Set", "-d", "3", "--max-links-per-page", "40",
            "--max-scan-time", seconds, "--max-attack-time", seconds, "--flush-session",
            "-m", "sql,xss,exec,file,crlf,redirect,xxe,http_headers,cookieflags,csrf,backup,htaccess,methods", "-f", "json", "-o", report, "-v", "0"]
sys.exit(wapiti_main())
PY

echo "== sqlmap"
sqlmap -u "$base/Findings?Text=1&UnitId=3&Status=InProgress&Sort=Deadline&Page=1" --cookie "$cookie" --batch --level 2 --risk 1 \
  --skip-static --output-dir "$out/sqlmap" --disable-coloring > "$out/sqlmap-findings.txt" 2>&1 || true
sqlmap -u "$base/Dashboard?UnitId=1&InspectionId=1" --cookie "$cookie" --batch --level 2 --risk 1 \
  --output-dir "$out/sqlmap" --disable-coloring > "$out/sqlmap-dashboard.txt" 2>&1 || true
sqlmap -u "$base/Public/Reports?page=1" --batch --level 2 --risk 1 \
  --output-dir "$out/sqlmap" --disable-coloring > "$out/sqlmap-public.txt" 2>&1 || true

found=0
if grep -l "is vulnerable\|Parameter: .* (GET)" "$out"/sqlmap-*.txt; then found=1; fi
vulnerabilities=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(sum(len(v) for v in d.get("vulnerabilities", {}).values()))' "$out/wapiti.json" 2>/dev/null || echo "?")
echo "wapiti vulnerabilities: $vulnerabilities (details: $out/wapiti.json; anomalies and additionals listed there too)"
echo "sqlmap injectable parameters found: $found"
[ "$found" = 0 ] && [ "$vulnerabilities" = 0 ]
