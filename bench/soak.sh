#!/usr/bin/env bash
# A soak of `kith serve`: for SOAK_MINUTES (30), writers and readers on the command line, the
# web pages and the JSON API share one database, on a SQLite file and on a private PostgreSQL
# server at once. Halfway through, PostgreSQL is restarted under the server, and the SQLite
# server is stopped with SIGTERM and started again. At the end it checks that every write
# kith confirmed is in the database, and prints p50/p99 latency per kind of request, how
# many requests failed (and how), and the server's memory a minute in and at the end. Every
# write lands in the window the server keeps in memory, so its memory grows with the data;
# a leak shows as growth beyond what a new server started on the final data takes after a
# minute of the same load (target: at most 10% beyond it). A benchmark, never a test. See bench/README.md.
#
# Settings (environment): SOAK_MINUTES (30), BENCH_TMPDIR (default $TMPDIR or /tmp),
# BENCH_NO_BUILD=1 to use target/release/kith as it is, SOAK_BACKENDS ("sqlite postgres").
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
say() { printf 'soak: %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
command -v python3 >/dev/null || { say "python3 is missing (3.8 or newer)"; exit 1; }

if [ -z "${BENCH_NO_BUILD:-}" ]; then
    say "building target/release/kith"
    cargo build --release --quiet -p kith
fi
kith="${CARGO_TARGET_DIR:-$root/target}/release/kith"
[ -x "$kith" ] || { say "$kith is missing"; exit 1; }

backends="${SOAK_BACKENDS:-sqlite postgres}"
work="$(mktemp -d "${BENCH_TMPDIR:-${TMPDIR:-/tmp}}/kith-soak.XXXXXX")"
chmod 755 "$work"
pg_ctl_cmd=""
cleanup() {
    if [ -n "$pg_ctl_cmd" ]; then $pg_ctl_cmd -m immediate stop >/dev/null 2>&1 || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

pg_url=""
if [[ " $backends " == *" postgres "* ]]; then
    if [ -z "$(pg_bin)" ]; then
        say "installing PostgreSQL from Debian"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
    bin="$(pg_bin)"
    port=$((50000 + RANDOM % 5000))
    mkdir "$work/pg"
    run_pg=""
    if [ "$(id -u)" = 0 ]; then chown postgres "$work/pg"; run_pg="runuser -u postgres --"; fi
    $run_pg "$bin/initdb" -D "$work/pg/data" -A trust -U postgres --no-sync >/dev/null
    pg_ctl_cmd="$run_pg $bin/pg_ctl -D $work/pg/data -l $work/pg/log -w"
    $pg_ctl_cmd -o "-c listen_addresses=127.0.0.1 -p $port -k $work/pg" start >/dev/null
    pg_url="postgres://postgres@127.0.0.1:$port/postgres"
    say "PostgreSQL on 127.0.0.1:$port"
fi

KITH="$kith" WORK="$work" PG_URL="$pg_url" PG_CTL="$pg_ctl_cmd" BACKENDS="$backends" \
MINUTES="${SOAK_MINUTES:-30}" python3 - <<'PY'
import http.client, json, os, random, shlex, signal, socket, statistics, subprocess, threading, time, urllib.parse

kith, work, minutes = os.environ["KITH"], os.environ["WORK"], float(os.environ["MINUTES"])
env = dict(os.environ, KITH_CONFIG=os.path.join(work, "settings.toml"))
PERSON = "Robin Soak"

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def rss_mib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None

def threads_of(pid):
    try:
        return len(os.listdir(f"/proc/{pid}/task"))
    except OSError:
        return None


class Backend:
    def __init__(self, name, db):
        self.name, self.db, self.port = name, db, free_port()
        self.lock = threading.Lock()
        self.confirmed = set()
        self.latency = {}
        self.failures = {}
        self.server = None
        self.stop = threading.Event()
        self.serial = 0
        self.restarted_at = None
        self.failed_at = []

    def kith(self, *args, check=True):
        return subprocess.run([kith, "--db", self.db, *args], env=env, capture_output=True, text=True, check=check)

    def start(self):
        self.server = subprocess.Popen([kith, "--db", self.db, "serve", "--addr", f"127.0.0.1:{self.port}"],
                                       env=env, stdout=subprocess.DEVNULL, stderr=open(os.path.join(work, f"{self.name}-serve.log"), "a"))
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise SystemExit(f"soak: the {self.name} server did not start")

    def note(self, kind):
        with self.lock:
            self.serial += 1
            return f"soak {self.name} {kind} {self.serial}"

    def record(self, kind, took, ok, why=None, note=None):
        with self.lock:
            self.latency.setdefault(kind, []).append(took * 1000)
            if ok and note:
                self.confirmed.add(note)
            if not ok:
                self.failed_at.append(time.monotonic())
                key = f"{kind}: {why}"
                self.failures[key] = self.failures.get(key, 0) + 1

    def http(self, method, path, body=None, headers=None):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        h = {"Host": f"127.0.0.1:{self.port}", **(headers or {})}
        c.request(method, path, body=body, headers=h)
        r = c.getresponse()
        r.read()
        c.close()
        return r.status

    def timed(self, kind, fn, note=None):
        start = time.perf_counter()
        try:
            ok, why = fn()
        except Exception as e:  # a refused or cut connection counts as a failed request
            ok, why = False, type(e).__name__
        self.record(kind, time.perf_counter() - start, ok, why, note)

    def api_write(self):
        note = self.note("api")
        body = json.dumps({"people": [PERSON], "mode": "text", "note": note})
        def go():
            s = self.http("POST", "/api/v1/interactions", body, {"Content-Type": "application/json"})
            return s == 201, s
        self.timed("api write", go, note)

    def web_write(self):
        note = self.note("web")
        form = urllib.parse.urlencode({"new_person": PERSON, "mode": "voice", "note": note})
        origin = f"http://127.0.0.1:{self.port}"
        def go():
            s = self.http("POST", "/log", form, {"Content-Type": "application/x-www-form-urlencoded",
                                                  "Origin": origin, "Sec-Fetch-Site": "same-origin"})
            return s == 303, s
        self.timed("web write", go, note)

    def cli_write(self):
        note = self.note("cli")
        def go():
            r = self.kith("log", PERSON, "--mode", "text", "--note", note, check=False)
            return r.returncode == 0, f"exit {r.returncode}"
        self.timed("cli write", go, note)

    def api_read(self):
        self.timed("api read (today)", lambda: (lambda s: (s == 200, s))(self.http("GET", "/api/v1/today")))

    def page_read(self):
        self.timed("page read (Today)", lambda: (lambda s: (s == 200, s))(self.http("GET", "/")))

    def cli_read(self):
        self.timed("cli read (today)", lambda: (lambda r: (r.returncode == 0, f"exit {r.returncode}"))(
            self.kith("today", "--json", check=False)))

def worker(b, action, pause):
    rng = random.Random(hash((b.name, action.__name__)))
    while not b.stop.is_set():
        action()
        time.sleep(rng.uniform(0, 2 * pause))

def start_workers(b):
    """Starts every kind of reader and writer on `b`, each at its own pace, until `b.stop`."""
    b.stop = threading.Event()
    ts = []
    for action, pause in ((b.api_write, 0.2), (b.web_write, 0.2), (b.cli_write, 0.5),
                          (b.api_read, 0.3), (b.page_read, 0.3), (b.cli_read, 1.0)):
        t = threading.Thread(target=worker, args=(b, action, pause), daemon=True)
        t.start()
        ts.append(t)
    return ts

def restart(b):
    b.restarted_at = time.monotonic()
    if b.name == "postgres":
        pg = shlex.split(os.environ["PG_CTL"])
        subprocess.run([*pg, "-m", "fast", "restart"], check=True, stdout=subprocess.DEVNULL)
        return "PostgreSQL restarted under the running server"
    b.server.send_signal(signal.SIGTERM)
    code = b.server.wait(timeout=30)
    b.start()
    return f"server stopped with SIGTERM (exit {code}) and started again"

backends = []
for name in os.environ["BACKENDS"].split():
    db = os.environ["PG_URL"] if name == "postgres" else os.path.join(work, "soak.db")
    b = Backend(name, db)
    b.kith("person", "add", PERSON)
    b.kith("log", PERSON, "--mode", "voice", "--note", "before the soak")
    b.start()
    backends.append(b)

print(f"kith soak: {minutes:g} minutes on {', '.join(b.name for b in backends)}; load average {os.getloadavg()[0]:.2f}", flush=True)
threads = [t for b in backends for t in start_workers(b)]

total = minutes * 60
warm_up = min(60, total / 4)
time.sleep(warm_up)
start_rss = {b.name: rss_mib(b.server.pid) for b in backends}
time.sleep(max(0, total / 2 - warm_up))
events = {b.name: restart(b) for b in backends}
if "sqlite" in start_rss:
    start_rss["sqlite"] = None  # a new process: measured again below
time.sleep(warm_up)
for b in backends:
    if start_rss[b.name] is None:
        start_rss[b.name] = rss_mib(b.server.pid)
time.sleep(max(0, total / 2 - warm_up))
end_rss = {b.name: rss_mib(b.server.pid) for b in backends}
end_threads = {b.name: threads_of(b.server.pid) for b in backends}
for b in backends:
    b.stop.set()
for t in threads:
    t.join(timeout=60)

def fresh_rss(b):
    """A new server on the final data, after the same warm-up as the soak's own servers (the
    same kinds of request, at the same pace, for as long): what the data and the load cost,
    to tell growth with the data from memory that builds up over time."""
    b.start()
    latency, failures = b.latency, b.failures
    b.latency, b.failures = {}, {}  # its requests count as writes to find, not as the soak's latency
    ts = start_workers(b)
    time.sleep(warm_up)
    rss, threads = rss_mib(b.server.pid), threads_of(b.server.pid)
    b.stop.set()
    for t in ts:
        t.join(timeout=60)
    b.latency, b.failures = latency, failures
    b.server.send_signal(signal.SIGTERM)
    b.server.wait(timeout=30)
    return rss, threads

failed = 0
for b in backends:
    b.server.send_signal(signal.SIGTERM)
    b.server.wait(timeout=30)
    fresh, fresh_threads = fresh_rss(b)
    doc = json.loads(b.kith("export").stdout)
    present = {i.get("note") for i in doc["interactions"] if (i.get("note") or "").startswith("soak ")}
    lost = b.confirmed - present
    unconfirmed = present - b.confirmed
    growth = (end_rss[b.name] / start_rss[b.name] - 1) * 100 if start_rss[b.name] and end_rss[b.name] else float("nan")
    print(f"\n{b.name}: {events[b.name]}")
    print(f"  confirmed writes {len(b.confirmed)}, present {len(b.confirmed & present)}, lost {len(lost)}"
          f" (and {len(unconfirmed)} present that were not confirmed, e.g. cut off while answering)")
    beyond = (end_rss[b.name] / fresh - 1) * 100 if fresh and end_rss[b.name] else float("nan")
    print(f"  server memory {start_rss[b.name]:.1f} MiB after warm-up, {end_rss[b.name]:.1f} MiB at the end ({growth:+.1f}%);"
          f" a new server on the final data, after the same warm-up, {fresh:.1f} MiB, so {beyond:+.1f}% beyond what the data costs (target at most +10%);"
          f" threads {end_threads[b.name]} at the end, {fresh_threads} in the new server")
    print("  | request | count | p50 ms | p99 ms |")
    print("  |---|---|---|---|")
    for kind, ms in sorted(b.latency.items()):
        ms = sorted(ms)
        p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
        print(f"  | {kind} | {len(ms)} | {statistics.median(ms):.1f} | {p99:.1f} |")
    for why, n in sorted(b.failures.items()):
        print(f"  failed: {why}: {n}")
    if b.failed_at and b.restarted_at is not None:
        after = [t - b.restarted_at for t in b.failed_at]
        print(f"  failures from {min(after):+.1f} s to {max(after):+.1f} s after the restart began")
    if lost or beyond > 10:
        failed += 1
raise SystemExit(1 if failed else 0)
PY
