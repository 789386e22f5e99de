#!/usr/bin/env bash
# Installs what Patron needs on Debian 12 and is missing. Safe to run again.
# Usage: scripts/install-deps.sh [--test]   (--test adds PostgreSQL, Chromium, wrk)
set -euo pipefail
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi

pkgs=(build-essential cmake ninja-build ccache pkg-config
      libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
      libsqlite3-dev sqlite3 libpqxx-dev libpq-dev libsodium-dev libspdlog-dev libfmt-dev
      libcli11-dev libtomlplusplus-dev libhowardhinnant-date-dev tzdata
      nodejs npm)
if [ "${1:-}" = "--test" ]; then
    pkgs+=(googletest libgtest-dev libgmock-dev libbenchmark-dev postgresql postgresql-contrib chromium
           clang-format-14 wrk)
fi

missing=()
for p in "${pkgs[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
# Debian's nodejs is enough; a machine with a newer node from elsewhere keeps it.
if command -v node >/dev/null && command -v npm >/dev/null; then
    missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
filtered=()
for p in "${missing[@]}"; do [ -n "$p" ] && filtered+=("$p"); done
if [ ${#filtered[@]} -gt 0 ]; then
    echo "installing: ${filtered[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${filtered[@]}"
fi
