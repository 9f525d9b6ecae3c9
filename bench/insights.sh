#!/usr/bin/env bash
# Times the insight commands end to end (whole process, release binary) on ten years of heavy
# use: `kith today`, `kith report --month`, `kith map`, `kith signals` and `kith score`, with
# their peak memory. Targets: under 50 ms and 16 MiB each. See bench/README.md.
#
# Settings (environment): BENCH_RUNS (30) timed runs of each, interleaved; BENCH_NO_BUILD=1
# to use target/release/kith as it is; BENCH_KITH=/path/to/kith to time another build.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
say() { printf 'bench: %s\n' "$*" >&2; }

if [ ! -x /usr/bin/time ]; then
    say "GNU time is missing; installing it (package time) to measure peak memory"
    if [ "$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time
    else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time; fi
fi
kith="${BENCH_KITH:-$root/target/release/kith}"
if [ -z "${BENCH_KITH:-}" ] && [ "${BENCH_NO_BUILD:-}" != 1 ]; then
    say "building the release binary"
    cargo build --release --quiet -p kith
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/kith-bench.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
unset KITH_DB KITH_NOW KITH_TZ KITH_CONFIG
export KITH_CONFIG="$tmp/settings.toml"

say "making ten years of heavy use (200 people, 50,000 interactions, 5,000 plans, 3,650 check-ins)"
"$kith" --db "$tmp/heavy.db" --now 2026-11-23T12:00:00Z --tz Europe/London demo --heavy --json >/dev/null

python3 - "$kith" "$tmp/heavy.db" "${BENCH_RUNS:-30}" <<'PY'
import os, random, statistics, subprocess, sys, time
kith, db, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
base = [kith, "--db", db, "--now", "2026-11-23T12:00:00Z", "--tz", "Europe/London"]
cases = {"today": ["today"], "report --month": ["report", "--month"], "map": ["map"],
         "signals": ["signals"], "score": ["score"]}
times = {c: [] for c in cases}
for _ in range(3):
    for args in cases.values():
        subprocess.run(base + args, stdout=subprocess.DEVNULL, check=True)
for _ in range(runs):
    order = list(cases.items())
    random.shuffle(order)
    for name, args in order:
        t = time.perf_counter()
        subprocess.run(base + args, stdout=subprocess.DEVNULL, check=True)
        times[name].append((time.perf_counter() - t) * 1000)
def peak(args):
    out = subprocess.run(["/usr/bin/time", "-f", "%M"] + base + args, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True, check=True)
    return max(int(line) for line in out.stderr.split() if line.isdigit()) / 1024
print(f"load average {os.getloadavg()[0]:.2f}; {runs} interleaved runs each\n")
print(f"{'command':<16} {'median ms':>10} {'p90 ms':>8} {'peak MiB':>9}   target: < 50 ms, < 16 MiB")
for name, args in cases.items():
    ts = sorted(times[name])
    p90 = ts[min(len(ts) - 1, int(len(ts) * 0.9))]
    print(f"{name:<16} {statistics.median(ts):>10.1f} {p90:>8.1f} {max(peak(args) for _ in range(3)):>9.1f}")
PY
