#!/usr/bin/env python3
"""Times kith's CLI against its floors (the sqlite3 shell doing the same work), whole process
each time: `kith log` against a two-row insert, `kith export` and `history --json` against a
CSV dump of the interactions, the insight commands against a group-by report of the year they
read, and `kith import-json` of 50,000 interactions. With --baseline, another kith build (an
earlier commit) runs beside it in the same interleaved rounds.

Run through bench/cli.sh, which builds kith and makes the databases. Standard library only.

Each command is started with posix_spawn and reaped with wait4, so the wall time covers the
whole process (exec, dynamic loading, open, write, fsync, close, exit).

Peak memory comes from separate runs under GNU time (`/usr/bin/time -f %M`), never from the
timed runs: glibc's posix_spawn starts the child with vfork, and Linux carries the parent's
high-water RSS into the child's ru_maxrss across exec, so wait4 would report this Python
process's ~16 MiB for every child. GNU time forks from its own small process, so %M is the
command's own peak (floored at time's ~2 MiB).
"""

import argparse
import calendar
import itertools
import json
import os
import random
import statistics
import sys
import time
import uuid

DEVNULL = os.devnull


def run(argv, env, stdout=DEVNULL):
    """Runs argv to completion; returns (wall seconds, CPU seconds: user + system). Exits on a
    non-zero exit. CPU time is the child's own; it shrugs off most of the noise that other
    work on the machine adds to wall time (but not the cost of waiting for fsync)."""
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
    return elapsed, usage.ru_utime + usage.ru_stime


def peak_kib(time_bin, argv, env, out_file):
    """The peak RSS of one run of argv, in KiB, from GNU time."""
    run([time_bin, "-f", "%M", "-o", out_file, *argv], env)
    with open(out_file) as f:
        return int(f.read().split()[-1])


def p90(xs):
    return statistics.quantiles(xs, n=10, method="inclusive")[8] if len(xs) > 1 else xs[0]


def ms(x):
    return f"{x * 1000:.2f}"


def mib(kib):
    return f"{kib / 1024:.1f}"


