#!/usr/bin/env python3
"""Writes the reference benchmark workload as NDJSON.

  python3 Tests/Benchmarks/generate.py [--lines N] [--out PATH] [--seed S]

Default: 1,000,000 lines (~250 bytes each, ~250 MB) to Tests/Benchmarks/data/ref-1m.ndjson
(Tests/Benchmarks/data/ref-N.ndjson for another --lines). Each line has, in this order,
timestamp (RFC 3339, ms, Z, never decreasing), level (info ~85%, debug ~5%,
warn ~7%, error ~3%, fatal ~0.01%), service (6), event, requestId, userId,
durationMs, errorCode (warn/error/fatal only) and message. Every line belongs
to a request of 3-8 lines across services; 64 requests are in flight at once,
so their lines interleave.

Prints the request ID of the middle line (line N/2, 1-based) to stdout and
writes it to the output path with its extension replaced by ".rid".
Deterministic for a given seed and line count. Python 3 standard library only.
"""

import argparse
import os
import random
import sys
import time
from datetime import datetime, timezone

START_S = 1710460800  # 2024-03-15T00:00:00Z
IN_FLIGHT = 64
BATCH = 50_000

SERVICES = ["checkout-api", "inventory", "payment-service", "email-worker", "auth-service",
            "shipping"]

# (service, event, messages) per step kind. Messages vary in length so that the
# average line lands near 250 bytes.
STEPS = {
    "auth": ("auth-service", "auth.token.verify", [
        "bearer token verified for session s_5d41402a, user agent checkout-web",
        "access token verified, scopes orders:write payments:create",
        "token verified from cache, expires in 1742 s",
    ]),
    "request": ("checkout-api", "http.request", [
        "POST /v1/orders received from checkout-web/4.12.0",
        "POST /v1/orders received from checkout-ios/7.3.1 over HTTP/2, content-length 1184",
        "POST /v1/orders received from checkout-android/7.2.9, 3 items in cart",
    ]),
    "reserve": ("inventory", "inventory.reserve", [
        "reserved 2 items in warehouse eu-west-1a, stock cache refreshed",
        "reserved 1 item, reservation held for 900 s",
        "reserved 4 items across 2 warehouses, split shipment planned for order",
    ]),
    "authorize": ("payment-service", "payment.authorize", [
        "payment authorized by acme-pay, 3-D Secure not required",
        "payment authorized by acme-pay after risk score 0.12",
        "card authorized, amount held until capture at shipment time",
    ]),
    "response": ("checkout-api", "http.response", [
        "POST /v1/orders -> 201 Created, total 49.90 EUR, 2 items",
        "POST /v1/orders -> 201 Created, order confirmation queued for email-worker",
        "POST /v1/orders -> 201 Created with Location /v1/orders/ord_088121",
    ]),
    "email": ("email-worker", "email.send", [
        "confirmation email sent via smtp.internal to a gmail.com address",
        "order confirmation rendered in locale de-DE and handed to the SMTP relay",
        "confirmation email queued, relay accepted message id 4f1c2a",
    ]),
    "ship": ("shipping", "shipment.create", [
        "shipment label created with carrier dhl-express, service level next-day",
        "shipment created, pickup scheduled for the next business day",
        "label printed for parcel 1 of 2, tracking number assigned",
    ]),
    "lookup": ("checkout-api", "http.request", [
        "GET /v1/orders/ord_088121 served from cache, age 12 s, etag matched",
        "GET /v1/orders?status=open&limit=20 returned 7 orders",
    ]),
}
# Request shapes, 3 to 8 steps, in the order the steps happen.
FLOWS = [
    ["request", "reserve", "response"],
    ["auth", "request", "lookup", "response"],
    ["request", "reserve", "authorize", "response", "email"],
    ["auth", "request", "reserve", "authorize", "response", "email"],
    ["auth", "request", "reserve", "authorize", "response", "email", "ship"],
    ["auth", "request", "reserve", "reserve", "authorize", "response", "email", "ship"],
]
FAILURES = {  # service -> (event, errorCode, message) used on warn/error/fatal lines
    "checkout-api": [("http.response", "payment_timeout",
                      "POST /v1/orders -> 502 Bad Gateway: payment authorization timed out"),
                     ("http.response", "validation_failed",
                      "POST /v1/orders -> 422 Unprocessable Entity: cart is empty")],
    "inventory": [("inventory.reserve", "out_of_stock",
                   "cannot reserve sku_1044: out of stock (available 0, requested 2)"),
                  ("inventory.db", "lock_timeout", "stock row lock not acquired within 1500 ms")],
    "payment-service": [("payment.provider.timeout", "provider_timeout",
                         "payment authorization failed: acme-pay timed out after 2400 ms"),
                        ("payment.declined", "card_declined", "card declined by issuer: insufficient funds (issuer code 51)")],
    "email-worker": [("email.send", "smtp_unavailable",
                      "smtp relay refused connection, message will be retried in 60 s")],
    "auth-service": [("auth.token.verify", "token_expired",
                      "access token expired 31 s ago, client must refresh")],
    "shipping": [("shipment.create", "carrier_error",
                  "carrier API returned 503, shipment creation deferred")],
}


