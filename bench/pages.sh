#!/usr/bin/env bash
# Page benchmark (issue 11): publishes the app in Release, fills a fresh database with `seed-scale`, starts the
# app in Production on 127.0.0.1, signs in as the generated organiser and task owner, and loads each page with
# wrk (32 connections), /help (the layout alone, no database) before and after them in the same run. Prints one
# table: requests/s, p50, p99, the ratio to /help, response size, and the app's peak resident memory.
# Not part of the tests; figures and how to read them: docs/benchmarks.md.
#
#   ./bench/pages.sh                          10 years x 12 municipalities on SQLite
#   ./bench/pages.sh --small                  1 year x 1 municipality, 5 s a page: a quick look
#   ./bench/pages.sh --municipalities 2 --years 5 --duration 10 --connections 32 --seed 1
#   ./bench/pages.sh --postgres               on a throwaway PostgreSQL server started here (as build.sh does)
#   ./bench/pages.sh --postgres="Host=...;Port=...;Username=...;Password=..."
#                                             on that server, in a database made for the run and dropped after
#   ./bench/pages.sh --existing-sqlite FILE --password P
#   ./bench/pages.sh --existing-postgres "Host=...;Database=..." --password P
#                                             on a database already filled by `seed-scale --password P` (kept as it is)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

MUNICIPALITIES=12 YEARS=10 DURATION=10 CONNECTIONS=32 SEED=1 POSTGRES="" PG_SERVER="" EXISTING="" PASSWORD=""
usage() { sed -n '2,19p' "$0" >&2; exit 2; }
while (($#)); do
    case "$1" in
        --small) MUNICIPALITIES=1 YEARS=1 DURATION=5 ;;
        --municipalities) MUNICIPALITIES=${2:?}; shift ;;
        --years) YEARS=${2:?}; shift ;;
        --duration) DURATION=${2:?}; shift ;;
        --connections) CONNECTIONS=${2:?}; shift ;;
        --seed) SEED=${2:?}; shift ;;
        --postgres) POSTGRES=throwaway ;;
        --postgres=*) POSTGRES=server; PG_SERVER=${1#--postgres=} ;;
        --existing-sqlite) EXISTING=Sqlite; EXISTING_CONNECTION="Data Source=$(realpath "${2:?}")"; shift ;;
        --existing-postgres) EXISTING=Postgres; EXISTING_CONNECTION=${2:?}; shift ;;
        --password) PASSWORD=${2:?}; shift ;;
        *) usage ;;
    esac
    shift
done
for n in "$MUNICIPALITIES" "$YEARS" "$DURATION" "$CONNECTIONS" "$SEED"; do [[ $n =~ ^-?[0-9]+$ ]] || usage; done
[[ -z $EXISTING || -n $PASSWORD ]] || { echo "An existing database needs the --password it was seeded with." >&2; exit 2; }

log() { printf '== %s\n' "$*" >&2; }

apt_install() {
    local missing=()
    for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
    ((${#missing[@]})) || return 0
    local sudo=""; [[ $(id -u) -eq 0 ]] || sudo="sudo"
    log "installing ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

WORK=$(mktemp -d /tmp/dialogplanner-bench.XXXXXX)
chmod 755 "$WORK"
APP_PID="" PG_BIN="" PG_DROP=""
cleanup() {
    set +e
    [[ -n "$APP_PID" ]] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null
    [[ -n "$PG_DROP" ]] && psql "$PG_ADMIN" -qAtc "DROP DATABASE IF EXISTS \"$PG_DROP\" WITH (FORCE)" >/dev/null 2>&1
    [[ -n "$PG_BIN" ]] && runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/pg" -m fast -w stop >/dev/null 2>&1
    rm -rf "$WORK"
}
trap cleanup EXIT

# An Npgsql connection string ("Host=..;Port=..;Username=..;Password=..") as libpq keywords for psql.
libpq() {
    local out="" part key value
    IFS=';' read -ra parts <<<"$1"
    for part in "${parts[@]}"; do
        key=$(tr '[:upper:]' '[:lower:]' <<<"${part%%=*}" | tr -d ' '); value=${part#*=}
        case "$key" in
            host|server) out+="host=$value " ;; port) out+="port=$value " ;;
            username|user|userid) out+="user=$value " ;; password) out+="password=$value " ;;
            database|db) out+="dbname=$value " ;;
        esac
    done
    echo "$out"
}

