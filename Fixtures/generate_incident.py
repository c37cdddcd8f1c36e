#!/usr/bin/env python3
"""Writes Fixtures/incident/: a 20-minute checkout incident across four services.

Deterministic (seeded random, no clock): running it again rewrites every file
byte-identically. Python 3 standard library only.

Story, 2024-03-15 10:00-10:20 UTC: checkout-api takes POST /v1/orders, reserves
stock in inventory, authorizes with payment-service (which calls the acme-pay
provider) and queues a confirmation for email-worker. At 10:12 acme-pay starts
timing out: payment-service retries (warn) and gives up (error), checkout-api
answers 502, its circuit breaker to payment-service opens, payment-service
crashes once (fatal) and restarts, the provider recovers at 10:16:20 and the
breaker closes before 10:17.

Each service keeps one key style; styles differ across services on purpose:
  checkout-api, inventory  timestamp/level/service/event/requestId/message (compact JSON)
  payment-service          pino: numeric level, "time" epoch ms, "msg", "reqId", pid, hostname
  email-worker             structlog: "event" is the message text, "request_id", "logger",
                           ISO timestamp with microseconds, json.dumps default separators
"""

import json
import os
import random
import sys
from collections import Counter, deque
from datetime import datetime, timezone

SEED = 20240315
BASE_MS = 1710496800000  # 2024-03-15T10:00:00Z
SEC = 1000
MIN = 60 * SEC
END = 20 * MIN
PROVIDER_DOWN = 12 * MIN
PROVIDER_UP = 16 * MIN + 20 * SEC
BREAKER_THRESHOLD = 20  # failures within BREAKER_WINDOW open the breaker
BREAKER_WINDOW = 60 * SEC
BREAKER_COOLDOWN = 30 * SEC
CRASH_AT = 14 * MIN + 52 * SEC + 317

FAILING_ID = "req_7f42a9c1"
FAILING_AT = 12 * MIN + 7 * SEC + 804
HEALTHY_ID = "req_00c0ffee"
HEALTHY_AT = 5 * MIN + 21 * SEC + 250

FILES = ["checkout-api", "payment-service", "inventory", "email-worker"]
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "incident")

PINO_LEVEL = {"debug": 20, "info": 30, "warn": 40, "error": 50, "fatal": 60}
PINO_NAME = {v: k for k, v in PINO_LEVEL.items()}
STRUCTLOG_LEVEL = {"debug": "debug", "info": "info", "warn": "warning", "error": "error"}

SKUS = ["sku_%04d" % n for n in (1012, 1044, 2301, 2377, 3150, 4420, 5008, 5123, 6671, 7310)]


def iso_ms(t):
    dt = datetime.fromtimestamp((BASE_MS + t) / 1000, tz=timezone.utc)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % ((BASE_MS + t) % 1000)


