#!/usr/bin/env bash
# The one test command of the README: ./build.sh test
# On a fresh Debian machine with the .NET SDK it installs what the tests need (PostgreSQL, node
# with ical.js and libical for the calendar checks, dovecot for the IMAP answer tests, Chromium and
# axe-core for the browser tests),
# starts a throwaway PostgreSQL server on 127.0.0.1, runs every test and stops the server again.
set -euo pipefail
cd "$(dirname "$0")"

usage() { echo "usage: ./build.sh test | build | format" >&2; exit 2; }
[[ $# -ge 1 ]] || usage

log() { printf '\n== %s\n' "$*"; }

apt_install() {
    local missing=()
    for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
    ((${#missing[@]})) || return 0
    local sudo=""; [[ $(id -u) -eq 0 ]] || sudo="sudo"
    log "installing ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

WORK=""
PG_BIN=""
cleanup() {
    if [[ -n "$PG_BIN" && -d "$WORK/pg" ]]; then
        runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/pg" -m fast -w stop >/dev/null 2>&1 || true
    fi
    [[ -n "$WORK" ]] && rm -rf "$WORK"
}

start_postgres() {
    apt_install postgresql
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
    WORK=$(mktemp -d /tmp/dialogplanner-test.XXXXXX)
    chmod 755 "$WORK"
    mkdir "$WORK/pg" && chown postgres:postgres "$WORK/pg"
    local port; port=$(free_port)
    log "starting PostgreSQL ($PG_BIN) on 127.0.0.1:$port"
    runuser -u postgres -- "$PG_BIN/initdb" -D "$WORK/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/server.log" \
        -o "-p $port -k $WORK/pg -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" -w start >/dev/null
    export DIALOGPLANNER_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Pooling=true;Maximum Pool Size=20"
}

# Independent calendar parsers for the invitation tests: ical.js (Thunderbird's) and libical.
install_calendar_checkers() {
    command -v node >/dev/null 2>&1 || apt_install nodejs npm
    apt_install gir1.2-ical-3.0 python3-gi
    log "installing ical.js for the calendar checks"
    npm ci --prefix tests/ical-check --no-audit --no-fund
}

# tests/DialogPlanner.BrowserTests drive Debian's Chromium through Playwright (no browser download)
# and check pages with axe-core from npm. Their phone-width checks measure text in DejaVu Sans.
install_browser_test_tools() {
    apt_install chromium fonts-dejavu-core
    command -v node >/dev/null || apt_install nodejs npm
    log "installing axe-core (tests/axe)"
    npm ci --prefix tests/axe --no-audit --no-fund --loglevel=error
}

# Leaflet for the walk maps (src/DialogPlanner.Web/package.json); the build copies it into wwwroot/lib.
install_client_libraries() {
    command -v node >/dev/null || apt_install nodejs npm
    log "installing the web app's client libraries (Leaflet)"
    npm ci --prefix src/DialogPlanner.Web --no-audit --no-fund --loglevel=error
}

# The IMAP answer tests start their own dovecot (tests/DialogPlanner.Tests/Mail/TestImapServer.cs).
install_mail_test_tools() {
    apt_install dovecot-imapd
}

run_tests() {
    trap cleanup EXIT
    install_browser_test_tools
    install_client_libraries
    install_mail_test_tools
    start_postgres
    install_calendar_checkers
    log "building"
    dotnet build DialogPlanner.sln -c Release -warnaserror -nologo -v quiet
    log "checking formatting (dotnet format --verify-no-changes)"
    dotnet format DialogPlanner.sln --verify-no-changes --no-restore
    log "running tests"
    local results="$WORK/results"
    set +e
    dotnet test DialogPlanner.sln -c Release --no-build --nologo \
        --logger "trx;LogFilePrefix=tests" --results-directory "$results" \
        --logger "console;verbosity=normal"
    local code=$?
    set -e
    # One closing line for people and CI: counts from the test results of every test project.
    /usr/bin/python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(f).find(".//t:ResultSummary/t:Counters", ns)
    passed += int(c.get("passed")); failed += int(c.get("failed")) + int(c.get("error")) + int(c.get("timeout"))
    skipped += int(c.get("notExecuted"))
print(f"\n{passed} passed, {failed} failed, {skipped} skipped")
PY
    return $code
}

case "$1" in
    test) run_tests ;;
    build) dotnet build DialogPlanner.sln -warnaserror -nologo ;;
    format) dotnet format DialogPlanner.sln --verify-no-changes ;;
    *) usage ;;
esac
