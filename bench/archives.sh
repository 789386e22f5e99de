#!/usr/bin/env bash
# The issue-3 archive benchmark in one command (bench/README.md, "Archives"):
#
#   bench/archives.sh             # 1,000,000 archives + 3,000,000 handovers on the cached 1M dataset
#   bench/archives.sh --pg        # the same, then copied into a throw-away PostgreSQL 15 cluster
#
# Options: --customers N (which cached dataset, default 1000000), --archives N (default: as many as
# customers), --runs N (timed repetitions, default 3), --pg. Needs the customer dataset of
# bench/run.sh in bench/data/<N>/ (run `bench/run.sh --no-pg` once; PATRON_BENCH_DATA overrides the
# folder) and a release build (PATRON_BENCH_BUILD_DIR, default build/release).
#
# Copies the dataset to a temporary folder, adds the archives (bench/archivegen.cpp), then measures:
# the monthly ARC-6 penalty run for 2026-10 from the CLI (first run, which writes the month's fines,
# then the repeated runs, which find them), and through the API with a customer director's token
# (POST /api/v1/penalties/runs, GET /api/v1/kpi/archives). Prints a table; everything started is
# stopped on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CUSTOMERS=1000000
ARCHIVES=""
RUNS=3
WITH_PG=no
MONTH=2026-10
while [ $# -gt 0 ]; do
    case "$1" in
        --customers) CUSTOMERS=$2; shift ;;
        --archives) ARCHIVES=$2; shift ;;
        --runs) RUNS=$2; shift ;;
        --pg) WITH_PG=yes ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
ARCHIVES=${ARCHIVES:-$CUSTOMERS}
BUILD_DIR=${PATRON_BENCH_BUILD_DIR:-$ROOT/build/release}
DATA=${PATRON_BENCH_DATA:-$ROOT/bench/data}/$CUSTOMERS
PATRON=$BUILD_DIR/patron
WORK=$(mktemp -d /tmp/patron-archives.XXXXXX)
PIDS=()
PG_DIR=""
DIRECTOR_PASSWORD="Director-$(python3 -c 'import secrets; print(secrets.token_urlsafe(9))')"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2> /dev/null || true; done
    if [ -n "$PG_DIR" ]; then
        runuser -u nobody -- /usr/lib/postgresql/15/bin/pg_ctl -D "$PG_DIR/data" -m fast stop > /dev/null 2>&1 || true
        rm -rf "$PG_DIR"
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
seconds() { python3 -c "import sys; print(f'{float(sys.argv[1]):.2f}')" "$1"; }
timed() {  # COMMAND... -> prints seconds
    local t0 t1
    t0=$(date +%s.%N)
    "$@" > /dev/null
    t1=$(date +%s.%N)
    seconds "$(python3 -c "print($t1 - $t0)")"
}
range() { python3 -c 'import sys; v=sorted(float(x) for x in sys.argv[1:]); print(f"{v[0]:.2f}–{v[-1]:.2f} s")' "$@"; }

[ -f "$DATA/patron.db" ] || { echo "no dataset in $DATA: run bench/run.sh --no-pg first" >&2; exit 1; }
[ -x "$PATRON" ] && [ -x "$BUILD_DIR/bench/patron_archivegen" ] || {
    echo "build first: cmake --preset release && cmake --build build/release -j2" >&2
    exit 1
}

log "copying the $CUSTOMERS-customer dataset to $WORK"
cp "$DATA/patron.db" "$WORK/a.db"
cp "$DATA/patron.db-audit" "$WORK/a.db-audit" 2> /dev/null || true
URL=sqlite:$WORK/a.db
log "adding $ARCHIVES archives and their handovers"
nice "$BUILD_DIR/bench/patron_archivegen" --database "$URL" --archives "$ARCHIVES" >&2
PATRON_PASSWORD=$DIRECTOR_PASSWORD "$PATRON" --database "$URL" user add --org bench bench_director \
    --role customer_director > /dev/null

measure() {  # LABEL URL -> appends table rows
    local label=$1 url=$2 first port pid token runs=() api=() kpi=()
    log "$label: first penalty run (migrations, then the month's fines written)"
    sync  # the copy's and the generator's writes reach the disk first, not during the run's commit
    first=$(timed "$PATRON" --database "$url" penalties run --org bench --month "$MONTH")
    for _ in $(seq "$RUNS"); do runs+=("$(timed "$PATRON" --database "$url" penalties run --org bench --month "$MONTH")"); done
    port=$(free_port)
    PATRON_LOG_LEVEL=warn "$PATRON" --database "$url" --files-dir "$WORK/files" serve --listen "127.0.0.1:$port" \
        > "$WORK/serve.log" 2>&1 &
    pid=$!
    PIDS+=("$pid")
    for _ in $(seq 120); do curl -sf "http://127.0.0.1:$port/healthz" > /dev/null && break; sleep 0.5; done
    sleep 20  # the daily jobs run once at start; let them finish
    token=$(curl -sf -X POST "http://127.0.0.1:$port/api/v1/auth/login" -H 'Content-Type: application/json' \
        -d "{\"org\":\"bench\",\"username\":\"bench_director\",\"password\":\"$DIRECTOR_PASSWORD\"}" |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')
    for _ in $(seq "$RUNS"); do
        api+=("$(curl -sf -o /dev/null -w '%{time_total}' -X POST -H "Authorization: Bearer $token" \
            -H 'Content-Type: application/json' -d "{\"month\":\"$MONTH\"}" "http://127.0.0.1:$port/api/v1/penalties/runs")")
        kpi+=("$(curl -sf -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token" \
            "http://127.0.0.1:$port/api/v1/kpi/archives?month=$MONTH")")
    done
    kill "$pid"
    wait "$pid" 2> /dev/null || true
    printf '| %s | %s s | %s | %s | %s |\n' "$label" "$first" "$(range "${runs[@]}")" "$(range "${api[@]}")" \
        "$(range "${kpi[@]}")" >> "$WORK/table.md"
}

: > "$WORK/table.md"
measure SQLite "$URL"
if [ "$WITH_PG" = yes ]; then
    PG_DIR=$(mktemp -d /tmp/patron-archives-pg.XXXXXX)
    chown nobody "$PG_DIR"
    chmod 755 "$PG_DIR"
    PG_PORT=$(free_port)
    runuser -u nobody -- /usr/lib/postgresql/15/bin/initdb -D "$PG_DIR/data" -U bench --auth=trust -E UTF8 \
        --locale=C.UTF-8 > "$WORK/initdb.log" 2>&1
    runuser -u nobody -- /usr/lib/postgresql/15/bin/pg_ctl -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w start -o \
        "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c max_wal_size=8GB" > /dev/null
    createdb -h 127.0.0.1 -p "$PG_PORT" -U bench patron
    PG_URL=postgresql://bench@127.0.0.1:$PG_PORT/patron
    log "copying into PostgreSQL (takes minutes; the fines of the SQLite runs come along, so its first run finds them)"
    nice "$BUILD_DIR/bench/patron_benchgen" --database "$PG_URL" --copy-from "$URL" --meta "$WORK/meta-pg.env" >&2
    psql -q -h 127.0.0.1 -p "$PG_PORT" -U bench -d patron -c "VACUUM ANALYZE;"
    measure PostgreSQL "$PG_URL"
fi

echo
echo "Archive benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $ARCHIVES archives, month $MONTH"
echo
echo "| backend | penalty run, first (CLI) | again (CLI, whole process) | again (API) | ARC-6h KPI (API) |"
echo "|---|---|---|---|---|"
cat "$WORK/table.md"
