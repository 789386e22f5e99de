#!/usr/bin/env bash
# Patron's benchmark suite in one command (bench/README.md):
#
#   bench/run.sh            # 1,000,000 customers, SQLite and (if installed) PostgreSQL
#   bench/run.sh --small    # 20,000 customers: a quick check of the whole pipeline
#
# Options: --customers N, --seed S, --duration 10s (each wrk run), --rounds 2 (alternating
# bare/Patron customer-read rounds), --no-pg, --regen (regenerate the cached SQLite dataset),
# --search-budget SECONDS (per search run). Environment: PATRON_BENCH_BUILD_DIR (default
# build/release, configured with the release preset), PATRON_BENCH_PASSWORD (default: a random one,
# kept with the dataset), PATRON_BENCH_DATA (default bench/data), PATRON_BENCH_RESULTS (default
# bench/results), PATRON_BENCH_BARE_SRC (default ../shared/bench/bare_server.cpp).
#
# Builds (release), generates the dataset (cached under bench/data/<N>/), starts the bare reference
# server (../shared/bench/bare_server.cpp) and Patron side by side on 127.0.0.1, runs wrk and the
# search client against both, the import benchmark, then the same on a throw-away PostgreSQL 15
# cluster; writes bench/results/latest.md and prints it. Everything started is stopped on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench
CUSTOMERS=1000000
SEED=20261127
DURATION=10s
ROUNDS=2
WITH_PG=auto
REGEN=0
SEARCH_BUDGET=600
SHIPPED_SEARCH_BUDGET=60
IMPORT_TIMEOUT=1800
PG_IMPORT_MAX=50000  # rows; PostgreSQL imports row by row over the network
while [ $# -gt 0 ]; do
    case "$1" in
        --small) CUSTOMERS=20000 ;;
        --customers) CUSTOMERS=$2; shift ;;
        --seed) SEED=$2; shift ;;
        --duration) DURATION=$2; shift ;;
        --rounds) ROUNDS=$2; shift ;;
        --no-pg) WITH_PG=no ;;
        --regen) REGEN=1 ;;
        --search-budget) SEARCH_BUDGET=$2; shift ;;
        -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

NICE="nice -n 10"
BUILD_DIR=${PATRON_BENCH_BUILD_DIR:-$ROOT/build/release}
DATA=${PATRON_BENCH_DATA:-$BENCH/data}/$CUSTOMERS
RESULTS=${PATRON_BENCH_RESULTS:-$BENCH/results}
RUN=$(mktemp -d /tmp/patron-bench.XXXXXX)
RAW=$RUN/raw.txt
: > "$RAW"
STARTED=$(date +%s)
PIDS=()
PG_DIR=""
PG_CTL=/usr/lib/postgresql/15/bin/pg_ctl
INITDB=/usr/lib/postgresql/15/bin/initdb

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
put() { printf '%s=%s\n' "$1" "$2" >> "$RAW"; }

