# Explorer timings on the 1M-line reference file in tmux: first screen, full index, re-filter.
# Run from the repository root after Tests/Benchmarks/run.sh (it builds and generates the data).
import subprocess, time, re
BIN="./.build/release/logview"
F="./Tests/Benchmarks/data/ref-1m.ndjson"
def cap(): return subprocess.run(["tmux","-L","tb","capture-pane","-p","-t","t"],capture_output=True,text=True).stdout
def wait(pred, limit=20):
    t0=time.time()
    while time.time()-t0<limit:
        s=cap()
        if pred(s): return time.time()-t0, s
        time.sleep(0.002)
    return None, cap()
subprocess.run(["tmux","-L","tb","kill-server"],stderr=subprocess.DEVNULL)
time.sleep(0.5)
t0=time.time()
subprocess.run(["tmux","-L","tb","-f","/dev/null","new-session","-d","-s","t","-x","160","-y","50",f"TERM=xterm-256color {BIN} {F}"])
first,_=wait(lambda s: re.search(r"\d\d:\d\d:\d\d\.\d\d\d (INFO|WARN|ERROR|DEBUG)", s) is not None)
full,_=wait(lambda s: "1,000,000 lines" in s)
print("first rows on screen: %.0f ms after start; all 1,000,000 indexed: %.0f ms"%(first*1000, (time.time()-t0)*1000))
for q, count in [("level>=error","30,013 match"), ("timeout","34,992 match"), ("service=payment-service durationMs>1000", "match")]:
    subprocess.run(["tmux","-L","tb","send-keys","-t","t","f"]); time.sleep(0.3)
    subprocess.run(["tmux","-L","tb","send-keys","-t","t","C-u"]); time.sleep(0.5)
    t1=time.time()
    subprocess.run(["tmux","-L","tb","send-keys","-t","t","-l",q])
    d,s=wait(lambda s: count in s and "%)" not in s.split("\n")[0] and q in s)
    print(f"filter {q!r}: complete after {d*1000 if d else -1:.0f} ms from the keystrokes (includes 60 ms debounce + tmux polling)")
    print("   ", s.split("\n")[0][:120])
    subprocess.run(["tmux","-L","tb","send-keys","-t","t","Enter"]); time.sleep(0.3)
subprocess.run(["tmux","-L","tb","kill-server"])
