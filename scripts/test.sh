#!/usr/bin/env bash
# Runs kith's whole test suite. The storage suite runs on SQLite and on PostgreSQL, so this
# script installs PostgreSQL from Debian when it is missing, starts a private server on
# 127.0.0.1 in a temporary folder, points the tests at it, and stops it afterwards. The web
# app's end-to-end tests drive a real Chromium, so it installs Debian's chromium and
# chromium-driver when they are missing too, and axe-core (from npm, into target/axe; Node.js
# from Debian when missing) for the accessibility test, and schemathesis (from PyPI, into its
# own virtual environment in target/schemathesis; Python from Debian when missing) to judge
# the API against its OpenAPI document. Extra arguments go to `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  echo "installing Chromium from Debian for the web app's browser tests" >&2
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi

if [ -z "${KITH_AXE_JS:-}" ] && [ ! -f target/axe/node_modules/axe-core/axe.min.js ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "installing Node.js from Debian to fetch axe-core for the accessibility test" >&2
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  fi
  echo "installing axe-core 4 from npm into target/axe" >&2
  npm install --silent --no-audit --no-fund --prefix target/axe axe-core@4 >/dev/null
fi

if [ -z "${KITH_SCHEMATHESIS:-}" ] && [ ! -x target/schemathesis/bin/schemathesis ]; then
  if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c "import ensurepip" >/dev/null 2>&1; then
    echo "installing Python from Debian for schemathesis" >&2
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-venv >/dev/null
  fi
  echo "installing schemathesis from PyPI into target/schemathesis" >&2
  rm -rf target/schemathesis
  python3 -m venv target/schemathesis
  target/schemathesis/bin/pip install --quiet --disable-pip-version-check schemathesis==4.32.5
fi

if [ -z "${KITH_TEST_POSTGRES_URL:-}" ]; then
  if [ -z "$(pg_bin)" ]; then
    echo "installing PostgreSQL from Debian for the storage suite" >&2
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  bin="$(pg_bin)"
  work="$(mktemp -d /tmp/kith-pg.XXXXXX)"
  port=$((55000 + RANDOM % 5000))
  run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  if [ "$(id -u)" = 0 ]; then chown postgres "$work"; fi
  run_pg "$bin/initdb" -D "$work/data" -A trust -U postgres --no-sync >/dev/null
  run_pg "$bin/pg_ctl" -D "$work/data" -l "$work/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $work -c fsync=off -c max_connections=200" start >/dev/null
  trap 'run_pg "$bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
  export KITH_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres"
  echo "PostgreSQL for tests: 127.0.0.1:$port" >&2
fi

cargo test --workspace "$@"