cleanup() {
    local pid
    for pid in "${PIDS[@]:-}"; do
        [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
    done
    if [ -n "$PG_DIR" ] && [ -f "$PG_DIR/data/postmaster.pid" ]; then
        runuser -u nobody -- "$PG_CTL" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
    fi
    [ -n "$PG_DIR" ] && rm -rf "$PG_DIR"
    rm -f "$RUN"/*.db "$RUN"/*.db-* "$RUN"/*.csv
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

wait_http() {  # URL PID
    local i
    for i in $(seq 1 300); do
        curl -sf -o /dev/null "$1" && return 0
        kill -0 "$2" 2>/dev/null || { log "server $2 died"; return 1; }
        sleep 0.2
    done
    log "no answer from $1"; return 1
}

stop_pid() {
    kill "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
    local kept=() pid
    for pid in "${PIDS[@]}"; do [ "$pid" != "$1" ] && kept+=("$pid"); done
    PIDS=("${kept[@]}")
}

rss_mb() { awk -v k="$2:" '$1 == k {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

record_rss() {  # KEY PID
    put "$1.rss_mb" "$(rss_mb "$2" VmRSS)"
    put "$1.rss_anon_mb" "$(rss_mb "$2" RssAnon)"
    put "$1.rss_file_mb" "$(rss_mb "$2" RssFile)"
}

# wrk -t1 -c64 against URL with SCRIPT; KEY.rps, KEY.p50_ms, KEY.p99_ms, KEY.non2xx (appended per round).
run_wrk() {  # KEY SCRIPT URL
    local out line
    out=$(wrk -t1 -c64 -d"$DURATION" --timeout 10s -s "$BENCH/wrk/$2" "$3")
    echo "$out" > "$RUN/wrk-$1-$(date +%s%N).txt"
    line=$(grep '^RESULT' <<< "$out" || true)
    [ -n "$line" ] || { log "wrk $1: no result"; echo "$out" >&2; return 0; }
    log "wrk $1: $line"
    local field
    for field in $line; do
        case "$field" in rps=*|p50_ms=*|p99_ms=*|non2xx=*|errors=*) put "$1.${field%%=*}" "${field#*=}" ;; esac
    done
}

login() {  # PORT -> token
    curl -sf -X POST "http://127.0.0.1:$1/api/v1/auth/login" -H 'Content-Type: application/json' \
        -d "{\"org\":\"$BENCH_ORG\",\"username\":\"admin\",\"password\":\"$PATRON_BENCH_PASSWORD\"}" |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])'
}

start_patron() {  # URL PORT LOGNAME -> sets PATRON_PID
    PATRON_LOG_LEVEL=warn "$BUILD_DIR/patron" --database "$1" serve --listen "127.0.0.1:$2" \
        > "$RUN/$3.log" 2>&1 &
    PATRON_PID=$!
    PIDS+=("$PATRON_PID")
    wait_http "http://127.0.0.1:$2/healthz" "$PATRON_PID"
}

run_search() {  # KEY PORT BUDGET
    local out
    out=$(PATRON_TOKEN=$PATRON_TOKEN "$BUILD_DIR/bench/patron_search_client" --port "$2" \
        --queries "$DATA/queries.tsv" --timeout-seconds 30 --budget-seconds "$3" 2>&1 || true)
    echo "$out" > "$RUN/search-$1.txt"
    echo "$out" | sed -n '1,/^RESULT/p' | grep -v '^RESULT' >&2 || true
    local line field kind
    while read -r line; do
        kind=$(sed -n 's/.*kind=\([^ ]*\).*/\1/p' <<< "$line")
        for field in $line; do
            case "$field" in n=*|p50_ms=*|p99_ms=*|max_ms=*|errors=*|planned=*)
                put "$1.$kind.${field%%=*}" "${field#*=}" ;; esac
        done
    done < <(grep '^RESULT' <<< "$out")
}

# Times `patron import customers` of CSV into URL; KEY.rows, KEY.seconds, KEY.status.
run_import() {  # KEY URL CSV ROWS TIMEOUT
    local t0 t1 rc=0
    t0=$(date +%s.%N)
    timeout "$5" $NICE "$BUILD_DIR/patron" --database "$2" import customers "$3" --org "$BENCH_ORG" --as admin \
        > "$RUN/import-$1.log" 2>&1 || rc=$?
    t1=$(date +%s.%N)
    put "$1.rows" "$4"
    put "$1.seconds" "$(python3 -c "print(round($t1 - $t0, 2))")"
    if [ "$rc" = 124 ]; then
        put "$1.status" "timeout"
    elif [ "$rc" != 0 ]; then
        put "$1.status" "failed"
    else
        put "$1.status" "$(tail -n 1 "$RUN/import-$1.log" | cut -d: -f1)"
        # "committed: N rows, N imported (committed after X s, searchable after Y s)": the rows are in
        # (listed, and found by a search, which scans them until the indexer has reached them) after
        # X s; the command then builds their search index rows and exits.
        local committed
        committed=$(tail -n 1 "$RUN/import-$1.log" | sed -n 's/.*committed after \([0-9.]*\) s.*/\1/p')
        [ -n "$committed" ] && put "$1.committed_seconds" "$committed"
    fi
    log "import $1: $4 rows, rc=$rc, $(tail -n 1 "$RUN/import-$1.log")"
}

# The customer-read rounds and healthz, alternating bare / Patron. KEY: sqlite, sqlite_analyzed, pg.
http_rounds() {  # KEY PATRON_PORT
    local round
    for round in $(seq 1 "$ROUNDS"); do
        run_wrk "$1.bare_get" bare_get.lua "http://127.0.0.1:$BARE_PORT"
        run_wrk "$1.get" customer_get.lua "http://127.0.0.1:$2"
    done
}

# --- build ---------------------------------------------------------------------------------------
log "building in $BUILD_DIR"
if [ "$BUILD_DIR" = "$ROOT/build/release" ]; then
    (cd "$ROOT" && cmake --preset release > /dev/null)
elif [ ! -f "$BUILD_DIR/build.ninja" ]; then
    cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPATRON_BUILD_TESTS=OFF > /dev/null
fi
$NICE ninja -C "$BUILD_DIR" -j2 patron patron_benchgen patron_search_client > "$RUN/build.log" ||
    { cat "$RUN/build.log"; exit 1; }
