#!/usr/bin/env bash
# Issue 4's benchmark: do record-level rules (SEC-4 grants, SEC-6 secrecy) slow reads down?
#
#   bench/grants.sh [--grants 100000] [--rounds 2] [--duration 10s]
#
# On the cached 1M-customer dataset of bench/run.sh (bench/data/1000000), two copies of the
# database: one without access grants, one with N grants (default 100,000) spread over the
# organisation's users, 1,000 of them to "scoped", a sales consultant of 北京店销售部 (whose role
# opens only that department's 250,000 customers). Each copy is served in turn (alternating, for
# --rounds rounds) and measured as "scoped":
#   1. GET of a random customer of their own department (wrk, ids from a file);
#   2. GET of a random customer granted to them (only in the copy with grants);
#   3. the 1,000 search queries of bench/run.sh.
# and, as the baseline without record-level rules, the organisation's administrator (every
# department, no grants consulted) reading random customers of the same department.
# Prints RESULT lines and a summary. Needs wrk, sqlite3, python3 and a release build.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
GRANTS=100000
ROUNDS=2
DURATION=10s
while [ $# -gt 0 ]; do
    case "$1" in
        --grants) GRANTS=$2; shift ;;
        --rounds) ROUNDS=$2; shift ;;
        --duration) DURATION=$2; shift ;;
        -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
BUILD_DIR=${PATRON_BENCH_BUILD_DIR:-$ROOT/build/release}
DATA=${PATRON_BENCH_DATA:-$ROOT/bench/data}/1000000
PATRON=$BUILD_DIR/patron
WORK=$(mktemp -d /tmp/patron-grants.XXXXXX)
PID=""
SCOPED_PASSWORD="Scoped-$(python3 -c 'import secrets; print(secrets.token_urlsafe(9))')"
ADMIN_PASSWORD=$(cat "$DATA/password")

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
cleanup() {
    [ -n "$PID" ] && kill "$PID" 2> /dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT
[ -f "$DATA/patron.db" ] || { echo "run bench/run.sh --no-pg first (no $DATA/patron.db)" >&2; exit 1; }
command -v wrk > /dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 1; }

log "copying the dataset"
cp "$DATA/patron.db" "$WORK/none.db"
cp "$DATA/patron.db-audit" "$WORK/none.db-audit"
PATRON_LOG_LEVEL=warn "$PATRON" --database "sqlite:$WORK/none.db" migrate > /dev/null
PATRON_PASSWORD=$SCOPED_PASSWORD PATRON_LOG_LEVEL=warn "$PATRON" --database "sqlite:$WORK/none.db" \
    user add scoped --org bench --name 基准销售顾问 --role sales_consultant --department 北京店销售部 > /dev/null
cp "$WORK/none.db" "$WORK/grants.db"
cp "$WORK/none.db-audit" "$WORK/grants.db-audit"

log "adding $GRANTS grants"
sqlite3 "$WORK/grants.db" > /dev/null <<SQL
PRAGMA journal_mode=WAL;
CREATE TEMP TABLE u AS SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM users
    WHERE org_id = (SELECT id FROM organizations WHERE code = 'bench') AND username <> 'scoped';
CREATE TEMP TABLE other AS SELECT c.id, row_number() OVER (ORDER BY c.id) - 1 AS n FROM customers c
    JOIN departments d ON d.org_id = c.org_id AND d.id = c.department_id WHERE d.name = '上海店销售部';
CREATE INDEX temp.u_n ON u(n);
CREATE INDEX temp.other_n ON other(n);
BEGIN;
WITH RECURSIVE g(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM g WHERE i < $GRANTS - 1)
INSERT INTO access_grants(org_id, id, grantee_id, object_type, object_id, actions, valid_from, valid_until, kind,
    request_id, granted_by, reason, revoked_at, revoked_by, revoke_reason, created_at)
SELECT (SELECT org_id FROM users WHERE username = 'scoped'), 9000000000 + i,
       CASE WHEN i < 1000 THEN (SELECT id FROM users WHERE username = 'scoped')
            ELSE (SELECT id FROM u WHERE n = i % (SELECT count(*) FROM u)) END,
       'customer', (SELECT id FROM other WHERE n = (i * 7919) % (SELECT count(*) FROM other)), 'read',
       0, 4102444800000, 'authorisation', NULL, (SELECT id FROM users WHERE username = 'admin'), 'bench', 0, NULL, '', 0
FROM g;
COMMIT;
SQL
sqlite3 "$WORK/grants.db" "SELECT object_id FROM access_grants WHERE grantee_id = (SELECT id FROM users WHERE username = 'scoped')" > "$WORK/granted.ids"
sqlite3 "$WORK/none.db" "SELECT c.id FROM customers c JOIN departments d ON d.org_id = c.org_id AND d.id = c.department_id
    WHERE d.name = '北京店销售部' ORDER BY random() LIMIT 20000" > "$WORK/own.ids"
log "$(wc -l < "$WORK/granted.ids") granted to scoped, $(wc -l < "$WORK/own.ids") own-department ids sampled"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
login() {  # USER PASSWORD -> token
    curl -sf -X POST "http://127.0.0.1:$PORT/api/v1/auth/login" -H 'Content-Type: application/json' \
        -d "{\"org\":\"bench\",\"username\":\"$1\",\"password\":\"$2\"}" |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])'
}
serve() {  # DB
    PATRON_LOG_LEVEL=warn "$PATRON" --database "sqlite:$1" serve --listen "127.0.0.1:$PORT" > "$WORK/server.log" 2>&1 &
    PID=$!
    for _ in $(seq 120); do curl -sf "http://127.0.0.1:$PORT/healthz" > /dev/null && return 0; sleep 0.5; done
    echo "the server did not start" >&2; exit 1
}
get() {  # LABEL TOKEN IDS
    local out
    out=$(PATRON_TOKEN=$2 BENCH_IDS_FILE=$3 wrk -t1 -c64 -d"$DURATION" --timeout 10s \
        -s "$ROOT/bench/wrk/customer_get.lua" "http://127.0.0.1:$PORT")
    echo "RESULT key=$1 $(grep '^RESULT' <<< "$out" | cut -d' ' -f2-)"
}
search() {  # LABEL TOKEN
    local out
    out=$(PATRON_TOKEN=$2 "$BUILD_DIR/bench/patron_search_client" --port "$PORT" --queries "$DATA/queries.tsv" \
        --budget-seconds 120 2> /dev/null)
    echo "RESULT key=$1 $(grep '^RESULT kind=all' <<< "$out" | cut -d' ' -f2-)"
}
for round in $(seq "$ROUNDS"); do
    for db in none grants; do
        log "round $round: $db"
        serve "$WORK/$db.db"
        admin=$(login admin "$ADMIN_PASSWORD")
        scoped=$(login scoped "$SCOPED_PASSWORD")
        DURATION=3s get "warmup" "$scoped" "$WORK/own.ids" > /dev/null
        get "$db.admin_get_own_department" "$admin" "$WORK/own.ids"
        get "$db.scoped_get_own_department" "$scoped" "$WORK/own.ids"
        [ "$db" = grants ] && get "$db.scoped_get_granted" "$scoped" "$WORK/granted.ids"
        search "$db.scoped_search" "$scoped"
        kill "$PID"; wait "$PID" 2> /dev/null || true; PID=""
    done
done
