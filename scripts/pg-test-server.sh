#!/usr/bin/env bash
# A throw-away PostgreSQL 15 server for tests: a fresh data directory, a free port on 127.0.0.1,
# trust authentication for the local user "patron", durability off (test data only).
#   eval "$(scripts/pg-test-server.sh start)"   # exports PATRON_TEST_PG_URL and PATRON_PG_DIR
#   scripts/pg-test-server.sh stop "$PATRON_PG_DIR"
set -euo pipefail
BIN=/usr/lib/postgresql/15/bin
RUN=()
# initdb refuses to run as root: run the server as Debian's postgres user then.
if [ "$(id -u)" = "0" ]; then RUN=(runuser -u postgres --); fi

case "${1:-}" in
start)
    dir=$(mktemp -d /tmp/patron-pg.XXXXXX)
    chmod 755 "$dir"
    if [ "$(id -u)" = "0" ]; then chown postgres "$dir"; fi
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    "${RUN[@]}" "$BIN/initdb" -D "$dir/data" -U patron --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
    "${RUN[@]}" "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        >/dev/null
    echo "export PATRON_TEST_PG_URL=postgresql://patron@127.0.0.1:$port/postgres"
    echo "export PATRON_PG_DIR=$dir"
    ;;
stop)
    dir="${2:?data directory}"
    "${RUN[@]}" "$BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
*)
    echo "usage: $0 start | stop DIR" >&2
    exit 2
    ;;
esac