apt_install wrk curl time
[[ -n $PASSWORD ]] || PASSWORD="Bench-password-$RANDOM-x"
PROVIDER=Sqlite CONNECTION="Data Source=$WORK/bench.db"
if [[ -n $EXISTING ]]; then
    PROVIDER=$EXISTING CONNECTION=$EXISTING_CONNECTION
elif [[ -n "$POSTGRES" ]]; then
    apt_install postgresql
    PROVIDER=Postgres
    if [[ $POSTGRES == throwaway ]]; then
        PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
        mkdir "$WORK/pg" && chown postgres:postgres "$WORK/pg"
        pg_port=$(free_port)
        log "starting PostgreSQL ($PG_BIN) on 127.0.0.1:$pg_port"
        runuser -u postgres -- "$PG_BIN/initdb" -D "$WORK/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
        runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/server.log" \
            -o "-p $pg_port -k $WORK/pg -c listen_addresses=127.0.0.1 -c max_connections=200" -w start >/dev/null
        PG_SERVER="Host=127.0.0.1;Port=$pg_port;Username=postgres"
    fi
    PG_ADMIN="$(libpq "$PG_SERVER") dbname=postgres"
    PG_DROP="dp_bench_$$"
    psql "$PG_ADMIN" -qAtc "CREATE DATABASE \"$PG_DROP\"" >/dev/null
    CONNECTION="$PG_SERVER;Database=$PG_DROP;Maximum Pool Size=100"
fi

# One query's first row, fields joined by |, from whichever database the run uses.
sql() {
    if [[ $PROVIDER == Sqlite ]]; then
        python3 -c 'import sqlite3,sys; r=sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone(); print("" if r is None else "|".join(map(str,r)))' "${CONNECTION#Data Source=}" "$1"
    else
        psql "$(libpq "$CONNECTION")" -qAtc "$1"
    fi
}

log "publishing DialogPlanner.Web (Release)"
dotnet publish src/DialogPlanner.Web -c Release -o "$WORK/app" -nologo -v quiet >/dev/null
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)

export ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production
# The bench signs in with a password only: the organiser is not asked to enrol in two-factor sign-in here.
export Security__RequireTwoFactor=
export Database__Provider=$PROVIDER ConnectionStrings__DialogPlanner=$CONNECTION
export Admin__Email=admin@bench.example Admin__Password=$PASSWORD
export Email__PickupDirectory=$WORK/mail Photos__Path=$WORK/photos
# wrk is one client: with the normal per-client limit on personal links and feeds, the RSVP page and the calendar
# feed would measure the 429 page. Raised here so that they measure themselves.
export RateLimits__Links__PerClient__Permits=100000000
export Logging__LogLevel__Default=Warning
cd "$WORK/app"

if [[ -n $EXISTING ]]; then
    log "using the existing $PROVIDER database as it is"
    seed_wall=0 seed_user=0 seed_sys=0
    seeded="an existing database: $(sql 'SELECT COUNT(*) FROM "Events"') events, $(sql 'SELECT COUNT(*) FROM "Invitations"') invitations, $(sql 'SELECT COUNT(*) FROM "Municipalities"') municipalities"
else
log "generating $MUNICIPALITIES municipalities x $YEARS years (seed $SEED) on $PROVIDER"
# (SQLite's migrations warn that one of them cannot run in a transaction: known, and not what this is about.)
/usr/bin/time -f '%e %U %S' -o "$WORK/seed.time" \
    dotnet DialogPlanner.Web.dll seed-scale --municipalities "$MUNICIPALITIES" --years "$YEARS" --seed "$SEED" --password "$PASSWORD" 2>&1 \
    | grep -v -e 'PRAGMA foreign_keys' -e 'Migrations\[20410\]' -e 'cannot be executed in a transaction' | tee "$WORK/seed.log" >&2
read -r seed_wall seed_user seed_sys <"$WORK/seed.time"
seeded=$(grep '^Done:' "$WORK/seed.log" | sed 's/^Done: //')
fi

PORT=$(free_port)
BASE="http://127.0.0.1:$PORT"
log "starting the app (Production) on $BASE"
dotnet DialogPlanner.Web.dll --urls "$BASE" >"$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 240); do
    curl -sf "$BASE/health" >/dev/null 2>&1 && break
    kill -0 "$APP_PID" 2>/dev/null || { cat "$WORK/app.log" >&2; echo "The app stopped." >&2; exit 1; }
    sleep 0.5
done
curl -sf "$BASE/health" >/dev/null || { echo "The app did not answer on $BASE/health." >&2; exit 1; }

