#!/usr/bin/env bash
# Load on the web app over ten years of heavy use (200 people, 50,000 interactions, 5,000
# plans, 3,650 check-ins): requests per second and latency percentiles for Today, a person
# page and the report, at 50 concurrent connections, with wrk against 127.0.0.1 only.
# Target: p99 under 20 ms for Today on SQLite. See bench/README.md.
#
# Settings (environment): BENCH_CONNECTIONS (50), BENCH_THREADS (2), BENCH_DURATION (15s),
# BENCH_TMPDIR (where the database goes; default $TMPDIR or /tmp), BENCH_PORT (7391),
# BENCH_NO_BUILD=1 to use target/release/kith as it is.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

say() { printf 'bench: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }
as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"
    elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo "$@"
    else return 1
    fi
}

if ! command -v wrk >/dev/null; then
    say "wrk is missing; installing it (package wrk)"
    { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; } \
        || die "could not install wrk: run 'apt-get install wrk' as root, then run this again"
fi

connections="${BENCH_CONNECTIONS:-50}"
threads="${BENCH_THREADS:-2}"
duration="${BENCH_DURATION:-15s}"
port="${BENCH_PORT:-7391}"
kith="$root/target/release/kith"
if [ -z "${BENCH_NO_BUILD:-}" ]; then
    say "building kith (release)"
    cargo build --release -q -p kith
fi
[ -x "$kith" ] || die "no $kith: build it with cargo build --release"

work="$(mktemp -d "${BENCH_TMPDIR:-${TMPDIR:-/tmp}}/kith-web-bench.XXXXXX")"
server=""
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

db="$work/heavy.db"
export KITH_CONFIG="$work/settings.toml"
say "making ten years of heavy use in $db"
"$kith" --db "$db" demo --heavy >/dev/null

"$kith" --db "$db" serve --addr "127.0.0.1:$port" >"$work/serve.log" 2>&1 &
server=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do
    curl -fsS -o /dev/null "$base/static/kith.css" 2>/dev/null && break
    sleep 0.1
done
curl -fsS -o /dev/null "$base/" || die "the server did not start: $(cat "$work/serve.log")"
person="$(curl -fsS "$base/api/v1/people" | python3 -c 'import json,sys; print(json.load(sys.stdin)["people"][0]["id"])')"

printf '%-22s %12s %9s %9s %9s\n' "page" "requests/s" "p50" "p90" "p99"
for page in "/" "/people/$person" "/report" "/report?period=month" "/api/v1/today"; do
    # One request first, so the history is loaded and the answer computed before timing.
    curl -fsS -o /dev/null "$base$page"
    out="$(wrk -t "$threads" -c "$connections" -d "$duration" --latency "$base$page")"
    rps="$(awk '/^Requests\/sec/ {print $2}' <<<"$out")"
    p50="$(awk '$1 == "50%" {print $2}' <<<"$out")"
    p90="$(awk '$1 == "90%" {print $2}' <<<"$out")"
    p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
    errors="$(grep -E 'Non-2xx|Socket errors' <<<"$out" || true)"
    label="$page"
    case "$page" in /people/*) label="/people/{id}" ;; esac
    printf '%-22s %12s %9s %9s %9s\n' "$label" "$rps" "$p50" "$p90" "$p99"
    [ -z "$errors" ] || say "$label: $errors"
done
say "server: $(nproc) cores; $connections connections, $threads wrk threads, $duration each"
