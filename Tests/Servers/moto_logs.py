#!/usr/bin/env python3
"""moto's CloudWatch Logs (moto[server], in process) for logview's tests.

Listens on 127.0.0.1 on a free port and prints it on the first line of stdout. Then reads
commands from stdin, one JSON object a line, and answers each with a line "ok" (or
"error: ..."):
  {"group": G}                                  create the log group (if new)
  {"group": G, "stream": S}                     create the stream too
  {"group": G, "stream": S, "events": [[ms, "message"], ...]}   put events (in time order)
  {"faults": ["throttle", "500", ...]}          answer the next FilterLogEvents calls so
Events go into moto's backend directly: PutLogEvents would refuse the 2024 times the tests
use (older than 14 days). Each FilterLogEvents request is appended to the file named by
the second argument as a JSON line: its body and whether it was signed. Stops when its
standard input closes.
"""
import io
import json
import sys
import threading

from moto.logs.models import logs_backends
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import make_server

ACCOUNT = "123456789012"
REGION = "us-east-1"
LOG = sys.argv[1] if len(sys.argv) > 1 else None
FAULTS = []
LOCK = threading.Lock()


def recording(app):
    def wrapper(environ, start_response):
        target = environ.get("HTTP_X_AMZ_TARGET", "")
        if target.endswith(".FilterLogEvents"):
            length = int(environ.get("CONTENT_LENGTH") or 0)
            body = environ["wsgi.input"].read(length)
            environ["wsgi.input"] = io.BytesIO(body)
            with LOCK:
                fault = FAULTS.pop(0) if FAULTS else None
                if LOG:
                    with open(LOG, "a") as log:
                        log.write(json.dumps({
                            "body": json.loads(body or b"{}"),
                            "signed": environ.get("HTTP_AUTHORIZATION", "").startswith(
                                "AWS4-HMAC-SHA256 Credential="),
                            "token": environ.get("HTTP_X_AMZ_SECURITY_TOKEN"),
                        }) + "\n")
            if fault == "throttle":
                start_response("400 Bad Request", [("Content-Type", "application/x-amz-json-1.1")])
                return [b'{"__type":"ThrottlingException","message":"Rate exceeded"}']
            if fault == "garbage":
                start_response("200 OK", [("Content-Type", "application/x-amz-json-1.1")])
                return [b'{"events":[{"timestamp":1,"mess']
            if fault is not None:
                start_response(fault + " Error", [("Content-Type", "text/plain")])
                return [b"internal error"]
        return app(environ, start_response)
    return wrapper


def command(line):
    request = json.loads(line)
    if "faults" in request:
        with LOCK:
            FAULTS.extend(request["faults"])
        return
    backend = logs_backends[ACCOUNT][request.get("region", REGION)]
    group = request["group"]
    if group not in backend.groups:
        backend.create_log_group(group, {})
    stream = request.get("stream")
    if stream is None:
        return
    if stream not in backend.groups[group].streams:
        backend.create_log_stream(group, stream)
    events = [{"timestamp": ms, "message": message} for ms, message in request.get("events", [])]
    if events:
        backend.groups[group].put_log_events(stream, events)


def main():
    server = make_server("127.0.0.1", 0, recording(DomainDispatcherApplication(create_backend_app)),
                         threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(server.server_address[1], flush=True)
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            command(line)
            print("ok", flush=True)
        except Exception as error:  # the test reads the reason
            print("error: %r" % (error,), flush=True)


if __name__ == "__main__":
    main()