# Signs in through the login form like a browser; prints the Cookie header of the session.
sign_in() {
    local jar="$WORK/jar-$1" token code
    token=$(curl -s -c "$jar" "$BASE/account/login" | grep -o 'name="__RequestVerificationToken"[^>]*' | sed 's/.*value="\([^"]*\)".*/\1/' | head -n1)
    code=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" -c "$jar" --data-urlencode "Email=$1" --data-urlencode "Password=$PASSWORD" \
        --data-urlencode "__RequestVerificationToken=$token" "$BASE/account/login")
    [[ $code == 302 ]] || { echo "Signing in as $1 failed ($code)." >&2; exit 1; }
    sed 's/^#HttpOnly_//' "$jar" | awk -F'\t' 'NF == 7 && $6 ~ /^dialogplanner\.auth/ { printf "%s%s=%s", sep, $6, $7; sep = "; " }'
}
ORGANISER=$(sign_in samordnare@scale.example)
OWNER=$(sign_in gata@scale.example)

YEAR=$(TZ=Europe/Stockholm date +%Y)
IFS='|' read -r MUNICIPALITY SLUG <<<"$(sql 'SELECT "Id", "Slug" FROM "Municipalities" ORDER BY "Id" LIMIT 1')"
PROMISE=$(sql "SELECT \"Id\" FROM \"CitizenPromises\" WHERE \"MunicipalityId\" = $MUNICIPALITY AND \"Year\" = $YEAR")
EVENT=$(sql "SELECT \"Id\" FROM \"Events\" WHERE \"MunicipalityId\" = $MUNICIPALITY AND \"Type\" = 'DialogueMeeting' AND \"Status\" = 'Held' ORDER BY \"StartsAtUtc\" DESC LIMIT 1")
WALK=$(sql "SELECT \"Id\" FROM \"Events\" WHERE \"MunicipalityId\" = $MUNICIPALITY AND \"Type\" = 'SafetyWalk' AND \"Status\" = 'Held' AND \"ProtocolPublishedAtUtc\" IS NOT NULL ORDER BY \"StartsAtUtc\" DESC LIMIT 1")
TOKEN=$(sql "SELECT i.\"Token\" FROM \"Invitations\" i JOIN \"Events\" e ON e.\"Id\" = i.\"EventId\" WHERE i.\"RemovedAtUtc\" IS NULL AND e.\"Status\" = 'Scheduled' ORDER BY e.\"StartsAtUtc\" DESC LIMIT 1")
[[ -n $TOKEN ]] || TOKEN=$(sql "SELECT \"Token\" FROM \"Invitations\" WHERE \"RemovedAtUtc\" IS NULL ORDER BY \"Id\" DESC LIMIT 1")

# name | path | who (organiser, owner or anonymous)
PAGES=(
    "Start page|/|organiser"
    "Events list|/events|organiser"
    "Event|/events/$EVENT|organiser"
    "Event invitees|/events/$EVENT/invitees|organiser"
    "Promise dashboard|/promises/$PROMISE|organiser"
    "Follow-up report|/promises/$PROMISE/report|organiser"
    "Walk|/walks/$WALK|organiser"
    "Task board, organiser|/tasks|organiser"
    "Task board, task owner|/tasks|owner"
    "Public promise page|/kommun/$SLUG/$YEAR|anonymous"
    "Public calendar feed|/calendar/public.ics|anonymous"
    "RSVP page|/rsvp/$TOKEN|anonymous"
)
HELP="/help|/help|organiser"

# wrk's latency ("812.33us", "12.50ms", "1.20s") in milliseconds.
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.1f", n }'; }

cookie_of() { case "$1" in organiser) echo "$ORGANISER" ;; owner) echo "$OWNER" ;; *) echo "" ;; esac; }

# Every page once under light load first, so that the measured runs find the JIT, EF's query cache and the
# database's cache warm (the first /help run would otherwise pay for the app's start).
log "warming up: every page for 2 s with 4 connections"
for entry in "$HELP" "${PAGES[@]}"; do
    IFS='|' read -r name path who <<<"$entry"
    cookie=$(cookie_of "$who")
    wrk -t2 -c4 -d2s --timeout 30s ${cookie:+-H "Cookie: $cookie"} "$BASE$path" >/dev/null
done

