# Soak test (not part of `swift test`): the explorer following a busy, rotating log for a
# long time, as an on-call engineer leaves it open during an incident.
#
#   python3 Tests/Benchmarks/soak.py [LOGVIEW] [MINUTES] [RATE]
#
# A writer appends JSON lines to app.log at RATE lines/s (default 5,000; one in ten an
# error) and rotates it every minute (rename to app.log.1, a new app.log), as logrotate's
# create mode does. `tail -F app.log | logview -q 'level>=warn or msg~timeout'` runs in tmux
# with the errors pane open (`t`). Every 30 s: logview's resident memory (VmRSS, RssAnon),
# its CPU use since the last sample, and the records it shows against the lines written.
# At the end the writer stops and logview is given 10 s to catch up: every line written
# must be shown. Prints a markdown table and a verdict; exit status 1 when lines were lost.
import os, re, shutil, subprocess, sys, tempfile, threading, time

LOGVIEW = sys.argv[1] if len(sys.argv) > 1 else "./.build/release/logview"
MINUTES = float(sys.argv[2]) if len(sys.argv) > 2 else 30
RATE = int(sys.argv[3]) if len(sys.argv) > 3 else 5000
SOCKET = "logview-soak"
TICKS = os.sysconf("SC_CLK_TCK")


def tmux(*args):
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True)


class Writer(threading.Thread):
    """Writes RATE lines/s in 10 ms batches; rotates every 60 s."""

    def __init__(self, path):
        super().__init__(daemon=True)
        self.path = path
        self.written = 0
        self.errors = 0
        self.rotations = 0
        self.stop = threading.Event()

    def line(self, n):
        level = "error" if n % 10 == 0 else ("warn" if n % 10 == 5 else "info")
        msg = "upstream timeout" if n % 97 == 0 else "request served"
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime())
        return (
            f'{{"time":"{stamp}Z","level":"{level}","service":"api","requestId":"req-{n % 5000}",'
            f'"n":{n},"msg":"{msg}","durationMs":{n % 1000}}}\n'
        )

    def run(self):
        out = open(self.path, "a")
        started = time.time()
        rotated = started
        while not self.stop.is_set():
            due = int((time.time() - started) * RATE)
            batch = []
            while self.written < due:
                batch.append(self.line(self.written))
                if self.written % 10 == 0:
                    self.errors += 1
                self.written += 1
            out.write("".join(batch))
            out.flush()
            if time.time() - rotated >= 60:
                out.close()
                os.replace(self.path, self.path + ".1")
                out = open(self.path, "a")
                rotated = time.time()
                self.rotations += 1
            time.sleep(0.01)
        out.close()


def proc_status(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "RssAnon", "VmHWM"):
                fields[name] = int(value.split()[0]) // 1024
    return fields


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        parts = f.read().rsplit(")", 1)[1].split()
    return (int(parts[11]) + int(parts[12])) / TICKS


def shown(screen):
    """The status line's record count: '· 1,234 records'."""
    m = re.search(r"· ([\d,]+) records", screen)
    return int(m.group(1).replace(",", "")) if m else None


def main():
    work = tempfile.mkdtemp(prefix="logview-soak-")
    path = os.path.join(work, "app.log")
    open(path, "w").close()
    writer = Writer(path)
    command = (
        f"tail -n +1 -F {path} 2>/dev/null | env XDG_CONFIG_HOME=/nonexistent "
        f"{LOGVIEW} -q 'level>=warn or msg~timeout'"
    )
    tmux("kill-server")
    tmux("new-session", "-d", "-s", "soak", "-x", "160", "-y", "50", command)
    time.sleep(1)
    pane = tmux("list-panes", "-t", "soak", "-F", "#{pane_pid}").stdout.split()[0]
    pid = subprocess.run(
        ["pgrep", "-P", pane, "-f", LOGVIEW], capture_output=True, text=True
    ).stdout.split()[0]
    tmux("send-keys", "-t", "soak", "t")
    writer.start()
    rows = []
    started = time.time()
    last_cpu, last_time = cpu_seconds(pid), started
    end = started + MINUTES * 60
    while time.time() < end:
        time.sleep(min(30, max(0.1, end - time.time())))
        now = time.time()
        cpu = cpu_seconds(pid)
        memory = proc_status(pid)
        screen = tmux("capture-pane", "-p", "-t", "soak").stdout
        rows.append(
            (
                (now - started) / 60,
                memory["VmRSS"],
                memory["RssAnon"],
                100 * (cpu - last_cpu) / (now - last_time),
                writer.written,
                shown(screen),
            )
        )
        last_cpu, last_time = cpu, now
    writer.stop.set()
    writer.join()
    final = None
    for _ in range(100):
        time.sleep(0.1)
        final = shown(tmux("capture-pane", "-p", "-t", "soak").stdout)
        if final == writer.written:
            break
    memory = proc_status(pid)
    total_cpu = cpu_seconds(pid)
    screen = tmux("capture-pane", "-p", "-t", "soak").stdout
    tmux("send-keys", "-t", "soak", "q")
    time.sleep(0.5)
    tmux("kill-server")
    shutil.rmtree(work, ignore_errors=True)

    print(f"soak: {MINUTES:g} min at {RATE} lines/s, rotation every 60 s, {LOGVIEW}")
    print()
    print("| minute | VmRSS MB | RssAnon MB | CPU % | lines written | records shown |")
    print("|---|---|---|---|---|---|")
    for minute, rss, anon, cpu, written, seen in rows:
        print(f"| {minute:.1f} | {rss} | {anon} | {cpu:.1f} | {written:,} | {seen if seen is not None else '?':,} |")
    print()
    print(f"- lines written {writer.written:,}, records shown at the end {final:,}" if final is not None else "- no count on screen")
    print(f"- rotations {writer.rotations}; peak RSS (VmHWM) {memory['VmHWM']} MB")
    print(f"- CPU {total_cpu:.1f} s in {MINUTES:g} min ({100 * total_cpu / (MINUTES * 60):.1f}% of a core)")
    print("- final status line: " + next((l for l in screen.splitlines() if "records" in l), "").strip())
    lost = final != writer.written
    print("- verdict: " + ("LINES LOST" if lost else "every line shown"))
    sys.exit(1 if lost else 0)


main()
