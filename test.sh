#!/usr/bin/env bash
# Runs the whole ValueAlign test suite. Installs what the tests need when it is missing
# (Debian's chromium for Playwright, postgresql for the PostgreSQL tests), starts a throw-away
# PostgreSQL server on a free loopback port, runs `dotnet test` on the solution, stops the
# server, and exits non-zero on any failure. .ci/run calls exactly this script.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "test.sh: '$*' needs root; install the package by hand" >&2; return 1; fi
}

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]} from Debian's packages"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
[ -d ../shared/models ] || echo "test.sh: warning: ../shared is missing; tests that need its model and datasets will fail and say so" >&2

# --- PostgreSQL on a free loopback port, in a temporary cluster -----------------------------
pg_bin=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
pg_dir=$(mktemp -d /tmp/valuealign-pg.XXXXXX)
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
pg_user=$(id -un)
run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" -eq 0 ]; then chown postgres "$pg_dir"; pg_user=postgres; fi
cleanup() {
  run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap cleanup EXIT
run_pg "$pg_bin/initdb" -D "$pg_dir/data" -U "$pg_user" --auth=trust -E UTF8 >/dev/null
run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c fsync=off -c max_connections=200" start >/dev/null
export VALUEALIGN_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=$pg_user;Database=postgres"
echo "test.sh: PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port"

# --- the tests ------------------------------------------------------------------------------
results="$root/TestResults"
rm -rf "$results"
mkdir -p "$results"
set +e
dotnet test "$root/ValueAlign.sln" -c Release --results-directory "$results" \
  --logger "trx;LogFileName=tests.trx" --logger "console;verbosity=minimal" "$@"
status=$?
set -e

# One plain summary line, counted from the trx report.
if [ -f "$results/tests.trx" ]; then
  python3 - "$results/tests.trx" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
c = ET.parse(sys.argv[1]).getroot().find("t:ResultSummary/t:Counters", ns).attrib
print(f"{c['passed']} passed, {int(c['failed']) + int(c.get('error', 0))} failed, {int(c['total']) - int(c['passed']) - int(c['failed'])} skipped")
PY
fi
exit $status
