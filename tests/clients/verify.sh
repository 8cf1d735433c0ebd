#!/usr/bin/env bash
# Opens every chronoscope export in the real client software and prints a
# pass/fail table (Markdown). Installs the clients from the package
# registries first: Debian (chromium, pandoc, khal; needs root), npm
# (@knight-lab/timelinejs 3.9.11, ical.js, citeproc), PyPI (icalendar,
# pandas, in a virtualenv). CI does not run it (it needs a browser).
#
#   tests/clients/verify.sh            # install, export, check
#   NO_INSTALL=1 tests/clients/verify.sh   # clients already installed
#
# Three stores are exported in every format: the shipped one, tests/clients/
# dates (open and unknown interval ends, BCE years, a decade, a season) and
# tests/clients/hostile (script in every field TimelineJS renders).
# Exit code 1 when any check fails.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/tests/clients"
WORK=${CHRONOSCOPE_CLIENTS_DIR:-$ROOT/target/clients}
OUT="$WORK/out"
mkdir -p "$OUT"

if [ -z "${NO_INSTALL:-}" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium pandoc khal >/dev/null
  fi
  npm install --prefix "$WORK" --no-audit --no-fund --silent \
    @knight-lab/timelinejs@3.9.11 ical.js@2.2.1 citeproc@2.4.63 >/dev/null
  python3 -m venv "$WORK/venv"
  "$WORK/venv/bin/pip" install --quiet icalendar==7.3.2 pandas==3.0.1 ||
    "$WORK/venv/bin/pip" install --quiet icalendar pandas
fi
PY="$WORK/venv/bin/python3"
[ -x "$PY" ] || PY=python3
MODULES="$WORK/node_modules"

(cd "$ROOT" && cargo build --quiet --bin chronoscope)
BIN="$ROOT/target/debug/chronoscope"
export SOURCE_DATE_EPOCH=1700000000

export_all() { # LABEL [--store FILE]
  local label=$1
  shift
  local fmt ext
  for fmt in json csv md ics timelinejs csl; do
    case $fmt in
      timelinejs) ext=timeline.json ;;
      csl) ext=csl.json ;;
      *) ext=$fmt ;;
    esac
    "$BIN" "$@" export --format "$fmt" >"$OUT/$label.$ext" 2>"$OUT/$label.$ext.report"
  done
}
export_all shipped
export_all dates --store "$HERE/dates/events.yaml"
export_all hostile --store "$HERE/hostile/events.yaml"

written() { grep -o 'wrote [0-9]*' "$OUT/$1.$2.report" | head -1 | cut -d' ' -f2; }

RESULTS="$WORK/results.tsv"
{
  for label in shipped dates hostile; do
    node "$HERE/timelinejs_check.js" "$MODULES" "$OUT/$label.timeline.json" "$label"
    node "$HERE/ics_check.js" "$MODULES" "$OUT/$label.ics" "$label" "$(written "$label" ics)"
  done
  node "$HERE/timelinejs_check.js" "$MODULES" "$OUT/hostile.timeline.json" hostile control
  node "$HERE/csl_check.js" "$MODULES" "$OUT/shipped.csl.json" shipped \
    "kyodo-2023-07=July 14–15, 2023" "japantimes-2014-03=March 22, 2014"
  node "$HERE/csl_check.js" "$MODULES" "$OUT/dates.csl.json" dates \
    "ancient=101BC" "seventies=1970–1979" "spring=Spring 2001" "paper=March 22, 2014"
  "$PY" "$HERE/clients_check.py" "$OUT"
} >"$RESULTS"

echo "| Result | Client | Store | Check | Detail |"
echo "|---|---|---|---|---|"
sed -e 's/|/\\|/g' -e 's/\t/ | /g' -e 's/^/| /' -e 's/$/ |/' "$RESULTS"
pass=$(grep -c '^PASS' "$RESULTS" || true)
fail=$(grep -c '^FAIL' "$RESULTS" || true)
echo
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