def default_out(lines):
    name = "ref-1m" if lines == 1_000_000 else "ref-%d" % lines
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", name + ".ndjson")


def generate(lines, out, seed):
    rng = random.Random(seed)
    rand = rng.random
    bits = rng.getrandbits

    # Precomputed pools: each line picks by index instead of formatting anew.
    durations = [str(max(1, int(rng.lognormvariate(3.5, 1.0)))) for _ in range(4096)]
    slow = [str(rng.randint(1200, 5000)) for _ in range(256)]
    users = ["usr_%05d" % rng.randrange(100000) for _ in range(20000)]
    frac = [".%03dZ\"" % ms for ms in range(1000)]
    step_parts = {}
    for kind, (svc, event, messages) in STEPS.items():
        head = '","service":"%s","event":"%s","requestId":"' % (svc, event)
        step_parts[kind] = (svc, head, [',"message":"%s"}\n' % m for m in messages])
    fail_parts = {}
    for svc, items in FAILURES.items():
        fail_parts[svc] = [('","service":"%s","event":"%s","requestId":"' % (svc, ev),
                            ',"errorCode":"%s","message":"%s"}\n' % (code, msg))
                           for ev, code, msg in items]

    def new_request():
        flow = FLOWS[bits(16) % len(FLOWS)]
        return ["req_%08x" % bits(32), users[bits(16) % len(users)], flow, 0]

    active = [new_request() for _ in range(IN_FLIGHT)]
    now_ms = 0
    cur_sec = -1
    sec_prefix = ""
    mid = max(1, lines // 2) - 1  # 0-based index of the middle line
    mid_rid = None
    out_dir = os.path.dirname(os.path.abspath(out))
    os.makedirs(out_dir, exist_ok=True)
    written = 0
    with open(out, "w", encoding="ascii", newline="\n", buffering=1 << 22) as f:
        i = 0
        while i < lines:
            n = min(BATCH, lines - i)
            buf = []
            append = buf.append
            for j in range(i, i + n):
                now_ms += bits(5) % 21  # 0-20 ms per line, ~10 ms on average
                s, ms = divmod(now_ms, 1000)
                if s != cur_sec:
                    cur_sec = s
                    dt = datetime.fromtimestamp(START_S + s, tz=timezone.utc)
                    sec_prefix = '{"timestamp":"' + dt.strftime("%Y-%m-%dT%H:%M:%S")
                slot = bits(6)  # IN_FLIGHT == 64
                req = active[slot]
                rid, user, flow, pos = req
                if j == mid:
                    mid_rid = rid
                kind = flow[pos]
                r = rand()
                if r < 0.85:
                    level = "info"
                elif r < 0.90:
                    level = "debug"
                elif r < 0.97:
                    level = "warn"
                elif r < 0.9999:
                    level = "error"
                else:
                    level = "fatal"
                svc, head, tails = step_parts[kind]
                if level == "info" or level == "debug":
                    append(sec_prefix + frac[ms] + ',"level":"' + level + head + rid
                           + '","userId":"' + user + '","durationMs":' + durations[bits(12)]
                           + tails[bits(8) % len(tails)])
                else:
                    fails = fail_parts[svc]
                    fhead, ftail = fails[bits(8) % len(fails)]
                    append(sec_prefix + frac[ms] + ',"level":"' + level + fhead + rid
                           + '","userId":"' + user + '","durationMs":' + slow[bits(8)] + ftail)
                pos += 1
                if pos == len(flow):
                    active[slot] = new_request()
                else:
                    req[3] = pos
            f.write("".join(buf))
            i += n
            written = i
    return mid_rid, written


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lines", type=int, default=1_000_000, help="number of lines (default 1M)")
    ap.add_argument("--out", help="output file (default Tests/Benchmarks/data/ref-1m.ndjson)")
    ap.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    args = ap.parse_args()
    if args.lines < 1:
        ap.error("--lines must be at least 1")
    out = args.out or default_out(args.lines)
    started = time.monotonic()
    rid, n = generate(args.lines, out, args.seed)
    elapsed = time.monotonic() - started
    rid_path = os.path.splitext(out)[0] + ".rid"
    with open(rid_path, "w") as f:
        f.write(rid + "\n")
    size = os.path.getsize(out)
    print("generate.py: %d lines, %.1f MB (%.0f bytes/line) to %s in %.1f s; rid in %s"
          % (n, size / 1e6, size / n, out, elapsed, rid_path), file=sys.stderr)
    print(rid)
    return 0


if __name__ == "__main__":
    sys.exit(main())
