#!/usr/bin/env python3
"""Writes Fixtures/mixed/: JSON mixed with plain text, continuation lines and broken input.

Deterministic (no clock, seeded random): running it again rewrites the files
byte-identically. Python 3 standard library only. Files are written as bytes
because several lines are deliberately not valid UTF-8 or contain NUL / CR.

  mixed.log      every kind of line a viewer must survive (listed in mixed/README.md)
  bom-crlf.log   UTF-8 BOM, CRLF line endings, 5 JSON lines
"""

import os
import random
import sys

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mixed")
SEED = 7


def mixed_cases():
    """(description, bytes of one or more lines) in file order; the last has no newline."""
    rng = random.Random(SEED)
    long_payload = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789 ") for _ in range(100_000))
    deep = b"[" * 1000 + b"]" * 1000
    return [
        ("plain text, Python logging default format (timestamp with comma, ERROR)",
         b"2024-03-15 10:00:00,123 ERROR db pool exhausted\n"),
        ("plain error line followed by a Python traceback (continuation lines)",
         b"2024-03-15 10:00:00,130 ERROR worker failed to charge order 88121\n"
         b"Traceback (most recent call last):\n"
         b'  File "/app/worker.py", line 42, in charge\n'
         b"    resp = client.authorize(order)\n"
         b'  File "/app/acme.py", line 88, in authorize\n'
         b'    raise TimeoutError("acme-pay timed out after 2400 ms")\n'
         b"TimeoutError: acme-pay timed out after 2400 ms\n"),
        ("bracketed timestamp and level (Apache/nginx style)",
         b"[2024-03-15T10:00:01Z] [warn] slow query\n"),
        ("a normal JSON record (the failing request ID)",
         b'{"timestamp":"2024-03-15T10:00:01.500Z","level":"error","service":"checkout-api",'
         b'"requestId":"req_7f42a9c1","durationMs":2451,"message":"payment failed"}\n'),
        ("plain error line followed by a Java stack trace (tab-indented `at`, `...`, `Caused by:`)",
         b"2024-03-15 10:00:01,700 ERROR [http-nio-8080-exec-3] c.e.checkout.OrderController"
         b" - request failed\n"
         b"java.lang.IllegalStateException: cart is empty\n"
         b"\tat com.example.checkout.OrderController.create(OrderController.java:41)\n"
         b"\tat com.example.checkout.OrderController$$FastClassBySpringCGLIB$$1.invoke(<generated>)\n"
         b"\t... 42 more\n"
         b"Caused by: java.lang.NullPointerException: null\n"
         b"\tat com.example.checkout.Cart.total(Cart.java:12)\n"),
        ("glog lines (E = error, W = warning; thread id unpadded and padded)",
         b"E0315 10:00:02.000000 1 x.go:12] oops\n"
         b"W0315 10:00:02.500000    4242 server.go:88] slow handler: 1834ms\n"),
        ("Python logging basicConfig format (LEVEL:logger:message)",
         b"WARNING:root:disk almost full\n"),
        ("a pretty-printed JSON object over 9 lines",
         b"{\n"
         b'  "timestamp": "2024-03-15T10:00:03.000Z",\n'
         b'  "level": "info",\n'
         b'  "message": "effective configuration",\n'
         b'  "config": {\n'
         b'    "pool": 10,\n'
         b'    "timeoutMs": 2400\n'
         b"  }\n"
         b"}\n"),
        ("broken JSON: missing quote", b'{"level":"error","message:"missing quote"}\n'),
        ("broken JSON: trailing comma", b'{"level":"warn","message":"trailing comma",}\n'),
        ("broken JSON: truncated object", b'{"level":"info","message":"truncated obj\n'),
        ("a JSON array line (raw text)", b'["a", 1, {"level":"error"}]\n'),
        ("JSON scalar lines (raw text)", b"42\n" b'"just a JSON string"\n'),
        ("an empty line", b"\n"),
        ("a CRLF-terminated JSON line",
         b'{"timestamp":"2024-03-15T10:00:04.000Z","level":"info","message":"crlf line"}\r\n'),
        ("invalid UTF-8 in a text line and inside a JSON string",
         b"2024-03-15 10:00:04,500 WARN bad bytes: \xff\xfe\xc3\x28 end\n"
         b'{"timestamp":"2024-03-15T10:00:04.600Z","level":"warn","message":"invalid \xc3\x28 utf8 \xed\xa0\x80"}\n'),
        ("a NUL byte in a text line and raw inside a JSON string",
         b"2024-03-15 10:00:05,000 INFO nul\x00byte in text\n"
         b'{"timestamp":"2024-03-15T10:00:05.100Z","level":"info","message":"nul\x00byte in json"}\n'),
        ("ANSI color codes in a text line",
         b"\x1b[31mERROR\x1b[0m 2024-03-15 10:00:05,200 colored output\n"),
        ("duplicate keys (last wins: level error), NaN, deep nesting (1000 levels)",
         b'{"timestamp":"2024-03-15T10:00:05.300Z","level":"info","level":"error",'
         b'"message":"duplicate keys"}\n'
         b'{"timestamp":"2024-03-15T10:00:05.400Z","level":"warn","ratio":NaN,"message":"NaN value"}\n'
         b'{"timestamp":"2024-03-15T10:00:05.500Z","level":"info","deep":' + deep
         + b',"message":"deeply nested"}\n'),
        ("a very long JSON line (~100 KB payload)",
         b'{"timestamp":"2024-03-15T10:00:06.000Z","level":"info","message":"very long line",'
         b'"payload":"' + long_payload.encode() + b'"}\n'),
        ("a last JSON record, then a truncated JSON line with NO final newline",
         b'{"timestamp":"2024-03-15T10:00:08.000Z","level":"info","requestId":"req_00c0ffee",'
         b'"message":"last complete line"}\n'
         b'{"timestamp":"2024-03-15T10:00:09.000Z","level":"error","message":"truncated at the en'),
    ]


