#!/usr/bin/env bash
# Times `kith import` end to end (whole process, fresh database each run) on generated files,
# against these targets: 1,000 vCards under 50 ms; 10,000 WhatsApp messages under 200 ms; a
# 50 MB WhatsApp export (with calls, plain and zipped) under 2 s and 100 MiB; 100,000 SMS
# records under 2 s; a 200 MB SMS backup in under 64 MB of peak memory; 50,000 interactions
# through `kith import-json` under 1 s. A benchmark, never a test.
#
# Settings (environment): BENCH_RUNS (5) timed runs per case (the median is printed),
# BENCH_ONLY (run only the cases whose label holds this text, e.g. "WhatsApp"),
# BENCH_TMPDIR (where files and databases go; default $TMPDIR or /tmp), BENCH_NO_BUILD=1 to
# use target/release/kith as it is, BENCH_BIG_MB (200) for the size of the big backup.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
command -v python3 >/dev/null || { echo "bench: python3 is missing (3.8 or newer)" >&2; exit 1; }

if [ -z "${BENCH_NO_BUILD:-}" ]; then
    echo "bench: building target/release/kith" >&2
    cargo build --release --quiet -p kith
fi
kith="${CARGO_TARGET_DIR:-$root/target}/release/kith"
[ -x "$kith" ] || { echo "bench: $kith is missing" >&2; exit 1; }

work="$(mktemp -d "${BENCH_TMPDIR:-${TMPDIR:-/tmp}}/kith-bench-import.XXXXXX")"
trap 'rm -rf "$work"' EXIT

KITH="$kith" WORK="$work" ONLY="${BENCH_ONLY:-}" RUNS="${BENCH_RUNS:-5}" BIG_MB="${BENCH_BIG_MB:-200}" python3 - <<'PY'
import os, random, statistics, subprocess, time

kith, work, runs, big_mb = os.environ["KITH"], os.environ["WORK"], int(os.environ["RUNS"]), int(os.environ["BIG_MB"])
only = os.environ.get("ONLY", "")
rng = random.Random(6)
env = dict(os.environ, KITH_NOW="2026-11-23T12:00:00Z", KITH_TZ="Europe/London")
BASE_MS = 1_735_689_600_000  # 2025-01-01

def path(name):
    return os.path.join(work, name)

def write_vcf(n):
    with open(path("contacts.vcf"), "w") as f:
        for i in range(n):
            f.write(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i}\r\nN:{i};Person;;;\r\n"
                    f"TEL;TYPE=CELL:+44 7700 {i:06d}\r\nEMAIL:person{i}@example.org\r\nBDAY:1990-01-{i % 28 + 1:02d}\r\nEND:VCARD\r\n")

def write_whatsapp(n, name="chat.txt", gap=(30, 3600 * 6), text="message"):
    t = 1_735_689_600
    with open(path(name), "w") as f:
        for i in range(n):
            t += rng.randint(*gap)
            lt = time.gmtime(t)
            who = "Sam Lee" if rng.random() < 0.5 else "Me"
            if i % 500 == 250:
                body = rng.choice(("Voice call, 12 min", "Missed voice call", "Video call, 3 min"))
            else:
                body = f"{text} {i}"
            f.write(time.strftime("%d/%m/%Y, %H:%M", lt) + f" - {who}: {body}\n")
            if i % 50 == 0:
                f.write("and a second line\n")

def write_big_whatsapp(mb):
    """About mb MB: messages a few seconds to minutes apart, as long texts are."""
    line = "a longer message with some words in it, as people write them " * 2
    n = mb * 1_000_000 // (len(line) + 30)
    write_whatsapp(n, "big-chat.txt", gap=(5, 300), text=line.strip())
    import zipfile
    with zipfile.ZipFile(path("big-chat.zip"), "w", zipfile.ZIP_DEFLATED) as z:
        z.write(path("big-chat.txt"), "_chat.txt")
    return n