def iso_us(t, us):
    dt = datetime.fromtimestamp((BASE_MS + t) // 1000, tz=timezone.utc)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + "%06dZ" % (((BASE_MS + t) % 1000) * 1000 + us)


class Incident:
    def __init__(self):
        self.rng = random.Random(SEED)
        self.lines = {name: [] for name in FILES}  # (t, seq, obj)
        self.seq = 0
        self.pid = 4817
        self.used_ids = {FAILING_ID, HEALTHY_ID}
        self.users = ["usr_%04d" % self.rng.randrange(1000, 9999) for _ in range(140)]
        self.order_no = 88120

    # --- writers, one per key style -------------------------------------------------

    def _add(self, service, t, obj):
        self.seq += 1
        self.lines[service].append((t, self.seq, obj))

    def std(self, service, t, level, event, message, rid=None, user=None, **fields):
        obj = {"timestamp": iso_ms(t), "level": level, "service": service, "event": event}
        if rid is not None:
            obj["requestId"] = rid
        if user is not None:
            obj["userId"] = user
        obj.update(fields)
        obj["message"] = message
        self._add(service, t, obj)

    def pino(self, t, level, event, msg, rid=None, user=None, **fields):
        obj = {"level": PINO_LEVEL[level], "time": BASE_MS + t, "pid": self.pid,
               "hostname": "payment-7c9d5-x2k4p"}
        obj["name"] = "payment-service"
        if rid is not None:
            obj["reqId"] = rid
        if user is not None:
            obj["userId"] = user
        obj["event"] = event
        obj.update(fields)
        obj["msg"] = msg
        self._add("payment-service", t, obj)

    def structlog(self, t, level, text, rid=None, user=None, **fields):
        # structlog puts bound context first, then the call's keywords, then "event",
        # then what the processors add (level, logger, timestamp).
        obj = {}
        if rid is not None:
            obj["request_id"] = rid
        if user is not None:
            obj["user_id"] = user
        obj.update(fields)
        obj["event"] = text
        obj["level"] = STRUCTLOG_LEVEL[level]
        obj["logger"] = "email-worker"
        obj["timestamp"] = iso_us(t, self.rng.randrange(1000))
        self._add("email-worker", t, obj)

    # --- requests --------------------------------------------------------------------

    def new_id(self):
        while True:
            rid = "req_%08x" % self.rng.getrandbits(32)
            if rid not in self.used_ids:
                self.used_ids.add(rid)
                return rid

    def order(self, rid, user, t0, outcome, quiet=False):
        """Writes one POST /v1/orders across the services; returns its end time.

        outcome: ok | slow_ok | declined | out_of_stock | timeout | circuit_open.
        quiet: no optional debug lines (the well-known IDs have a fixed shape).
        """
        rng = self.rng
        items = rng.randint(1, 4)
        attempts = 1 if quiet else rng.choice([1, 1, 2])  # provider retries when it is down
        fixed_lines = {"ok": 5, "slow_ok": 5 + attempts, "timeout": 5 + attempts, "declined": 5,
                       "out_of_stock": 3, "circuit_open": 4}[outcome]
        extras = [0 if quiet else 8 - fixed_lines]  # optional lines left: 3-8 lines per request

        def maybe(p):
            hit = rng.random() < p and extras[0] > 0
            extras[0] -= hit
            return hit

        self.order_no += 1
        order_id = "ord_%06d" % self.order_no
        path = "/v1/orders"
        self.std("checkout-api", t0, "info", "http.request", "POST /v1/orders", rid, user,
                 http={"method": "POST", "path": path, "userAgent": rng.choice(
                     ["checkout-web/4.12.0", "checkout-ios/7.3.1", "checkout-android/7.2.9"])},
                 items=items)
        t = t0 + rng.randint(2, 9)
        if maybe(0.35):
            self.std("checkout-api", t, "debug", "cart.validated", "cart validated", rid, user,
                     items=items, totalCents=rng.randrange(990, 48000, 10), currency="EUR")
            t += rng.randint(1, 4)

        def respond(at, level, status, message, error_code=None, error=None):
            fields = {"durationMs": at - t0}
            if error_code:
                fields["errorCode"] = error_code
            fields["http"] = {"method": "POST", "path": path, "status": status}
            if error:
                fields["error"] = error
            self.std("checkout-api", at, level, "http.response", message, rid, user, **fields)
            return at

        # inventory reserve
        t += rng.randint(3, 12)
        if maybe(0.25):
            self.std("inventory", t, "debug", "inventory.cache", "stock cache hit", rid, user,
                     sku=rng.choice(SKUS), cache={"hit": True, "ageMs": rng.randint(50, 30000)})
            t += rng.randint(1, 3)
        inv = rng.randint(4, 38)
        if outcome == "out_of_stock":
            sku = rng.choice(SKUS)
            t += inv
            self.std("inventory", t, "warn", "inventory.reserve", "cannot reserve %s: out of stock"
                     % sku, rid, user, durationMs=inv, errorCode="out_of_stock", sku=sku,
                     stock={"sku": sku, "available": 0, "requested": items})
            return respond(t + rng.randint(2, 6), "warn", 409,
                           "POST /v1/orders -> 409 Conflict: item out of stock", "out_of_stock")
        t += inv
        self.std("inventory", t, "info", "inventory.reserve", "reserved %d item%s" % (
            items, "" if items == 1 else "s"), rid, user, durationMs=inv, orderId=order_id,
            reservation={"id": "rsv_%06x" % rng.getrandbits(24), "items": items, "ttlSec": 900})
        t += rng.randint(2, 8)

        def release(at):
            self.std("inventory", at, "info", "inventory.release", "released reservation",
                     rid, user, orderId=order_id, reason="payment_failed")

        # payment
        amount = {"value": rng.randrange(990, 48000, 10), "currency": "EUR"}
        if outcome == "circuit_open":
            at = respond(t + rng.randint(1, 3), "error", 503,
                         "POST /v1/orders -> 503 Service Unavailable: payment circuit open",
                         "circuit_open", {"code": "circuit_open", "upstream": "payment-service"})
            release(at + rng.randint(3, 9))
            return at
        if outcome in ("timeout", "slow_ok"):
            budget = 2400 if quiet else rng.randint(2400, 5000)
            per_try = budget // (attempts + 1)
            tp = t
            for attempt in range(1, attempts + 1):
                tp += per_try + (0 if quiet else rng.randint(0, 40))
                self.pino(tp, "warn", "payment.provider.retry",
                          "acme-pay did not answer in %d ms, retrying" % per_try, rid, user,
                          attempt=attempt, durationMs=tp - t, provider="acme-pay")
            if outcome == "timeout":
                tp = t + budget
                self.pino(tp, "error", "payment.provider.timeout",
                          "payment authorization failed: acme-pay timed out after %d ms" % budget,
                          rid, user, durationMs=budget, errorCode="provider_timeout",
                          amount=amount, error={"code": "provider_timeout", "provider": "acme-pay",
                                                "attempts": attempts + 1})
                at = respond(tp + rng.randint(3, 12), "error", 502,
                             "POST /v1/orders -> 502 Bad Gateway: payment authorization timed out",
                             "payment_timeout",
                             {"code": "payment_timeout", "upstream": "payment-service"})
                release(at + rng.randint(2, 9))
                return at
            tp += rng.randint(300, 900)
            self.pino(tp, "info", "payment.authorize", "payment authorized", rid, user,
                      durationMs=tp - t, amount=amount, provider="acme-pay",
                      authorization="auth_%010x" % rng.getrandbits(40))
            t = tp
        elif outcome == "declined":
            t += rng.randint(90, 300)
            self.pino(t, "warn", "payment.declined", "card declined by issuer", rid, user,
                      durationMs=rng.randint(90, 300), errorCode="card_declined", amount=amount,
                      error={"code": "card_declined", "provider": "acme-pay"})
            at = respond(t + rng.randint(2, 7), "warn", 402,
                         "POST /v1/orders -> 402 Payment Required: card declined", "card_declined")
            release(at + rng.randint(2, 9))
            return at
        else:
            if maybe(0.3):
                self.pino(t + rng.randint(5, 20), "debug", "payment.fraud_check",
                          "fraud check passed", rid, user, score=round(rng.random() * 0.3, 3))
            pay = int(rng.lognormvariate(5.2, 0.35))  # ~180 ms median
            t += pay
            self.pino(t, "info", "payment.authorize", "payment authorized", rid, user,
                      durationMs=pay, amount=amount, provider="acme-pay",
                      authorization="auth_%010x" % rng.getrandbits(40))

        end = respond(t + rng.randint(3, 10), "info", 201, "POST /v1/orders -> 201 Created")

        # email confirmation, picked up from the queue a little later
        te = end + rng.randint(300, 2500)
        if maybe(0.2):
            self.structlog(te, "debug", "rendered template", rid, user,
                           template="order_confirmation", locale=rng.choice(["en", "de", "fr"]))
            te += rng.randint(2, 9)
        if maybe(0.015):
            self.structlog(te, "warn", "smtp send failed, retrying", rid, user, attempt=1,
                           smtp={"host": "smtp.internal", "code": 421})
            te += rng.randint(500, 1500)
        dur = rng.randint(40, 320)
        self.structlog(te + dur, "info", "confirmation email sent", rid, user,
                       template="order_confirmation", order_id=order_id, duration_ms=dur)
        return end

    # --- background ------------------------------------------------------------------

    def background(self):
        rng = self.rng
        for t in range(4 * SEC + 117, END, 15 * SEC):
            self.std("checkout-api", t + rng.randint(0, 200), "debug", "http.request",
                     "GET /healthz -> 200", http={"method": "GET", "path": "/healthz",
                                                  "status": 200}, durationMs=rng.randint(0, 2))
        for t in range(31 * SEC + 402, END, 60 * SEC):
            self.std("inventory", t, "info", "stock.sync", "stock synced from warehouse",
                     durationMs=rng.randint(180, 900),
                     stock={"skus": 1243, "low": rng.randint(3, 12), "changed": rng.randint(0, 40)})
        for t in range(9 * SEC + 777, END, 20 * SEC):
            depth = rng.randint(0, 4)
            if PROVIDER_DOWN <= t < PROVIDER_UP + MIN:
                depth = rng.randint(0, 2)
            self.structlog(t, "debug", "queue stats", queue="email.confirmations",
                           queue_depth=depth, workers=4)
        for t in range(14 * SEC + 5, END, 30 * SEC):
            if abs(t - CRASH_AT) < 3 * SEC:
                continue
            down = PROVIDER_DOWN <= t < PROVIDER_UP
            p99 = rng.randint(3800, 5200) if down else rng.randint(240, 420)
            self.pino(t, "warn" if down else "debug", "provider.health",
                      "acme-pay latency high" if down else "acme-pay healthy",
                      provider={"name": "acme-pay", "p99Ms": p99,
                                "errorRate": round(rng.uniform(0.55, 0.9), 2) if down else 0.0})

    def crash(self):
        self.pino(CRASH_AT, "fatal", "process.crash",
                  "uncaught exception: acme-pay connection pool exhausted (64/64 sockets stuck), exiting",
                  errorCode="pool_exhausted",
                  err={"type": "PoolExhaustedError",
                       "message": "acme-pay connection pool exhausted (64/64 in use)",
                       "stack": "PoolExhaustedError: acme-pay connection pool exhausted (64/64 in use)"
                                "\n    at Pool.acquire (/app/node_modules/undici/lib/pool.js:212:15)"
                                "\n    at AcmeClient.authorize (/app/src/acme/client.js:88:31)"})
        self.pid = 5203
        self.pino(CRASH_AT + 2 * SEC + 611, "info", "process.start",
                  "payment-service listening on :8080", version="3.8.2", port=8080)

    # --- the run ---------------------------------------------------------------------

    def run(self):
        rng = self.rng
        starts = []
        t = 1 * SEC + 203
        while t < END - 8 * SEC:
            starts.append(t)
            t += max(40, int(rng.expovariate(1 / 2300)))
        fixed = {FAILING_AT: (FAILING_ID, "usr_4821", "timeout"),
                 HEALTHY_AT: (HEALTHY_ID, "usr_1007", "ok")}
        starts = sorted(set(starts) | set(fixed))

        state = "closed"
        failures = []  # completion times of failed payment calls, in start order
        window = deque()
        reopen_at = 0
        trial_end = 0
        after_trial = ("closed", 0)
        for t0 in starts:
            if state == "half_open" and t0 >= trial_end:
                state, reopen_at = after_trial
            # Feed failures that completed by now into the breaker's rolling window.
            if state == "closed":
                done = sorted(f for f in failures if f <= t0)
                failures = [f for f in failures if f > t0]
                for f in done:
                    window.append(f)
                    while window and window[0] < f - BREAKER_WINDOW:
                        window.popleft()
                    if len(window) >= BREAKER_THRESHOLD:
                        state = "open"
                        reopen_at = f + 1 + BREAKER_COOLDOWN
                        self.std("checkout-api", f + 1, "warn", "circuit_breaker.open",
                                 "circuit breaker to payment-service opened after %d failures in"
                                 " 60s" % len(window), breaker={"name": "payment-service",
                                 "state": "open", "failures": len(window), "cooldownMs":
                                 BREAKER_COOLDOWN})
                        window.clear()
                        failures = []
                        break
            trial = False
            if state == "open" and t0 >= reopen_at:
                state = "half_open"
                self.std("checkout-api", reopen_at, "info", "circuit_breaker.half_open",
                         "circuit breaker to payment-service half-open, letting one request"
                         " through", breaker={"name": "payment-service", "state": "half_open"})
                trial = True

            rid, user, outcome = fixed.get(t0, (None, None, None))
            quiet = rid is not None
            if rid is None:
                rid, user = self.new_id(), rng.choice(self.users)
                down = PROVIDER_DOWN <= t0 < PROVIDER_UP
                r = rng.random()
                if r < 0.025:
                    outcome = "out_of_stock"
                elif r < 0.05:
                    outcome = "declined"
                elif down:
                    outcome = "timeout" if rng.random() < 0.75 else "slow_ok"
                else:
                    outcome = "ok"
            if state in ("open", "half_open") and not trial and not quiet \
                    and outcome != "out_of_stock":
                outcome = "circuit_open"
            if trial:  # the breaker's probe shows the provider's state, plainly
                outcome = "timeout" if PROVIDER_DOWN <= t0 < PROVIDER_UP else "ok"
            end = self.order(rid, user, t0, outcome, quiet=quiet)
            if outcome == "timeout" and state == "closed":
                failures.append(end)
            if trial:
                trial_end = end
                if outcome == "timeout":
                    after_trial = ("open", end + 1 + BREAKER_COOLDOWN)
                    self.std("checkout-api", end + 1, "warn", "circuit_breaker.open",
                             "circuit breaker to payment-service re-opened: trial request failed",
                             breaker={"name": "payment-service", "state": "open",
                                      "cooldownMs": BREAKER_COOLDOWN})
                else:
                    after_trial = ("closed", 0)
                    self.std("checkout-api", end + 1, "info", "circuit_breaker.closed",
                             "circuit breaker to payment-service closed: trial request succeeded",
                             breaker={"name": "payment-service", "state": "closed"})
        self.background()
        self.crash()


def level_of(obj):
    if "level" in obj and isinstance(obj["level"], int):
        return PINO_NAME[obj["level"]]
    return {"warning": "warn"}.get(obj["level"], obj["level"])


def main():
    inc = Incident()
    inc.run()
    os.makedirs(OUT_DIR, exist_ok=True)
    counts = {}
    sizes = {}
    for name in FILES:
        rows = sorted(inc.lines[name], key=lambda r: (r[0], r[1]))
        if name == "email-worker":
            text = "".join(json.dumps(obj) + "\n" for _, _, obj in rows)
        else:
            text = "".join(json.dumps(obj, separators=(",", ":")) + "\n" for _, _, obj in rows)
        data = text.encode("utf-8")
        with open(os.path.join(OUT_DIR, name + ".log"), "wb") as f:
            f.write(data)
        counts[name] = Counter(level_of(obj) for _, _, obj in rows)
        sizes[name] = (len(rows), len(data))

    levels = ["debug", "info", "warn", "error", "fatal"]
    per_file = ["- `%s.log`: %d lines: " % (name, sizes[name][0])
                + ", ".join("%s %d" % (lv, counts[name][lv]) for lv in levels)
                for name in FILES]
    total = sum(n for n, _ in sizes.values())
    readme = [
        "# Incident fixture (written by `python3 Fixtures/generate_incident.py`; do not edit)",
        "",
        "- Story: 2024-03-15 10:00-10:20 UTC. checkout-api takes POST /v1/orders, reserves stock in "
        "inventory, authorizes with payment-service (provider acme-pay); email-worker sends the "
        "confirmation; one request ID travels through all four. At 10:12 acme-pay starts timing out: "
        "payment-service logs warn retries then error `payment.provider.timeout` (durationMs "
        "2400-5000), checkout-api answers 502, its circuit breaker opens (warn; 503s while open), "
        "payment-service crashes once (fatal; restarts with a new pid), acme-pay recovers at "
        "10:16:20 and the breaker closes before 10:17.",
        "- Styles: `checkout-api.log`, `inventory.log`: timestamp/level/service/event/requestId/"
        "message, compact JSON. `payment-service.log`: pino (numeric level, `time` epoch ms, `msg`, "
        "`reqId`, pid, hostname). `email-worker.log`: structlog (`event` is the message text, "
        "`request_id`, `logger`, ISO timestamp with microseconds, `\", \"` separators).",
        "- Known IDs: `%s` fails (reserve ok, payment timeout after 2400 ms, 502 to the client, "
        "reservation released, no email: 6 lines); `%s` is healthy (5 info lines across the 4 "
        "services)." % (FAILING_ID, HEALTHY_ID),
    ] + per_file
    with open(os.path.join(OUT_DIR, "README.md"), "wb") as f:
        f.write(("\n".join(readme) + "\n").encode("utf-8"))

    requests = len(inc.used_ids)
    print("wrote %s: %d requests, %d lines, %d bytes"
          % (os.path.relpath(OUT_DIR), requests, total, sum(b for _, b in sizes.values())))
    for row in per_file:
        print(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