BARE_SRC=${PATRON_BENCH_BARE_SRC:-$ROOT/../shared/bench/bare_server.cpp}
BARE_BIN=$BUILD_DIR/bench/bare_server
if [ ! -x "$BARE_BIN" ] || [ "$BARE_SRC" -nt "$BARE_BIN" ]; then
    log "compiling the bare server"
    $NICE g++ -std=c++20 -O2 -o "$BARE_BIN" "$BARE_SRC" -lsqlite3 -lpthread
fi
command -v wrk > /dev/null || { log "installing wrk"; apt-get install -y wrk > /dev/null; }

# --- dataset ---------------------------------------------------------------------------------------
mkdir -p "$DATA"
if [ -z "${PATRON_BENCH_PASSWORD:-}" ]; then
    [ -f "$DATA/password" ] || (umask 077; python3 -c 'import secrets; print("Bench-" + secrets.token_urlsafe(12))' > "$DATA/password")
    PATRON_BENCH_PASSWORD=$(cat "$DATA/password")
fi
export PATRON_BENCH_PASSWORD
if [ "$REGEN" = 1 ] || [ ! -f "$DATA/meta.env" ]; then
    rm -f "$DATA"/patron.db* "$DATA"/bare.db* "$DATA"/meta.env
    log "generating $CUSTOMERS customers (SQLite, bare table, import CSV, queries)"
    $NICE "$BUILD_DIR/bench/patron_benchgen" --database "sqlite:$DATA/patron.db" --customers "$CUSTOMERS" \
        --seed "$SEED" --bare-db "$DATA/bare.db" --csv "$DATA/import.csv" --queries "$DATA/queries.tsv" \
        --meta "$DATA/meta.env.tmp" | tee "$DATA/generate.log" >&2
    mv "$DATA/meta.env.tmp" "$DATA/meta.env"
fi
# shellcheck disable=SC1091
source "$DATA/meta.env"
export BENCH_FIRST_ID BENCH_CUSTOMERS
put customers "$BENCH_CUSTOMERS"
put vehicles "$BENCH_VEHICLES"
put interactions "$BENCH_INTERACTIONS"
put sqlite.load_seconds "$BENCH_LOAD_SECONDS"
put sqlite.db_mb "$(du -m "$DATA/patron.db" | cut -f1)"

# --- SQLite, pass 1: the database as loaded -----------------------------------------------------
BARE_PORT=$(free_port)
"$BARE_BIN" "$BARE_PORT" "$DATA/bare.db" "$(nproc)" > "$RUN/bare.log" 2>&1 &
BARE_PID=$!
PIDS+=("$BARE_PID")
wait_http "http://127.0.0.1:$BARE_PORT/healthz" "$BARE_PID"
record_rss bare.start "$BARE_PID"

# Patron works on a copy so the cached dataset stays as generated (no audit rows, no statistics).
cp "$DATA/patron.db" "$RUN/patron.db"
cp "$DATA/patron.db-audit" "$RUN/patron.db-audit"  # the audit log's file (docs/ops.md)
SQLITE_URL=sqlite:$RUN/patron.db
PATRON_PORT=$(free_port)
log "SQLite, pass 1: Patron on :$PATRON_PORT, bare on :$BARE_PORT"
start_patron "$SQLITE_URL" "$PATRON_PORT" patron-sqlite
record_rss sqlite.start "$PATRON_PID"
PATRON_TOKEN=$(login "$PATRON_PORT")
export PATRON_TOKEN
run_wrk sqlite.bare_healthz healthz.lua "http://127.0.0.1:$BARE_PORT/healthz"
run_wrk sqlite.healthz healthz.lua "http://127.0.0.1:$PATRON_PORT/healthz"
http_rounds sqlite "$PATRON_PORT"
log "search, pass 1 (budget ${SHIPPED_SEARCH_BUDGET}s)"
run_search sqlite.search "$PATRON_PORT" "$SHIPPED_SEARCH_BUDGET"
record_rss sqlite.loaded "$PATRON_PID"
record_rss bare.loaded "$BARE_PID"
stop_pid "$PATRON_PID"

# --- SQLite, pass 2: after ANALYZE (planner statistics gathered by the bench) -------------------
log "ANALYZE"
t0=$(date +%s.%N)
$NICE sqlite3 "$RUN/patron.db" "ANALYZE;"
put sqlite.analyze_seconds "$(python3 -c "print(round($(date +%s.%N) - $t0, 1))")"
start_patron "$SQLITE_URL" "$PATRON_PORT" patron-sqlite-analyzed
PATRON_TOKEN=$(login "$PATRON_PORT")
export PATRON_TOKEN
http_rounds sqlite_analyzed "$PATRON_PORT"
log "search, after ANALYZE"
run_search sqlite_analyzed.search "$PATRON_PORT" "$SEARCH_BUDGET"
record_rss sqlite_analyzed.loaded "$PATRON_PID"
stop_pid "$PATRON_PID"

