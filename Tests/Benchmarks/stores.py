# Reading 1,000,000 records from log stores on loopback: logview headless beside a plain
# paging client (the same pages, a short Python loop over urllib) in the same run.
#
#   python3 Tests/Benchmarks/stores.py [LOGVIEW] [RECORDS] [RUNS] [opensearch,loki]
#
# Stores: osmem-server (an in-memory OpenSearch; PyPI osmem-server) and the Loki test server
# (Tests/Servers/loki_server.py). Prints markdown table rows: store | client | records |
# seconds (median) | records/s | first page or first screen (ms).
import json, os, statistics, subprocess, sys, tempfile, time, urllib.request, urllib.parse

LOGVIEW = sys.argv[1] if len(sys.argv) > 1 else "./.build/release/logview"
RECORDS = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
RUNS = int(sys.argv[3]) if len(sys.argv) > 3 else 3
STORES = (sys.argv[4] if len(sys.argv) > 4 else "opensearch,loki").split(",")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NOW = "2024-03-15T12:00:00Z"
NOON_MS = 1_710_504_000_000
SERVICES = ["checkout", "payment", "inventory", "gateway"]


def record(i):
    """The i-th record: a millisecond apart, ending a minute before noon, ~200 bytes."""
    millis = NOON_MS - 60_000 - (RECORDS - i) * 3
    level = "error" if i % 50 == 0 else ("warn" if i % 10 == 0 else "info")
    return millis, {
        "@timestamp": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(millis // 1000))
        + ".%03dZ" % (millis % 1000),
        "level": level, "service": SERVICES[i % 4], "requestId": "req_%06d" % (i // 8),
        "msg": "GET /api/v1/orders/%d completed" % i, "durationMs": i % 997, "N": i,
    }


def request(method, url, body=None, content_type="application/json"):
    data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": content_type})
    with urllib.request.urlopen(req, timeout=600) as answer:
        return json.loads(answer.read())


def start_osmem():
    binary = subprocess.run(
        [sys.executable, "-c", "import osmem_server; print(osmem_server.resolve_binary())"],
        capture_output=True, text=True, check=True).stdout.strip()
    server = subprocess.Popen([binary, "-addr", "127.0.0.1:0", "-no-ja"], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    url = json.loads(server.stdout.readline())["url"]
    request("PUT", url + "/bench", {"mappings": {"properties": {
        "@timestamp": {"type": "date"}, "level": {"type": "keyword"}, "service": {"type": "keyword"},
        "requestId": {"type": "keyword"}, "msg": {"type": "text"}, "durationMs": {"type": "long"},
        "N": {"type": "long"}}}})
    for first in range(0, RECORDS, 50_000):
        lines = []
        for i in range(first, min(first + 50_000, RECORDS)):
            lines.append('{"index":{"_id":"d%d"}}' % i)
            lines.append(json.dumps(record(i)[1], separators=(",", ":")))
        request("POST", url + "/bench/_bulk?refresh=true", ("\n".join(lines) + "\n").encode(),
                "application/x-ndjson")
    return server, url


def start_loki(directory):
    streams = {}
    for i in range(RECORDS):
        millis, source = record(i)
        streams.setdefault(source["service"], []).append(
            [str(millis * 1_000_000), json.dumps(source, separators=(",", ":"))])
    path = os.path.join(directory, "loki.json")
    with open(path, "w") as f:
        json.dump({"streams": [{"stream": {"app": name}, "values": values}
                               for name, values in streams.items()], "max_entries": 5000}, f)
    server = subprocess.Popen([sys.executable, os.path.join(ROOT, "Tests/Servers/loki_server.py"), path],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    return server, "127.0.0.1:%d" % int(server.stdout.readline())


def plain_opensearch(url, out):
    """PIT + search_after pages of 10,000, each hit's _source written as a line."""
    started = time.time()
    first = None
    pit = request("POST", url + "/bench/_search/point_in_time?keep_alive=1m")["pit_id"]
    after = None
    count = 0
    while True:
        body = {"size": 10_000, "track_total_hits": False, "pit": {"id": pit, "keep_alive": "1m"},
                "query": {"range": {"@timestamp": {"gte": NOON_MS - 7_200_000, "lt": NOON_MS,
                                                   "format": "epoch_millis"}}},
                "sort": [{"@timestamp": "asc"}, {"_shard_doc": "asc"}]}
        if after:
            body["search_after"] = after
        page = request("POST", url + "/_search", body)
        hits = page["hits"]["hits"]
        first = first or time.time() - started
        for hit in hits:
            out.write(json.dumps(hit["_source"]) + "\n")
        count += len(hits)
        pit = page.get("pit_id", pit)
        if len(hits) < 10_000:
            return count, time.time() - started, first
        after = hits[-1]["sort"]


def plain_loki(address, out):
    """query_range forward in pages of 5,000 from the last timestamp, as logcli pages."""
    started = time.time()
    first = None
    start, end = (NOON_MS - 7_200_000) * 1_000_000, NOON_MS * 1_000_000
    seen = set()
    count = 0
    while True:
        query = urllib.parse.urlencode({"query": '{app=~".+"}', "start": start, "end": end,
                                        "limit": 5000, "direction": "forward"})
        result = request("GET", "http://%s/loki/api/v1/query_range?%s" % (address, query))["data"]["result"]
        first = first or time.time() - started
        entries = sorted((int(ts), line) for s in result for ts, line in s["values"])
        fresh = [(ts, line) for ts, line in entries if (ts, line) not in seen]
        for _, line in fresh:
            out.write(line + "\n")
        count += len(fresh)
        if len(entries) < 5000:
            return count, time.time() - started, first
        start = entries[-1][0]
        seen = {(ts, line) for ts, line in entries if ts == start}


def logview(source):
    """Headless, every record written (raw) to /dev/null; the first record's arrival time."""
    env = dict(os.environ, LOGVIEW_NOW=NOW, XDG_CONFIG_HOME="/nonexistent")
    started = time.time()
    child = subprocess.Popen([LOGVIEW, "-o", "raw", "--since", "2h", source], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = None
    count = 0
    for chunk in iter(lambda: child.stdout.read(1 << 20), b""):
        first = first or time.time() - started
        count += chunk.count(b"\n")
    child.wait()
    if child.returncode != 0:
        sys.exit("logview failed: " + child.stderr.read().decode())
    return count, time.time() - started, first


def row(store, client, results):
    counts = {c for c, _, _ in results}
    seconds = statistics.median(s for _, s, _ in results)
    first = statistics.median(f for _, _, f in results) * 1000
    print("| %s | %s | %s | %.2f | %s | %.0f |" % (
        store, client, "/".join(map(str, sorted(counts))), seconds,
        format(int(max(counts) / seconds), ","), first), flush=True)


def main():
    directory = tempfile.mkdtemp()
    print("| store | client | records | seconds | records/s | first page (ms) |")
    print("|---|---|---:|---:|---:|---:|")
    if "opensearch" in STORES:
        opensearch()
    if "loki" in STORES:
        loki(directory)


def opensearch():
    loading = time.time()
    server, url = start_osmem()
    print("<!-- osmem loaded in %.0f s -->" % (time.time() - loading), flush=True)
    try:
        source = "es://%s/bench" % url.split("//", 1)[1]
        lv, plain = [], []
        with open(os.devnull, "w") as null:
            for _ in range(RUNS):
                lv.append(logview(source))
                plain.append(plain_opensearch(url, null))
        row("OpenSearch (osmem-server)", "logview -o raw", lv)
        row("OpenSearch (osmem-server)", "Python PIT + search_after", plain)
    finally:
        server.kill()


def loki(directory):
    server, address = start_loki(directory)
    try:
        lv, plain = [], []
        with open(os.devnull, "w") as null:
            for _ in range(RUNS):
                lv.append(logview('loki://%s?selector={app=~".+"}' % address))
                plain.append(plain_loki(address, null))
        row("Loki (test server)", "logview -o raw", lv)
        row("Loki (test server)", "Python query_range pages", plain)
    finally:
        server.kill()


if __name__ == "__main__":
    main()