def write_sms(n, name, mms_bytes=0):
    data = "A" * mms_bytes
    with open(path(name), "w") as f:
        f.write("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n")
        f.write(f'<smses count="{n}" backup_set="bench" type="full">\n')
        ms = BASE_MS
        for i in range(n):
            ms += rng.randint(1000, 600_000)
            contact = rng.randint(0, 199)
            kind = rng.choice((1, 2))
            if mms_bytes and i % 2:
                f.write(f'  <mms date="{ms}" msg_box="{kind}" address="+4477009{contact:05d}" contact_name="Contact {contact}">'
                        f'<parts><part ct="image/jpeg" data="{data}" /><part ct="text/plain" text="hi &#55357;&#56832;" /></parts></mms>\n')
            else:
                f.write(f'  <sms protocol="0" address="+4477009{contact:05d}" date="{ms}" type="{kind}" '
                        f'body="Message {i} &#55357;&#56832;" contact_name="Contact {contact}" />\n')
        f.write("</smses>\n")

def run(args, db):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    start = time.perf_counter()
    proc = subprocess.Popen([kith, "--db", db, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    took = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"bench: kith {' '.join(args)} failed: {proc.stderr.read().decode()}")
    return took, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024

def case(label, args, target_ms=None, target_mib=None, setup=None):
    if only and only not in label:
        return
    times, cpus, peaks = [], [], []
    for _ in range(runs):
        db = path("bench.db")
        if setup:
            setup(db)
        took, cpu, peak = run(args, db)
        times.append(took * 1000)
        cpus.append(cpu * 1000)
        peaks.append(peak)
    median = statistics.median(times)
    verdict = []
    if target_ms is not None:
        verdict.append(f"target < {target_ms} ms: {'ok' if median < target_ms else 'MISSED'}")
    if target_mib is not None:
        verdict.append(f"target < {target_mib} MiB: {'ok' if max(peaks) < target_mib else 'MISSED'}")
    print(f"{label:<44} median {median:8.1f} ms  (min {min(times):7.1f}, CPU {statistics.median(cpus):7.1f})  peak {max(peaks):6.1f} MiB  {'; '.join(verdict)}", flush=True)

print(f"kith import, {runs} runs each, fresh database per run; load average {os.getloadavg()[0]:.2f}", flush=True)
write_vcf(1000)
case("1,000 vCards (import vcf)", ["import", "vcf", path("contacts.vcf")], target_ms=50)
write_whatsapp(10_000)
case("10,000 WhatsApp messages (import whatsapp)", ["import", "whatsapp", path("chat.txt"), "--me", "Me", "--create-people"], target_ms=200)
n = write_big_whatsapp(50)
size = os.path.getsize(path("big-chat.txt")) / 1e6
case(f"{size:.0f} MB WhatsApp export, {n} messages", ["import", "whatsapp", path("big-chat.txt"), "--me", "Me", "--create-people"], target_ms=2000, target_mib=100)
case(f"the same, zipped ({os.path.getsize(path('big-chat.zip')) / 1e6:.1f} MB)", ["import", "whatsapp", path("big-chat.zip"), "--me", "Me", "--create-people"], target_ms=2000, target_mib=100)
write_sms(100_000, "sms.xml")
case("100,000 SMS records (import sms)", ["import", "sms", path("sms.xml"), "--create-people"], target_ms=2000)
# About big_mb MB: half the records are MMS carrying an attachment of 400 kB.
records = max(2, big_mb * 1_000_000 // 200_000)
write_sms(records, "big.xml", mms_bytes=400_000)
size = os.path.getsize(path("big.xml")) / 1e6
case(f"{size:.0f} MB SMS backup, {records} records (import sms)", ["import", "sms", path("big.xml"), "--create-people"], target_mib=64)

heavy = path("heavy.db")
subprocess.run([kith, "--db", heavy, "demo", "--heavy"], env=env, check=True, stdout=subprocess.DEVNULL)
with open(path("export.json"), "w") as f:
    subprocess.run([kith, "--db", heavy, "export"], env=env, check=True, stdout=f)
case("50,000 interactions (import-json)", ["import-json", path("export.json")], target_ms=1000)
PY
