#!/usr/bin/env python3
"""A Loki test server written from Loki's HTTP API v1 documentation, for logview's tests.

Serves query_range and labels over streams loaded from a JSON file:
  {"streams": [{"stream": {"app": "checkout"}, "values": [["<ns>", "<line>"], ...]}],
   "max_entries": 5000, "faults": ["500", "429", ...], "auth": "Basic ...", "log": PATH}
Answers as Loki does: entries sorted per stream only (forward or backward), `limit` counted
across streams, a 400 with a plain-text body past max_entries_limit_per_query, `/labels`
without a "data" key when there is nothing. `faults` are answered, one per request, before
any real answer (e.g. "500", "429", "garbage", "truncated"). Each request is appended to
the file `log` as a JSON line (path, query parameters, headers).

The websocket tail (/loki/api/v1/tail) sends the entries from `start` on, then entries as
they arrive: `live` lists [after_ms, stream_index, ns, line] added to their stream that long
after the server starts; `tail_close_ms` makes the server end each tail connection that
long after it opened (as Loki does after tail_max_duration), so clients must reconnect.

Listens on 127.0.0.1 on a free port and prints it on the first line of stdout; stops when
its standard input closes (the test that started it went away).
"""
import base64
import bisect
import hashlib
import http.server
import json
import socket
import struct
import time
import re
import sys
import threading
import urllib.parse

STATE = {"streams": [], "max_entries": 5000, "faults": [], "auth": None, "log": None,
         "live": [], "tail_close_ms": None, "tls": None, "no_tail": False}
LOCK = threading.Lock()


def parse_selector(text):
    text = text.strip()
    if not (text.startswith("{") and text.endswith("}")):
        raise ValueError("parse error : syntax error: unexpected IDENTIFIER, expecting {")
    matchers = []
    for m in re.finditer(r'\s*([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"\s*,?', text[1:-1]):
        matchers.append((m.group(1), m.group(2), bytes(m.group(3), "utf-8").decode("unicode_escape")))
    if not matchers or all(op in ("=~", "!~") and value in ("", ".*") for _, op, value in matchers) or all(op == "=" and value == "" for _, op, value in matchers):
        raise ValueError("parse error : queries require at least one regexp or equality matcher that does not have an empty-compatible value")
    return matchers


def parse_query(query):
    end = query.index("}") + 1
    matchers = parse_selector(query[:end])
    filters = []
    for m in re.finditer(r'(\|=|!=|\|~|!~)\s*"((?:[^"\\]|\\.)*)"', query[end:]):
        filters.append((m.group(1), bytes(m.group(2), "utf-8").decode("unicode_escape")))
    return matchers, filters


def stream_matches(labels, matchers):
    for name, op, value in matchers:
        have = labels.get(name, "")
        if op == "=" and have != value: return False
        if op == "!=" and have == value: return False
        if op == "=~" and not re.fullmatch(value, have): return False
        if op == "!~" and re.fullmatch(value, have): return False
    return True


def stream_times(stream):
    """The stream's times as integers, cached until values are added."""
    values = stream["values"]
    cached = stream.get("_times")
    if cached is None or len(cached) != len(values):
        cached = [int(ts) for ts, _ in values]
        stream["_times"] = cached
    return cached