def person_of(kith, db, env, nth=0):
    import subprocess

    out = subprocess.run([kith, "--db", db, "person", "list", "--json"], env=env, check=True, capture_output=True)
    people = [p for p in json.loads(out.stdout)["people"] if not p["archived"]]
    if len(people) <= nth:
        sys.exit(f"bench: fewer than {nth + 1} people in {db}")
    return people[nth]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kith", required=True)
    ap.add_argument("--sqlite3", required=True)
    ap.add_argument("--heavy", required=True)
    ap.add_argument("--empty", required=True)
    ap.add_argument("--floor", required=True, help="a copy of the heavy database, for sqlite3")
    ap.add_argument("--floor-empty", required=True, help="a copy of the empty database, for sqlite3")
    ap.add_argument("--blocks", type=int, default=3)
    ap.add_argument("--rounds", type=int, default=200)
    ap.add_argument("--warmup", type=int, default=20)
    ap.add_argument("--slow-runs", type=int, default=10)
    ap.add_argument("--mem-runs", type=int, default=10)
    ap.add_argument("--label", default="", help="which build this is (a commit)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--time", default="/usr/bin/time", help="GNU time, for peak memory")
    ap.add_argument("--scratch", required=True, help="a folder for GNU time's output")
    ap.add_argument("--baseline", help="another kith binary to time beside this one")
    a = ap.parse_args()

    # The child's environment: the caller's, less anything that would point kith elsewhere.
    env = {k: v for k, v in os.environ.items() if not k.startswith("KITH_")}

    heavy_person = person_of(a.kith, a.heavy, env)
    empty_person = person_of(a.kith, a.empty, env)
    name = heavy_person["name"]

    runs = itertools.count()

    def log_cmd(db, who, kith=a.kith):
        # A different entry each run: kith takes the same entry twice within a minute for a
        # slip and refuses it, so each run logs something new, as a person would (1,400
        # lengths x 5 feelings before one comes round again).
        n = next(runs)
        minutes = str(10 + n % 1400)
        felt = str((n // 1400) % 5 - 2)
        return [kith, "--db", db, "log", who, "--mode", "voice", "--minutes", minutes, "--felt", felt]

    def floor_cmd(db, person_id):
        # The same two rows kith log writes (the interaction and its join row), in one
        # BEGIN IMMEDIATE transaction, with the pragmas kith opens SQLite with.
        iid = str(uuid.uuid4())
        now = int(time.time())
        sql = (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
            "PRAGMA busy_timeout=10000; BEGIN IMMEDIATE; "
            "INSERT INTO interaction (id, account_id, at, at_offset, local_date, minutes, mode, people, "
            "initiator, felt, meaningful, tags, note, unanswered, source, source_id, plan_id) VALUES "
            f"('{iid}', 'local', {now}, 0, '{time.strftime('%Y-%m-%d', time.gmtime(now))}', 10, 'voice', "
            f"'{person_id}', NULL, 1, TRUE, '', NULL, 0, 'manual', NULL, NULL) "
            "ON CONFLICT (account_id, source, source_id) DO NOTHING; "
            "INSERT INTO interaction_person (interaction_id, person_id, account_id, position, at) VALUES "
            f"('{iid}', '{person_id}', 'local', 0, {now}); COMMIT;"
        )
        return [a.sqlite3, "-batch", db, sql]

    cases = {
        "log_heavy": lambda: log_cmd(a.heavy, name),
        "log_empty": lambda: log_cmd(a.empty, empty_person["name"]),
        "floor": lambda: floor_cmd(a.floor, heavy_person["id"]),
        # Not a target: shows how much of heavy / empty SQLite itself pays.
        "floor_empty": lambda: floor_cmd(a.floor_empty, empty_person["id"]),
    }
    if a.baseline:
        # Someone else, so that neither build's log looks like a repeat of the other's.
        other = person_of(a.kith, a.heavy, env, 1)["name"]
        cases["log_heavy_baseline"] = lambda: log_cmd(a.heavy, other, a.baseline)
    rng = random.Random(a.seed)
    for _ in range(a.warmup):
        for key in cases:
            run(cases[key](), env)

    # Interleaved: every round runs each case once, in a shuffled order, so drift and noise
    # land on all of them alike.
    times = {k: [] for k in cases}
    cpu = {k: [] for k in cases}
    block_ratios = []
    t0 = time.monotonic()
    for b in range(a.blocks):
        bt = {k: [] for k in cases}
        bc = {k: [] for k in cases}
        for _ in range(a.rounds):
            order = list(cases)
            rng.shuffle(order)
            for key in order:
                t, c = run(cases[key](), env)
                bt[key].append(t)
                bc[key].append(c)
        for k in cases:
            times[k] += bt[k]
            cpu[k] += bc[k]
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

    # Peak memory: separate runs under GNU time (see the top of this file).
    mem_out = os.path.join(a.scratch, "time.out")
    rss = {k: [] for k in cases}
    for _ in range(a.mem_runs):
        for key in cases:
            rss[key].append(peak_kib(a.time, cases[key](), env, mem_out))

    # The reads over ten years: fewer runs, also interleaved; then their peak memory.
    # Their floors: the sqlite3 shell dumping the interaction table as CSV (what an export
    # reads), and a group-by report of the year the insight commands read (per people, month
    # and mode; per day), at the "now" the demo was made for.
    now = calendar.timegm((2026, 11, 23, 12, 0, 0))
    since = now - 367 * 86400
    fixed = ["--now", "2026-11-23T12:00:00Z", "--tz", "Europe/London"]
    # The report is written as SQLite answers it fastest: on the time index, people as the
    # stored list (no join), so the floor is as low as a year's report can go.
    report_sql = (
        "SELECT people, substr(local_date, 1, 7), mode, count(*), sum(coalesce(minutes, 0)), sum(felt) "
        f"FROM interaction WHERE account_id = 'local' AND at >= {since} GROUP BY 1, 2, 3; "
        "SELECT local_date, count(*), max(meaningful) FROM interaction "
        f"WHERE account_id = 'local' AND at >= {since} GROUP BY 1;"
    )
    dump = os.path.join(a.scratch, "export.json")
    with open(dump, "w") as f:
        import subprocess

        subprocess.run([a.kith, "--db", a.heavy, "export"], env=env, stdout=f, check=True)
    imported = os.path.join(a.scratch, "imported.db")

    def import_json(kith):
        # Into a new file each run, as `kith import-json` is used: the removal is not timed.
        def argv():
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(imported + suffix):
                    os.remove(imported + suffix)
            return [kith, "--db", imported, "import-json", dump]
        return argv

    def reads(kith):
        return {
            "history": lambda: [kith, "--db", a.heavy, "history", "--json"],
            "export": lambda: [kith, "--db", a.heavy, "export"],
            "today": lambda: [kith, "--db", a.heavy, *fixed, "today"],
            "report": lambda: [kith, "--db", a.heavy, *fixed, "report", "--month"],
            "map": lambda: [kith, "--db", a.heavy, *fixed, "map"],
            "signals": lambda: [kith, "--db", a.heavy, *fixed, "signals"],
            "score": lambda: [kith, "--db", a.heavy, *fixed, "score"],
            "import": import_json(kith),
        }

    slow = reads(a.kith)
    slow["csv_dump"] = lambda: [a.sqlite3, "-batch", "-csv", a.heavy, "SELECT * FROM interaction"]
    slow["year_report"] = lambda: [a.sqlite3, "-batch", a.heavy, report_sql]
    if a.baseline:
        slow.update({k + "_baseline": v for k, v in reads(a.baseline).items()})
    for argv in slow.values():
        run(argv(), env)  # warm the page cache
    stimes = {k: [] for k in slow}
    scpu = {k: [] for k in slow}
    for _ in range(a.slow_runs):
        order = list(slow)
        rng.shuffle(order)
        for key in order:
            t, c = run(slow[key](), env)
            stimes[key].append(t)
            scpu[key].append(c)
    srss = {k: [peak_kib(a.time, slow[k](), env, mem_out) for _ in range(max(1, a.mem_runs // 3))]
            for k in ("history", "export", "today", "import")}

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
    print(f"kith bench{' at ' + a.label if a.label else ''}: {a.blocks} x {a.rounds} interleaved rounds ({fast_secs:.0f} s), "
          f"logging for {name!r}; reads: {a.slow_runs} runs each")
    print()
    def med_ms(xs):
        return ms(statistics.median(xs))

    rows = [
        ("what", "median", "p90", "CPU", "peak RSS", "target"),
        ("", "ms", "ms", "ms", "MiB", ""),
        ("kith log, 50,000 interactions", med_ms(times["log_heavy"]), ms(p90(times["log_heavy"])),
         med_ms(cpu["log_heavy"]), mib(max(rss["log_heavy"])), "<= floor, never > 1.3x; < 8 MiB"),
        ("kith log, empty database", med_ms(times["log_empty"]), ms(p90(times["log_empty"])),
         med_ms(cpu["log_empty"]), mib(max(rss["log_empty"])), "heavy no slower than this"),
        ("floor: sqlite3 insert (2 rows)", med_ms(times["floor"]), ms(p90(times["floor"])),
         med_ms(cpu["floor"]), mib(max(rss["floor"])), ""),
        ("floor, empty database", med_ms(times["floor_empty"]), ms(p90(times["floor_empty"])),
         med_ms(cpu["floor_empty"]), mib(max(rss["floor_empty"])), "(context only)"),
        ("kith history --json (50,000)", med_ms(stimes["history"]), ms(p90(stimes["history"])),
         med_ms(scpu["history"]), mib(max(srss["history"])), "<= 1.5x the CSV dump"),
        ("kith export (50,000)", med_ms(stimes["export"]), ms(p90(stimes["export"])),
         med_ms(scpu["export"]), mib(max(srss["export"])), "<= 1.5x the CSV dump; < 16 MiB"),
        ("floor: sqlite3 -csv dump", med_ms(stimes["csv_dump"]), ms(p90(stimes["csv_dump"])),
         med_ms(scpu["csv_dump"]), "", ""),
        ("kith today", med_ms(stimes["today"]), ms(p90(stimes["today"])),
         med_ms(scpu["today"]), mib(max(srss["today"])), "<= the year's report"),
        ("kith report --month", med_ms(stimes["report"]), ms(p90(stimes["report"])), med_ms(scpu["report"]), "", ""),
        ("kith map", med_ms(stimes["map"]), ms(p90(stimes["map"])), med_ms(scpu["map"]), "", ""),
        ("kith signals", med_ms(stimes["signals"]), ms(p90(stimes["signals"])), med_ms(scpu["signals"]), "", ""),
        ("kith score", med_ms(stimes["score"]), ms(p90(stimes["score"])), med_ms(scpu["score"]), "", ""),
        ("floor: sqlite3 year report", med_ms(stimes["year_report"]), ms(p90(stimes["year_report"])),
         med_ms(scpu["year_report"]), "", ""),
        ("kith import-json (50,000)", med_ms(stimes["import"]), ms(p90(stimes["import"])),
         med_ms(scpu["import"]), mib(max(srss["import"])), "< 500 ms"),
    ]
    if a.baseline:
        rows.append(("baseline: kith log (heavy)", med_ms(times["log_heavy_baseline"]),
                     ms(p90(times["log_heavy_baseline"])), med_ms(cpu["log_heavy_baseline"]), "", ""))
        for key in ("history", "export", "today", "report", "map", "signals", "score", "import"):
            b = key + "_baseline"
            rows.append((f"baseline: {key}", med_ms(stimes[b]), ms(p90(stimes[b])), med_ms(scpu[b]), "", ""))
    widths = [max(len(r[i]) for r in rows) for i in range(6)]
    for r in rows:
        print("  " + r[0].ljust(widths[0]) + "  " + "  ".join(c.rjust(w) for c, w in zip(r[1:5], widths[1:5]))
              + "  " + r[5])
    print()

    def verdict(ok):
        return "ok" if ok else "MISSED"

    floor_he = med["floor"] / med["floor_empty"]
    cpu_ratio = statistics.median(cpu["log_heavy"]) / statistics.median(cpu["floor"])
    ratio_rows = [
        ("", "median", "per block", "target", ""),
        ("kith log / floor (heavy)", f"{ratio:.2f}x", f"{lo:.2f}-{hi:.2f}x",
         "<= 1.0x, never > 1.3x", verdict(ratio <= 1.3) + ("" if ratio <= 1.0 else " (above 1.0x)")),
        ("kith log / floor (empty)", f"{ratio_empty:.2f}x", "", "", ""),
        ("kith log heavy / empty", f"{heavy_vs_empty:.2f}x", f"{he_lo:.2f}-{he_hi:.2f}x",
         "no slower (<= 1.05x)", verdict(heavy_vs_empty <= 1.05)),
        ("floor heavy / empty", f"{floor_he:.2f}x", "", "(what SQLite itself pays)", ""),
        ("CPU: kith log / floor (heavy)", f"{cpu_ratio:.2f}x", "", "", ""),
        ("kith log peak RSS (heavy)", f"{mib(max(rss['log_heavy']))} MiB",
         f"median {mib(statistics.median(rss['log_heavy']))}", "< 8 MiB",
         verdict(max(rss["log_heavy"]) < 8 * 1024)),
        ("kith export peak RSS", f"{mib(max(srss['export']))} MiB", "", "< 16 MiB",
         verdict(max(srss["export"]) < 16 * 1024)),
    ]
    smed = {k: statistics.median(v) for k, v in stimes.items()}
    for key, floor, target in (("export", "csv_dump", 1.5), ("history", "csv_dump", 1.5),
                               ("today", "year_report", 1.0), ("report", "year_report", 1.0),
                               ("map", "year_report", 1.0), ("signals", "year_report", 1.0),
                               ("score", "year_report", 1.0)):
        r = smed[key] / smed[floor]
        floor_name = "CSV dump" if floor == "csv_dump" else "year report"
        ratio_rows.append((f"kith {key} / {floor_name}", f"{r:.2f}x", "", f"<= {target:.1f}x", verdict(r <= target)))
    ratio_rows.append(("kith import-json (50,000)", f"{ms(smed['import'])} ms", "", "< 500 ms",
                       verdict(smed["import"] < 0.5)))
    if a.baseline:
        ratio_rows.append(("kith log / baseline (heavy)", f"{med['log_heavy'] / med['log_heavy_baseline']:.2f}x", "", "", ""))
        for key in ("history", "export", "today", "import"):
            ratio_rows.append((f"kith {key} / baseline", f"{smed[key] / smed[key + '_baseline']:.2f}x", "", "", ""))
    widths = [max(len(r[i]) for r in ratio_rows) for i in range(5)]
    for r in ratio_rows:
        print("  " + "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
    load = os.getloadavg()
    print(f"\n  {n} timed runs per log case, interleaved; p90 by inclusive quantiles. Peak RSS: the"
          f"\n  largest of {a.mem_runs} runs (reads: {max(1, a.mem_runs // 3)}) under GNU time -f %M."
          f"\n  Load average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} CPUs"
          + (" (busy: other work shared the machine, so absolute times are noisy; the ratios less so)"
             if load[1] > 0.5 * (os.cpu_count() or 1) else ""))


if __name__ == "__main__":
    main()