def bom_crlf():
    lines = [
        '{"timestamp":"2024-03-15T10:00:00.000Z","level":"info","service":"checkout-api","message":"first line after the BOM"}',
        '{"timestamp":"2024-03-15T10:00:01.000Z","level":"debug","service":"checkout-api","message":"crlf endings"}',
        '{"timestamp":"2024-03-15T10:00:02.000Z","level":"warn","service":"checkout-api","message":"payment slow","durationMs":1834}',
        '{"timestamp":"2024-03-15T10:00:03.000Z","level":"error","service":"checkout-api","requestId":"req_7f42a9c1","message":"payment failed"}',
        '{"timestamp":"2024-03-15T10:00:04.000Z","level":"info","service":"checkout-api","message":"last line"}',
    ]
    return b"\xef\xbb\xbf" + b"".join(l.encode() + b"\r\n" for l in lines)


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    cases = mixed_cases()
    data = b"".join(chunk for _, chunk in cases)
    with open(os.path.join(OUT_DIR, "mixed.log"), "wb") as f:
        f.write(data)
    bom = bom_crlf()
    with open(os.path.join(OUT_DIR, "bom-crlf.log"), "wb") as f:
        f.write(bom)

    readme = ["# Mixed input (written by `python3 Fixtures/generate_mixed.py`; do not edit)", "",
              "`bom-crlf.log`: UTF-8 BOM, CRLF endings, 5 JSON lines (debug, info x2, warn, error).",
              "", "`mixed.log`, by line number (split on `\\n` only):", ""]
    line = 1
    for desc, chunk in cases:
        n = chunk.count(b"\n") + (0 if chunk.endswith(b"\n") else 1)
        span = "%d" % line if n == 1 else "%d-%d" % (line, line + n - 1)
        readme.append("- %s: %s" % (span, desc))
        line += n
    with open(os.path.join(OUT_DIR, "README.md"), "wb") as f:
        f.write(("\n".join(readme) + "\n").encode())

    print("wrote %s: mixed.log %d lines (%d bytes, no final newline), bom-crlf.log %d bytes"
          % (os.path.relpath(OUT_DIR), line - 1, len(data), len(bom)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
