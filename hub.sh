#!/usr/bin/env bash
# Hub on one machine.
#   ./hub.sh run    install what is missing (PostgreSQL, Redis, Tesseract), then start everything (Hub.AppHost)
#   ./hub.sh test   install what is missing (also Node.js), then run every test; ends with "N passed, N failed"
#   ./hub.sh bench  install what is missing (also wrk), then the load benchmark of docs/benchmarks.md
#   ./hub.sh rotate-master-key  a new development master key for the running AppHost (docs/byok.md)
# Extra arguments go to the AppHost (run) or to dotnet test (test).
set -euo pipefail
cd "$(dirname "$0")"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Debian/Ubuntu packages for the programs Hub needs; installs only what is missing.
ensure_packages() {
  local missing=()
  [ -n "$(ls /usr/lib/postgresql/*/bin/postgres 2>/dev/null)" ] || command -v postgres >/dev/null || missing+=(postgresql)
  command -v redis-server >/dev/null || [ -x /usr/bin/redis-server ] || missing+=(redis-server)
  # OCR of images (Hub.Scanner/Ocr): Tesseract 5, its English model and Leptonica, called in-process.
  { [ -f /usr/share/tesseract-ocr/5/tessdata/eng.traineddata ] && ls /usr/lib/*/libtesseract.so.5 /usr/lib/*/liblept.so.5 >/dev/null 2>&1; } \
    || missing+=(tesseract-ocr tesseract-ocr-eng libtesseract5 liblept5)
  # The fonts the test images are drawn with (tests/Hub.Testing/Images).
  [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] && [ -f /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf ] \
    || missing+=(fonts-dejavu-core)
  if [ "${1:-}" = "with-node" ]; then
    command -v node >/dev/null || missing+=(nodejs)
    command -v npm >/dev/null || missing+=(npm)
  fi
  if [ "${1:-}" = "with-wrk" ]; then
    command -v wrk >/dev/null || missing+=(wrk)
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing ${missing[*]} ..."
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# Adds up the per-assembly summaries of dotnet test ("Failed!  - Failed: 1, Passed: 9, Skipped: 0, ...").
summarize() {
  awk '/(Passed|Failed)! +- +Failed:/ {
         gsub(",", ""); for (i = 1; i <= NF; i++) {
           if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
       END { line = (p + 0) " passed, " (f + 0) " failed"; if (s > 0) line = line ", " s " skipped"; print line }' "$1"
}

case "${1:-}" in
  run)
    shift
    ensure_packages
    exec dotnet run --project Hub.AppHost -- "$@"
    ;;
  test)
    shift
    ensure_packages with-node
    log=$(mktemp)
    status=0
    dotnet test Hub.sln "$@" 2>&1 | tee "$log" || status=$?
    if ! grep -qE '(Passed|Failed)! +- +Failed:' "$log"; then
      echo "No test ran (build or restore failed; see above)."
      echo "0 passed, 1 failed"
      exit 1
    fi
    summarize "$log"
    rm -f "$log"
    exit $status
    ;;
  bench)
    shift
    ensure_packages with-wrk
    exec dotnet run -c Release --project tests/Hub.Benchmarks -- load "$@"
    ;;
  rotate-master-key)
    shift
    # --no-build: the running services' files must not be rebuilt under them; the AppHost is built if it runs.
    exec dotnet run --no-build --project Hub.AppHost -- rotate-master-key "$@"
    ;;
  *)
    echo "usage: ./hub.sh run [--data-dir DIR] | ./hub.sh test [dotnet test options] | ./hub.sh bench [seconds] | ./hub.sh rotate-master-key [--data-dir DIR]" >&2
    exit 2
    ;;
esac
