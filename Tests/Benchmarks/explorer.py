# Explorer timings in tmux, measured inside logview (LOGVIEW_TRACE=FILE writes one line per
# event: milliseconds since logview started, then the event), so tmux polling is not in them.
#
#   python3 Tests/Benchmarks/explorer.py FILE [LOGVIEW] [RUNS]
#
# Prints markdown table rows (what | how | median | runs) for: first screen and full index of
# FILE, memory once indexed, re-filter on a keystroke (first screenful and complete, after
# the 60 ms typing debounce), and `cat FILE | logview` ingest (rate and memory).
import os, re, statistics, subprocess, sys, tempfile, time

FILE = sys.argv[1]
LOGVIEW = sys.argv[2] if len(sys.argv) > 2 else "./.build/release/logview"
RUNS = int(sys.argv[3]) if len(sys.argv) > 3 else 3
SIZE = os.path.getsize(FILE)
SOCKET = "logview-bench"
FILTERS = ["level>=error", "timeout", "service=payment-service durationMs>1000", "msg~declined"]


def tmux(*args):
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True)


def events(path):
    try:
        with open(path) as f:
            return [line.rstrip("\n") for line in f]
    except FileNotFoundError:
        return []


def wait_event(path, word, limit):
    deadline = time.time() + limit
    while time.time() < deadline:
        for line in events(path):
            if word in line:
                return line
        time.sleep(0.02)
    return None


def ms(line):
    return float(line.split(" ", 1)[0])


def memory(line):
    found = dict(re.findall(r"(VmHWM|RssAnon) (\d+) kB", line))
    return int(found.get("VmHWM", 0)) / 1024, int(found.get("RssAnon", 0)) / 1024


def start(command, trace):
    """`command` runs in a 160x50 tmux window; LOGVIEW in it gets the trace environment."""
    tmux("kill-server")
    time.sleep(0.3)
    if os.path.exists(trace):
        os.remove(trace)
    command = command.replace(LOGVIEW, f"env LOGVIEW_TRACE={trace} TERM=xterm-256color {LOGVIEW}")
    tmux("-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", "160", "-y", "50", command)


def file_run(trace):
    start(f"{LOGVIEW} {FILE}", trace)
    first = wait_event(trace, "first-screen", 30)
    indexed = wait_event(trace, "indexed", 600)
    if not first or not indexed:
        return None
    result = {"first": ms(first), "indexed": ms(indexed), "memory": memory(indexed)}
    for query in FILTERS:
        before = len(events(trace))
        tmux("send-keys", "-t", "t", "f")
        time.sleep(0.2)
        tmux("send-keys", "-t", "t", "C-u")
        time.sleep(0.3)
        tmux("send-keys", "-t", "t", "-l", query)
        deadline = time.time() + 120
        got = {}
        while time.time() < deadline and "complete" not in got:
            for line in events(trace)[before:]:
                if line.endswith(": " + query):
                    if "filter-first-screen" in line:
                        got["first"] = ms(line)
                    if "filter-complete" in line:
                        got["complete"] = ms(line)
            time.sleep(0.02)
        result[query] = got
        tmux("send-keys", "-t", "t", "Enter")
        time.sleep(0.3)
    tmux("send-keys", "-t", "t", "q")
    return result


def stdin_run(trace):
    start(f"cat {FILE} | {LOGVIEW}", trace)
    ended = wait_event(trace, "input-ended", 600)
    tmux("send-keys", "-t", "t", "q")
    if not ended:
        return None
    return {"ended": ms(ended), "memory": memory(ended)}


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def main():
    trace = os.path.join(tempfile.mkdtemp(), "trace.log")
    files = [r for r in (file_run(trace) for _ in range(RUNS)) if r]
    pipes = [r for r in (stdin_run(trace) for _ in range(RUNS)) if r]
    tmux("kill-server")
    rows = []

    def row(what, how, value, unit, target=""):
        shown = "failed" if value is None else f"{value:.0f} {unit}"
        rows.append(f"| {what} | {how} | {shown} | {target} |")

    row("first screen", "`logview FILE`, first frame with records", median(f["first"] for f in files),
        "ms", "≤ 100 ms")
    row("full index", "`logview FILE`, all records indexed", median(f["indexed"] for f in files), "ms")
    row("memory once indexed: peak RSS", "VmHWM (includes the file's mapped pages)",
        median(f["memory"][0] for f in files), "MB")
    anon = median(f["memory"][1] for f in files)
    lines = sum(1 for _ in open(FILE, "rb"))
    row("memory once indexed: anonymous", f"RssAnon; {anon * 1048576 / lines:.1f} bytes/record" if anon else "RssAnon",
        anon, "MB", f"≤ {(24 * lines + 32 * 1048576) / 1048576:.0f} MB (24 B/record + 32 MiB)")
    for query in FILTERS:
        row(f"re-filter `{query}`: first screenful", "from the debounced keystroke to the screen's rows",
            median(f[query].get("first") for f in files), "ms", "≤ 50 ms")
        row(f"re-filter `{query}`: complete", "until every record is decided",
            median(f[query].get("complete") for f in files), "ms", "≤ 300 ms (1M)")
    ended = median(p["ended"] for p in pipes)
    rate = SIZE / 1e6 / (ended / 1000) if ended else None
    row("stdin ingest", f"`cat FILE \\| logview` until \"input ended\" ({ended:.0f} ms)" if ended else "`cat FILE \\| logview`",
        rate, "MB/s", "≥ 300 MB/s")
    row("stdin ingest memory: anonymous", "RssAnon at input end (copied input, ≤ --max-memory 1G)",
        median(p["memory"][1] for p in pipes), "MB")
    print("\n".join(rows))
    print(f"\n- explorer: {len(files)} file runs, {len(pipes)} stdin runs, median; 160x50 tmux; "
          f"LOGVIEW_TRACE timings from logview's start")


main()