def line_matches(line, filters):
    for op, value in filters:
        if op == "|=" and value not in line: return False
        if op == "!=" and value in line: return False
        if op == "|~" and not re.search(value, line): return False
        if op == "!~" and re.search(value, line): return False
    return True


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body, content_type="application/json", headers=()):
        data = body if isinstance(body, bytes) else body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        params = {k: v[-1] for k, v in urllib.parse.parse_qs(url.query, keep_blank_values=True).items()}
        with LOCK:
            if STATE.get("log"):
                with open(STATE["log"], "a") as log:
                    log.write(json.dumps({"path": url.path, "params": params,
                                          "headers": {k.lower(): v for k, v in self.headers.items()}}) + "\n")
            fault = STATE["faults"].pop(0) if STATE["faults"] else None
            auth = STATE["auth"]
        if fault == "500":
            return self.send(500, "internal error\n", "text/plain")
        if fault == "503":
            return self.send(503, "upstream unavailable\n", "text/plain")
        if fault == "429":
            return self.send(429, "too many outstanding requests\n", "text/plain", [("Retry-After", "0")])
        if fault == "garbage":
            return self.send(200, "<html>not json</html>", "text/html")
        if fault == "truncated":
            return self.send(200, '{"status":"success","data":{"resultType":"streams","result":[{"stream":')
        if auth and self.headers.get("Authorization") != auth:
            return self.send(401, "no org id\n", "text/plain")
        if url.path == "/loki/api/v1/labels":
            with LOCK:
                names = sorted({k for s in STATE["streams"] for k in s["stream"]})
            return self.send(200, json.dumps({"status": "success", "data": names} if names else {"status": "success"}))
        if url.path == "/loki/api/v1/tail":
            if STATE.get("no_tail"):
                # As behind a proxy that does not pass websockets on.
                return self.send(404, "404 page not found\n", "text/plain")
            return self.tail(params)
        if url.path == "/loki/api/v1/series":
            return self.series(params)
        if url.path == "/loki/api/v1/query_range":
            return self.query_range(params)
        self.send(404, "404 page not found\n", "text/plain")

    def do_POST(self):
        """/loki/api/v1/push (JSON): entries join their stream, as Loki ingests them."""
        url = urllib.parse.urlparse(self.path)
        if url.path != "/loki/api/v1/push":
            return self.send(404, "404 page not found\n", "text/plain")
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
        with LOCK:
            for pushed in body.get("streams", []):
                known = next((s for s in STATE["streams"] if s["stream"] == pushed["stream"]), None)
                if known is None:
                    known = {"stream": pushed["stream"], "values": []}
                    STATE["streams"].append(known)
                known["values"] = sorted(known["values"] + pushed["values"], key=lambda v: int(v[0]))
        self.send(204, b"")

    def ws_send(self, payload):
        data = payload.encode()
        header = b"\x81"
        if len(data) < 126:
            header += struct.pack("!B", len(data))
        elif len(data) < 65536:
            header += struct.pack("!BH", 126, len(data))
        else:
            header += struct.pack("!BQ", 127, len(data))
        self.wfile.write(header + data)
        self.wfile.flush()

    def tail(self, params):
        key = self.headers.get("Sec-WebSocket-Key")
        if not key or self.headers.get("Upgrade", "").lower() != "websocket":
            return self.send(400, "websocket upgrade required\n", "text/plain")
        try:
            matchers, filters = parse_query(params.get("query", ""))
        except (ValueError, IndexError) as error:
            return self.send(400, str(error) + "\n", "text/plain")
        accept = base64.b64encode(hashlib.sha1((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest()).decode()
        self.send_response(101)
        self.send_header("Upgrade", "websocket")
        self.send_header("Connection", "Upgrade")
        self.send_header("Sec-WebSocket-Accept", accept)
        self.end_headers()
        self.wfile.flush()
        opened = time.time()
        sent = set()
        start = int(params.get("start", "0"))
        self.connection.settimeout(0.05)
        while True:
            with LOCK:
                streams = STATE["streams"]
                close_ms = STATE["tail_close_ms"]
            frame = {}
            for index, s in enumerate(streams):
                if not stream_matches(s["stream"], matchers):
                    continue
                for i, (ts, line) in enumerate(s["values"]):
                    if int(ts) >= start and (index, i) not in sent and line_matches(line, filters):
                        sent.add((index, i))
                        frame.setdefault(index, {"stream": s["stream"], "values": []})["values"].append([ts, line])
            try:
                if frame:
                    self.ws_send(json.dumps({"streams": list(frame.values())}))
                if close_ms is not None and (time.time() - opened) * 1000 >= close_ms:
                    self.wfile.write(b"\x88\x02\x03\xe8")
                    self.wfile.flush()
                    return
                chunk = self.connection.recv(1024)
                if not chunk or chunk[0] & 0x0F == 0x8:
                    return
            except socket.timeout:
                continue
            except OSError:
                return

    def series(self, params):
        try:
            matchers = parse_selector(params.get("match[]", ""))
        except ValueError as error:
            return self.send(400, str(error) + "\n", "text/plain")
        start = int(params.get("start", "0"))
        end = int(params.get("end", str(2**62)))
        with LOCK:
            streams = STATE["streams"]
        found = [s["stream"] for s in streams if stream_matches(s["stream"], matchers)
                 and any(start <= int(ts) < end for ts, _ in s["values"])]
        self.send(200, json.dumps({"status": "success", "data": found}))

    def query_range(self, params):
        try:
            matchers, filters = parse_query(params.get("query", ""))
        except (ValueError, IndexError) as error:
            return self.send(400, str(error) + "\n", "text/plain")
        limit = int(params.get("limit", "100"))
        with LOCK:
            max_entries = STATE["max_entries"]
        if limit > max_entries:
            return self.send(400, "max entries limit per query exceeded, limit > max_entries_limit (%d > %d)\n" % (limit, max_entries), "text/plain; charset=utf-8")
        start = int(params.get("start", "0"))
        end = int(params.get("end", str(2**62)))
        forward = params.get("direction", "backward") == "forward"
        picked = []
        with LOCK:
            streams = STATE["streams"]
        for s in streams:
            if not stream_matches(s["stream"], matchers):
                continue
            # Values are in time order: only a stream's first `limit` matches in the
            # direction read can be in the answer.
            times = stream_times(s)
            lo, hi = bisect.bisect_left(times, start), bisect.bisect_left(times, end)
            indices = range(lo, hi) if forward else range(hi - 1, lo - 1, -1)
            taken = 0
            for i in indices:
                line = s["values"][i][1]
                if line_matches(line, filters):
                    picked.append((times[i], i, id(s), s, line))
                    taken += 1
                    if taken >= limit:
                        break
        picked.sort(key=lambda e: (e[0], e[1]) if forward else (-e[0], -e[1]))
        picked = picked[:limit]
        result = {}
        for ts, _, key, s, line in picked:
            result.setdefault(key, {"stream": s["stream"], "values": []})["values"].append([str(ts), line])
        body = {"status": "success", "data": {"resultType": "streams", "result": list(result.values()),
                                              "stats": {"summary": {"totalEntriesReturned": len(picked)}}}}
        self.send(200, json.dumps(body))


def add_live():
    started = time.time()
    with LOCK:
        pending = sorted(STATE["live"], key=lambda e: e[0])
    for after_ms, index, ts, line in pending:
        time.sleep(max(0, started + after_ms / 1000 - time.time()))
        with LOCK:
            STATE["streams"][index]["values"].append([str(ts), line])


def main():
    with open(sys.argv[1]) as f:
        STATE.update(json.load(f))
    threading.Thread(target=add_live, daemon=True).start()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    if STATE.get("tls"):
        # HTTPS (and wss:// for the tail) with the certificate and key given.
        import ssl
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(STATE["tls"]["cert"], STATE["tls"]["key"])
        server.socket = context.wrap_socket(server.socket, server_side=True)
    print(server.server_address[1], flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()
    server.shutdown()


if __name__ == "__main__":
    main()
