#!/bin/bash
# Idle CPU: piped input that goes quiet.
BIN=./.build/release/logview
tmux -L idle kill-server 2>/dev/null
tmux -L idle -f /dev/null new-session -d -s t -x 120 -y 40 "(cat ./Fixtures/incident/checkout-api.log; sleep 120) | TERM=xterm-256color $BIN"
sleep 2
PID=$(pgrep -f "release/logview$" | head -1)
t0=$(awk '{print $14+$15}' /proc/$PID/stat)
sleep 20
t1=$(awk '{print $14+$15}' /proc/$PID/stat)
echo "idle CPU ticks over 20 s (1 tick = 10 ms): $((t1-t0))"
grep -E "voluntary_ctxt" /proc/$PID/status
tmux -L idle kill-server
