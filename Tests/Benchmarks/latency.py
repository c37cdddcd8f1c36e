# Time from a line written (to a followed file: "file", or into tail -f | logview: "pipe")
# to it appearing on the explorer screen. Usage: python3 Tests/Benchmarks/latency.py file|pipe
import subprocess, time, json, os, statistics, sys
BIN="./.build/release/logview"
mode=sys.argv[1]
log="/tmp/lat.log"
open(log,"w").write(json.dumps({"level":"info","msg":"start"})+"\n")
cmd = f"TERM=xterm-256color {BIN} {log}" if mode=="file" else f"tail -n +1 -f {log} | TERM=xterm-256color {BIN}"
subprocess.run(["tmux","-L","lat","kill-server"],stderr=subprocess.DEVNULL)
subprocess.run(["tmux","-L","lat","-f","/dev/null","new-session","-d","-s","t","-x","120","-y","40",cmd])
time.sleep(1.5)
lat=[]
for i in range(15):
    token=f"tok{i}x{int(time.time()*1000)}"
    t0=time.time()
    with open(log,"a") as f: f.write(json.dumps({"level":"info","msg":token})+"\n")
    while True:
        out=subprocess.run(["tmux","-L","lat","capture-pane","-p","-t","t"],capture_output=True,text=True).stdout
        if token in out: break
        if time.time()-t0>5: break
    lat.append((time.time()-t0)*1000)
    time.sleep(0.3)
subprocess.run(["tmux","-L","lat","kill-server"])
print(mode, "median %.1f ms, min %.1f, max %.1f (includes ~2-4 ms per tmux capture-pane poll)"%(statistics.median(lat),min(lat),max(lat)))