# --- import ------------------------------------------------------------------------------------------
# The whole CSV (fresh customers and VINs) into the loaded database, one all-or-nothing transaction.
IMPORT_ROWS=$(($(wc -l < "$DATA/import.csv") - 1))
log "import: $IMPORT_ROWS rows (timeout ${IMPORT_TIMEOUT}s)"
run_import sqlite.import "$SQLITE_URL" "$DATA/import.csv" "$IMPORT_ROWS" "$IMPORT_TIMEOUT"
rm -f "$RUN"/patron.db*

# --- PostgreSQL ----------------------------------------------------------------------------------------
if [ "$WITH_PG" != no ] && [ -x "$INITDB" ]; then
    PG_DIR=$(mktemp -d /tmp/patron-bench-pg.XXXXXX)
    chown nobody "$PG_DIR"
    chmod 755 "$PG_DIR"
    PG_PORT=$(free_port)
    log "PostgreSQL 15: throw-away cluster in $PG_DIR on :$PG_PORT"
    runuser -u nobody -- "$INITDB" -D "$PG_DIR/data" -U bench --auth=trust -E UTF8 --locale=C.UTF-8 \
        > "$RUN/initdb.log" 2>&1
    runuser -u nobody -- "$PG_CTL" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w start -o \
        "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c max_wal_size=8GB \
         -c checkpoint_timeout=30min" > /dev/null
    createdb -h 127.0.0.1 -p "$PG_PORT" -U bench patron
    PG_URL=postgresql://bench@127.0.0.1:$PG_PORT/patron
    # The same rows as the SQLite dataset, copied table by table (multi-row INSERTs): loading customer by
    # customer through the repositories costs a round trip per statement and runs at a few hundred
    # customers/s here, which the import figure below shows anyway.
    log "copying the $CUSTOMERS-customer dataset into PostgreSQL"
    $NICE "$BUILD_DIR/bench/patron_benchgen" --database "$PG_URL" --copy-from "sqlite:$DATA/patron.db" \
        --meta "$RUN/meta-pg.env" | tee "$RUN/generate-pg.log" >&2
    put pg.copy_seconds "$(sed -n 's/^BENCH_COPY_SECONDS=//p' "$RUN/meta-pg.env")"
    # autovacuum would analyze the fresh tables within minutes; do it now so the run does not depend on when.
    t0=$(date +%s.%N)
    psql -q -h 127.0.0.1 -p "$PG_PORT" -U bench -d patron -c "VACUUM ANALYZE;"
    put pg.analyze_seconds "$(python3 -c "print(round($(date +%s.%N) - $t0, 1))")"
    put pg.db_mb "$(psql -At -h 127.0.0.1 -p "$PG_PORT" -U bench -d patron -c \
        "SELECT pg_database_size('patron') / 1048576")"
    start_patron "$PG_URL" "$PATRON_PORT" patron-pg
    record_rss pg.start "$PATRON_PID"
    PATRON_TOKEN=$(login "$PATRON_PORT")
    export PATRON_TOKEN
    run_wrk pg.bare_healthz healthz.lua "http://127.0.0.1:$BARE_PORT/healthz"
    run_wrk pg.healthz healthz.lua "http://127.0.0.1:$PATRON_PORT/healthz"
    http_rounds pg "$PATRON_PORT"
    log "search, PostgreSQL"
    run_search pg.search "$PATRON_PORT" "$SEARCH_BUDGET"
    record_rss pg.loaded "$PATRON_PID"
    stop_pid "$PATRON_PID"
    PG_IMPORT_ROWS=$((IMPORT_ROWS < PG_IMPORT_MAX ? IMPORT_ROWS : PG_IMPORT_MAX))
    head -n $((PG_IMPORT_ROWS + 1)) "$DATA/import.csv" > "$RUN/import-pg.csv"
    log "import, PostgreSQL: the first $PG_IMPORT_ROWS rows (timeout ${IMPORT_TIMEOUT}s)"
    run_import pg.import "$PG_URL" "$RUN/import-pg.csv" "$PG_IMPORT_ROWS" "$IMPORT_TIMEOUT"
fi

stop_pid "$BARE_PID"
put wall_seconds $(($(date +%s) - STARTED))
put duration "$DURATION"
put rounds "$ROUNDS"
mkdir -p "$RESULTS"
cp "$RAW" "$RESULTS/latest.raw"
python3 "$BENCH/report.py" "$RAW" > "$RESULTS/latest.md"
cat "$RESULTS/latest.md"
log "raw output kept in $RUN; report in $RESULTS/latest.md"
