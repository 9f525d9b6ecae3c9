#!/usr/bin/env bash
# Times kith against its floors, whole processes, interleaved in one run on ten years of heavy
# use (50,000 interactions): `kith log` against a sqlite3 shell insert of the same two rows;
# `kith export` and `history --json` against a sqlite3 CSV dump of the interactions; the
# insight commands against a sqlite3 group-by report of the year they read; and
# `kith import-json` of the whole export. Also peak memory. See bench/README.md.
#
# Settings (environment): BENCH_BLOCKS (3) x BENCH_ROUNDS (200) interleaved rounds,
# BENCH_WARMUP (20) untimed rounds, BENCH_SLOW_RUNS (10) runs of history and export,
# BENCH_MEM_RUNS (10) runs of each log case under GNU time for peak memory,
# BENCH_TMPDIR (where the databases go; default $TMPDIR or /tmp: use a real disk, since
# fsync on tmpfs costs nothing), BENCH_NO_BUILD=1 to use target/release/kith as it is,
# BENCH_KITH=/path/to/kith to time another build (no build then), BENCH_BASELINE=/path/to/kith
# to time an earlier build beside this one in the same interleaved rounds.
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

if ! command -v sqlite3 >/dev/null; then
    say "sqlite3 is missing; installing it (package sqlite3)"
    { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3; } \
        || die "could not install sqlite3: run 'apt-get install sqlite3' as root, then run this again"
fi
if [ ! -x /usr/bin/time ]; then
    say "GNU time is missing; installing it (package time) to measure peak memory"
    { as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time; } \
        || die "could not install GNU time: run 'apt-get install time' as root, then run this again"
fi
command -v python3 >/dev/null || die "python3 is missing (3.8 or newer; only its standard library is used)"

if [ -n "${BENCH_KITH:-}" ]; then
    kith="$BENCH_KITH"
else
    if [ "${BENCH_NO_BUILD:-}" != 1 ]; then
        say "building the release binary"
        cargo build --release --quiet -p kith
    fi
    kith="$root/target/release/kith"
fi
[ -x "$kith" ] || die "no binary at $kith"

tmp="$(mktemp -d "${BENCH_TMPDIR:-${TMPDIR:-/tmp}}/kith-bench.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
case "$(stat -f -c %T "$tmp" 2>/dev/null)" in
    tmpfs|ramfs) say "warning: $tmp is in memory, so fsync is free and the figures flatter both sides" ;;
esac

# Keep the caller's KITH_* settings away from every kith run below.
unset KITH_DB KITH_NOW KITH_TZ

say "making ten years of heavy use (200 people, 50,000 interactions) in $tmp"
"$kith" --db "$tmp/heavy.db" --now 2026-11-23T12:00:00Z --tz Europe/London demo --heavy >/dev/null
"$kith" --db "$tmp/empty.db" person add X >/dev/null
# The floor writes into a copy of the heavy database, so both write into a file of one size.
cp "$tmp/heavy.db" "$tmp/floor.db"
cp "$tmp/empty.db" "$tmp/floor-empty.db"
for db in heavy empty floor floor-empty; do
    [ "$(sqlite3 "$tmp/$db.db" 'PRAGMA journal_mode')" = wal ] || die "$db.db is not in WAL mode"
done

say "timing ${BENCH_BLOCKS:-3} x ${BENCH_ROUNDS:-200} interleaved rounds"
python3 "$root/bench/cli.py" \
    --kith "$kith" --sqlite3 "$(command -v sqlite3)" \
    --heavy "$tmp/heavy.db" --empty "$tmp/empty.db" --floor "$tmp/floor.db" --floor-empty "$tmp/floor-empty.db" \
    --blocks "${BENCH_BLOCKS:-3}" --rounds "${BENCH_ROUNDS:-200}" \
    --warmup "${BENCH_WARMUP:-20}" --slow-runs "${BENCH_SLOW_RUNS:-10}" \
    --mem-runs "${BENCH_MEM_RUNS:-10}" --time /usr/bin/time --scratch "$tmp" \
    ${BENCH_BASELINE:+--baseline "$BENCH_BASELINE"} \
    --label "${BENCH_KITH:+$kith }$(git -C "$root" describe --always --dirty 2>/dev/null || echo '?')"
