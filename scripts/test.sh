#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: unit tests, the storage contract and use
# cases on SQLite AND on a throw-away PostgreSQL 15, API tests against the real binary (on both
# backends), and browser tests (Playwright driving Debian's Chromium). `.ci/run` calls this.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

scripts/install-deps.sh --test

cmake --preset release -DPATRON_BUILD_TESTS=ON -DPATRON_BUILD_BENCH=ON
cmake --build --preset release

scripts/format.sh --check

if [ -f web/package.json ]; then scripts/build-web.sh; fi

eval "$(scripts/pg-test-server.sh start)"
trap 'scripts/pg-test-server.sh stop "$PATRON_PG_DIR"' EXIT
export PATRON_TEST_PG_URL
export PATRON_REQUIRE_PG=1   # a missing PostgreSQL fails the run instead of skipping its half

ctest --test-dir build/release --output-on-failure -j2

if [ -f tests/browser/package.json ]; then
    (cd tests/browser && { [ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error; })
    PATRON_BIN="$root/build/release/patron" node --test tests/browser/
fi
