#!/usr/bin/env python3
"""Runs the real systemd-journal-gatewayd over the journal files in DIR, on 127.0.0.1 and a
free port (printed on stdout), handed to it as a listening socket (sd_listen_fds): the
gateway would otherwise bind *:19531. The process becomes the gateway (same pid), so the
test that started it stops it by terminating this process.

    journal_gateway.py DIR
"""
import os
import socket
import sys

GATEWAY = "/lib/systemd/systemd-journal-gatewayd"

listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(64)
print(listener.getsockname()[1], flush=True)
if listener.fileno() != 3:
    os.dup2(listener.fileno(), 3)
os.set_inheritable(3, True)
os.environ["LISTEN_FDS"] = "1"
os.environ["LISTEN_PID"] = str(os.getpid())
os.execv(GATEWAY, [GATEWAY, "-D", sys.argv[1]])