# One wrk run: prints "requests/s|p50|p99|size|errors" of a page.
measure() {
    local path=$1 who=$2 cookie code size out rps p50 p99 errors headers=()
    cookie=$(cookie_of "$who")
    [[ -n $cookie ]] && headers=(-H "Cookie: $cookie")
    read -r code size <<<"$(curl -s -o /dev/null -w '%{http_code} %{size_download}' "${headers[@]}" "$BASE$path")"
    [[ $code == 200 ]] || { echo "$path answered $code as $who." >&2; exit 1; }
    out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency "${headers[@]}" "$BASE$path")
    rps=$(awk '/^Requests\/sec/ { print $2 }' <<<"$out")
    p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")
    p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")
    # wrk counts only requests that finished within the run: none means no latency to show.
    if [[ $(awk '/requests in/ { print $1 }' <<<"$out") == 0 ]]; then p50="none in ${DURATION} s" p99="none in ${DURATION} s"; fi
    errors=$(awk '/Non-2xx/ { n += $NF } /Socket errors/ { gsub(",", ""); n += $4 + $6 + $8 + $10 } END { print n + 0 }' <<<"$out")
    echo "$rps|$p50|$p99|$size|$errors"
}

# Each page is followed by a /help run of the same length, and compared with that one: on a machine whose load
# changes during the run (a shared one), neighbours in time see about the same machine.
log "wrk: $CONNECTIONS connections, ${DURATION} s a page, each followed by ${DURATION} s of /help"
results=() helps=()
for entry in "${PAGES[@]}"; do
    IFS='|' read -r name path who <<<"$entry"
    page=$(measure "$path" "$who")
    help=$(measure /help organiser)
    results+=("$name|$path|$page|${help%%|*}")
    helps+=("$help")
    log "$name: $page; /help after it: $help (requests/s|p50 ms|p99 ms|bytes|errors)"
done

status=$(cat "/proc/$APP_PID/status")
hwm=$(awk '/^VmHWM/ { printf "%d", $2 / 1024 }' <<<"$status")
rss=$(awk '/^VmRSS/ { printf "%d", $2 / 1024 }' <<<"$status")
help_stats=$(printf '%s\n' "${helps[@]}" | awk -F'|' '{ r += $1; a += $2; b += $3; n++; if (min == "" || $1 < min) min = $1; if ($1 > max) max = $1; s = $4; e += $5 }
    END { printf "%.1f|%.1f|%.1f|%.1f|%.1f|%d|%d", r / n, a / n, b / n, min, max, s, e }')
IFS='|' read -r help_rps help_p50 help_p99 help_min help_max help_size help_errors <<<"$help_stats"

cd "$ROOT"
echo
if [[ -n $EXISTING ]]; then echo "Pages on $PROVIDER: $seeded"; else echo "Pages on $PROVIDER, $MUNICIPALITIES municipalities x $YEARS years (seed $SEED): $seeded"; fi
[[ -n $EXISTING ]] || echo "Generated in $seed_wall s ($seed_user s user and $seed_sys s system CPU)."
echo "Commit $commit, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), load average $(cut -d' ' -f1-3 /proc/loadavg)."
echo "wrk -t2 -c$CONNECTIONS -d${DURATION}s. vs /help: the page's requests/s divided by those of the /help run right after it."
echo
echo "| page | path | requests/s | p50 ms | p99 ms | vs /help | size | errors |"
echo "|---|---|---:|---:|---:|---:|---:|---:|"
for r in "${results[@]}"; do
    IFS='|' read -r name path rps p50 p99 size errors help <<<"$r"
    shown=$path
    [[ $path == /rsvp/* ]] && shown="/rsvp/{token}"
    awk -v n="$name" -v p="$shown" -v r="$rps" -v a="$p50" -v b="$p99" -v h="$help" -v s="$size" -v e="$errors" \
        'BEGIN { printf "| %s | `%s` | %.1f | %s | %s | %.0f%% | %.1f KB | %s |\n", n, p, r, a, b, (h > 0 ? 100 * r / h : 0), s / 1024, e }'
done
awk -v r="$help_rps" -v a="$help_p50" -v b="$help_p99" -v s="$help_size" -v e="$help_errors" -v lo="$help_min" -v hi="$help_max" -v n="${#helps[@]}" \
    'BEGIN { printf "| /help, mean of %d runs (%.0f–%.0f/s) | `/help` | %.1f | %.1f | %.1f | 100%% | %.1f KB | %d |\n", n, lo, hi, r, a, b, s / 1024, e }'
echo
echo "App memory: peak resident (VmHWM) $hwm MB, resident at the end (VmRSS) $rss MB."
