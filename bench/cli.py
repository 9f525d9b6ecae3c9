#!/usr/bin/env python3
"""Times kith's CLI against the floor (a sqlite3 shell insert), whole process each time.

Run through bench/cli.sh, which builds kith and makes the databases. Standard library only.

Each command is started with posix_spawn and reaped with wait4, so the wall time covers the
whole process (exec, dynamic loading, open, write, fsync, close, exit) and the peak memory
(ru_maxrss) is that child's own, not the maximum over every child so far.
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
import uuid

DEVNULL = os.devnull


def run(argv, env, stdout=DEVNULL):
    """Runs argv to completion; returns (seconds, max RSS in KiB). Raises on a non-zero exit."""
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, DEVNULL, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, stdout, os.O_WRONLY, 0),
        (os.POSIX_SPAWN_OPEN, 2, DEVNULL, os.O_WRONLY, 0),
    ]
    start = time.perf_counter_ns()
    pid = os.posix_spawn(argv[0], argv, env, file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    elapsed = (time.perf_counter_ns() - start) / 1e9
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        import subprocess

        again = subprocess.run(argv, env=env, capture_output=True, text=True)
        sys.exit(
            f"bench: {' '.join(argv)!r} exited {code}; run again it said:\n{again.stderr or again.stdout}"
        )
    return elapsed, usage.ru_maxrss  # KiB on Linux


def p90(xs):
    return statistics.quantiles(xs, n=10, method="inclusive")[8] if len(xs) > 1 else xs[0]


def ms(x):
    return f"{x * 1000:.2f}"


def mib(kib):
    return f"{kib / 1024:.1f}"


def person_of(kith, db, env):
    import subprocess

    out = subprocess.run([kith, "--db", db, "person", "list", "--json"], env=env, check=True, capture_output=True)
    people = [p for p in json.loads(out.stdout)["people"] if not p["archived"]]
    if not people:
        sys.exit(f"bench: no person in {db}")
    return people[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kith", required=True)
    ap.add_argument("--sqlite3", required=True)
    ap.add_argument("--heavy", required=True)
    ap.add_argument("--empty", required=True)
    ap.add_argument("--floor", required=True)
    ap.add_argument("--blocks", type=int, default=3)
    ap.add_argument("--rounds", type=int, default=200)
    ap.add_argument("--warmup", type=int, default=20)
    ap.add_argument("--slow-runs", type=int, default=10)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()

    # The child's environment: the caller's, less anything that would point kith elsewhere.
    env = {k: v for k, v in os.environ.items() if not k.startswith("KITH_")}

    heavy_person = person_of(a.kith, a.heavy, env)
    empty_person = person_of(a.kith, a.empty, env)
    name, person_id = heavy_person["name"], heavy_person["id"]

    def log_cmd(db, who):
        return [a.kith, "--db", db, "log", who, "--mode", "voice", "--minutes", "10", "--felt", "1"]

    def floor_cmd():
        # The same two rows kith log writes (the interaction and its join row), in one
        # BEGIN IMMEDIATE transaction, with the pragmas kith opens SQLite with.
        iid = str(uuid.uuid4())
        now = int(time.time())
        sql = (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
            "PRAGMA busy_timeout=10000; BEGIN IMMEDIATE; "
            "INSERT INTO interaction (id, account_id, at, at_offset, local_date, minutes, mode, initiator, "
            "felt, meaningful, tags, note, unanswered, source, source_id, plan_id) VALUES "
            f"('{iid}', 'local', {now}, 0, '{time.strftime('%Y-%m-%d', time.gmtime(now))}', 10, 'voice', "
            "NULL, 1, TRUE, '', NULL, 0, 'manual', NULL, NULL) "
            "ON CONFLICT (account_id, source, source_id) DO NOTHING; "
            "INSERT INTO interaction_person (interaction_id, person_id, account_id, position) VALUES "
            f"('{iid}', '{person_id}', 'local', 0); COMMIT;"
        )
        return [a.sqlite3, "-batch", a.floor, sql]

    # Check once that the floor writes what it should.
    run(floor_cmd(), env)

    cases = {
        "log_heavy": lambda: log_cmd(a.heavy, name),
        "log_empty": lambda: log_cmd(a.empty, empty_person["name"]),
        "floor": floor_cmd,
    }
    rng = random.Random(a.seed)
    for _ in range(a.warmup):
        for key in cases:
            run(cases[key](), env)

    # Interleaved: every round runs each case once, in a shuffled order, so drift and noise
    # land on all of them alike.
    times = {k: [] for k in cases}
    rss = {k: [] for k in cases}
    block_ratios = []
    t0 = time.monotonic()
    for b in range(a.blocks):
        bt = {k: [] for k in cases}
        for _ in range(a.rounds):
            order = list(cases)
            rng.shuffle(order)
            for key in order:
                t, m = run(cases[key](), env)
                bt[key].append(t)
                rss[key].append(m)
        for k in cases:
            times[k] += bt[k]
        fl = statistics.median(bt["floor"])
        block_ratios.append(
            (statistics.median(bt["log_heavy"]) / fl, statistics.median(bt["log_empty"]) / fl,
             statistics.median(bt["log_heavy"]) / statistics.median(bt["log_empty"]))
        )
        print(
            f"  block {b + 1}/{a.blocks}: log heavy {ms(statistics.median(bt['log_heavy']))} ms, "
            f"log empty {ms(statistics.median(bt['log_empty']))} ms, floor {ms(fl)} ms "
            f"-> {block_ratios[-1][0]:.2f}x floor",
            file=sys.stderr,
        )
    fast_secs = time.monotonic() - t0

    # The reads over ten years: fewer runs, also interleaved.
    slow = {
        "history": [a.kith, "--db", a.heavy, "history", "--json"],
        "export": [a.kith, "--db", a.heavy, "export"],
    }
    for argv in slow.values():
        run(argv, env)  # warm the page cache
    stimes = {k: [] for k in slow}
    srss = {k: [] for k in slow}
    for _ in range(a.slow_runs):
        for key, argv in slow.items():
            t, m = run(argv, env)
            stimes[key].append(t)
            srss[key].append(m)

    med = {k: statistics.median(v) for k, v in times.items()}
    ratio = med["log_heavy"] / med["floor"]
    ratio_empty = med["log_empty"] / med["floor"]
    heavy_vs_empty = med["log_heavy"] / med["log_empty"]
    lo = min(r[0] for r in block_ratios)
    hi = max(r[0] for r in block_ratios)
    he_lo = min(r[2] for r in block_ratios)
    he_hi = max(r[2] for r in block_ratios)

    n = a.blocks * a.rounds
    print()
    print(f"kith bench: {a.blocks} x {a.rounds} interleaved rounds ({fast_secs:.0f} s), "
          f"logging for {name!r}; reads: {a.slow_runs} runs each")
    print()
    rows = [
        ("what", "median", "p90", "peak RSS", "target"),
        ("", "ms", "ms", "MiB", ""),
        ("kith log, 50,000 interactions", ms(med["log_heavy"]), ms(p90(times["log_heavy"])),
         mib(max(rss["log_heavy"])), "<= floor, never > 1.3x; < 8 MiB"),
        ("kith log, empty database", ms(med["log_empty"]), ms(p90(times["log_empty"])),
         mib(max(rss["log_empty"])), ""),
        ("floor: sqlite3 insert (2 rows)", ms(med["floor"]), ms(p90(times["floor"])),
         mib(max(rss["floor"])), ""),
        ("kith history --json (50,000)", ms(statistics.median(stimes["history"])), ms(p90(stimes["history"])),
         mib(max(srss["history"])), ""),
        ("kith export (50,000)", ms(statistics.median(stimes["export"])), ms(p90(stimes["export"])),
         mib(max(srss["export"])), "< 16 MiB (streams)"),
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    for r in rows:
        print("  " + r[0].ljust(widths[0]) + "  " + "  ".join(c.rjust(w) for c, w in zip(r[1:4], widths[1:4]))
              + "  " + r[4])
    print()

    def verdict(ok):
        return "ok" if ok else "MISSED"

    ratio_rows = [
        ("kith log / floor (heavy)", f"{ratio:.2f}x", f"blocks {lo:.2f}-{hi:.2f}x",
         "<= 1.0x, never > 1.3x", verdict(ratio <= 1.3) + ("" if ratio <= 1.0 else " (above 1.0x)")),
        ("kith log / floor (empty)", f"{ratio_empty:.2f}x", "", "", ""),
        ("kith log heavy / empty", f"{heavy_vs_empty:.2f}x", f"blocks {he_lo:.2f}-{he_hi:.2f}x",
         "no slower (~1.0x)", verdict(heavy_vs_empty <= 1.05)),
        ("kith log peak RSS (heavy)", f"{mib(max(rss['log_heavy']))} MiB",
         f"median {mib(statistics.median(rss['log_heavy']))}", "< 8 MiB",
         verdict(max(rss["log_heavy"]) < 8 * 1024)),
        ("kith export peak RSS", f"{mib(max(srss['export']))} MiB", "", "< 16 MiB",
         verdict(max(srss["export"]) < 16 * 1024)),
    ]
    widths = [max(len(r[i]) for r in ratio_rows) for i in range(5)]
    for r in ratio_rows:
        print("  " + "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
    print(f"\n  ({n} runs per log case; p90 by inclusive quantiles; peak RSS is the largest "
          "ru_maxrss of any run, from wait4)")


if __name__ == "__main__":
    main()
