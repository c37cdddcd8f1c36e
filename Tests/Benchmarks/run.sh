#!/usr/bin/env bash
# Benchmarks logview beside cat, wc, grep, jq and lnav on the reference workload.
#
#   Tests/Benchmarks/run.sh [LINES]        LINES defaults to 1000000 (Tests/Benchmarks/data/ref-1m.ndjson, ~250 MB)
#
# Builds `swift build -c release`, generates the data if missing (Tests/Benchmarks/generate.py), warms the
# page cache, then times each command: hyperfine --warmup 1 --runs 5 when installed, else
# /usr/bin/time over 3 runs; the median is reported (lnav and jq: 2 runs, or 1 run without warm-up
# from 5M lines on, where one run takes minutes). Peak RSS comes from /usr/bin/time -v. Then,
# with tmux, the explorer's own timings (Tests/Benchmarks/explorer.py: first screen, full index,
# memory, re-filter, stdin ingest). Prints markdown tables and saves them to
# Tests/Benchmarks/results/NAME.md (ref-1m.md, ref-10000000.md...).
#
# Environment: BENCH_SKIP_BUILD=1 skips the build; LOGVIEW=PATH times another logview binary.
# Missing jq, hyperfine or logview binary: those rows are skipped with a note.
set -euo pipefail

cd "$(dirname "$0")/../.."

LINES=${1:-1000000}
if ! [[ $LINES =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: Tests/Benchmarks/run.sh [LINES]   (LINES: a positive number, default 1000000)" >&2
  exit 2
fi
case $LINES in
  1000000) NAME=ref-1m ;;
  10000000) NAME=ref-10m ;;
  *) NAME=ref-$LINES ;;
esac
DATA=Tests/Benchmarks/data/$NAME.ndjson
RID_FILE=Tests/Benchmarks/data/$NAME.rid
LOGVIEW=${LOGVIEW:-.build/release/logview}
RESULTS=Tests/Benchmarks/results/$NAME.md
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

note() { echo "bench: $*" >&2; }

if [[ ${BENCH_SKIP_BUILD:-0} != 1 ]]; then
  note "swift build -c release"
  swift build -c release >&2
fi

if [[ ! -s $DATA || ! -s $RID_FILE ]]; then
  note "generating $DATA ($LINES lines)"
  python3 Tests/Benchmarks/generate.py --lines "$LINES" --out "$DATA" >/dev/null
fi
RID=$(<"$RID_FILE")
BYTES=$(stat -c %s "$DATA")
cat "$DATA" >/dev/null # into the page cache

HAVE_JQ=0 HAVE_HYPERFINE=0 HAVE_LOGVIEW=0 HAVE_LNAV=0
command -v jq >/dev/null && HAVE_JQ=1
if command -v lnav >/dev/null; then
  # lnav reads JSON lines only through a format file (its issue #634).
  lnav -i Tests/Benchmarks/lnav/ref_json_log.json >/dev/null 2>&1 && HAVE_LNAV=1
fi
command -v hyperfine >/dev/null && HAVE_HYPERFINE=1
[[ -x $LOGVIEW ]] && HAVE_LOGVIEW=1

# Prints the median wall time in seconds of the shell command $1, or "failed (exit N)".
# Timed output goes to a pipe or a file, never /dev/null: GNU grep stops at the first match
# when its output is /dev/null, which would make it look 100x faster.
median_seconds() {
  local cmd=$1 runs=${2:-5} warmup=${3:-1} rc=0
  bash -c "$cmd" >/dev/null 2>"$TMP/err" || rc=$?
  # grep -c exits 1 when it counts nothing; any other non-zero status is a failure.
  if ((rc != 0)) && ! [[ $rc == 1 && $cmd == grep* ]]; then
    note "failed (exit $rc): $cmd: $(head -c 300 "$TMP/err")"
    echo "failed (exit $rc)"
    return
  fi
  if ((HAVE_HYPERFINE)); then
    hyperfine --warmup "$warmup" --runs "$runs" --ignore-failure --style none --output pipe \
      --export-json "$TMP/hf.json" -- "$cmd" >/dev/null 2>&1
    python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["median"])' \
      "$TMP/hf.json"
  else
    local i
    for i in 1 2 3; do
      /usr/bin/time -f '%e s %M KB' -o "$TMP/time" bash -c "$cmd" >"$TMP/out" 2>&1 || true
      cut -d' ' -f1 "$TMP/time"
    done | sort -n | sed -n 2p
  fi
}

# Prints the peak RSS in MB of the shell command $1.
peak_rss_mb() {
  /usr/bin/time -v -o "$TMP/rss" bash -c "$1" >"$TMP/out" 2>&1 || true
  awk -F': ' '/Maximum resident set size/ { printf "%.0f MB", $2 / 1024 }' "$TMP/rss"
}

rows=()
# row WHAT COMMAND NEEDS(jq|logview|-) RSS(rss|-)
row() {
  local what=$1 cmd=$2 needs=$3 rss=$4 shown secs mbs="" peak=""
  shown=${cmd//"$DATA"/FILE}
  shown=${shown//"$LOGVIEW"/.build/release/logview}
  shown=${shown//|/\\|}
  if [[ $needs == jq ]] && ((!HAVE_JQ)); then
    rows+=("| $what | \`$shown\` | skipped: jq not installed | | |")
    return
  fi
  if [[ $needs == lnav ]] && ((!HAVE_LNAV)); then
    rows+=("| $what | \`$shown\` | skipped: lnav not installed | | |")
    return
  fi
  if [[ $needs == logview ]] && ((!HAVE_LOGVIEW)); then
    rows+=("| $what | \`$shown\` | skipped: $LOGVIEW not built | | |")
    return
  fi
  note "timing: $what"
  local runs=5 warmup=1
  if [[ $needs == lnav || $needs == jq ]]; then
    runs=2
    ((LINES >= 5000000)) && runs=1 warmup=0
  fi
  secs=$(median_seconds "$cmd" "$runs" "$warmup")
  if [[ $secs =~ ^[0-9.]+$ ]]; then
    mbs=$(awk -v b="$BYTES" -v s="$secs" 'BEGIN { if (s > 0) printf "%.0f", b / 1e6 / s; else print "n/a" }')
    [[ $rss == rss ]] && peak=$(peak_rss_mb "$cmd")
  fi
  rows+=("| $what | \`$shown\` | $secs | $mbs | $peak |")
}

Q=$(printf %q "$DATA")
LV=$(printf %q "$LOGVIEW")
row "read the file" "cat $Q > /dev/null" - -
row "count lines" "wc -l $Q" - -
row "count errors (grep)" "grep -c '\"level\":\"error\"' $Q" - -
row "count errors+fatal (jq)" "jq -c 'select(.level==\"error\" or .level==\"fatal\")' $Q | wc -l" jq -
row "count level>=error (logview)" "$LV --count -q 'level>=error' $Q" logview rss
row "one request ID (grep)" "grep $RID $Q | cat > /dev/null" - -
row "one request ID (logview)" "$LV --request $RID $Q --output raw > /dev/null" logview -
row "one request ID (jq)" "jq -c 'select(.requestId==\"$RID\")' $Q > /dev/null" jq -
row "regex, ignoring case (grep)" "grep -ciE 'time(d)? ?out' $Q" - -
row "regex, ignoring case (logview)" "$LV --count -q '/time(d)? ?out/i' $Q" logview -
row "pretty-print all (logview)" "$LV --output pretty --color never $Q > /dev/null" logview rss
row "normalized all (logview)" "$LV --output normalized $Q > /dev/null" logview -
row "count errors+fatal (lnav)" "lnav -n -c \";SELECT count(*) FROM ref_json_log WHERE log_level IN ('error','fatal')\" $Q" lnav rss
row "one request ID (lnav)" "lnav -n -c \";SELECT count(*) FROM ref_json_log WHERE requestId = '$RID'\" $Q" lnav -
row "pretty-print all (lnav)" "lnav -n $Q > /dev/null" lnav rss

# Cross-checks: the engines must agree on what they count.
checks=("grep: $(grep -cE '"level":"(error|fatal)"' "$DATA") error+fatal lines, \
$(grep -c "\"requestId\":\"$RID\"" "$DATA") lines of $RID")
if ((HAVE_LOGVIEW)); then
  lv_count=$("$LOGVIEW" --count -q 'level>=error' "$DATA" 2>&1 || true)
  lv_req=$("$LOGVIEW" --request "$RID" "$DATA" --output raw 2>/dev/null | wc -l || true)
  checks+=("logview: count says \"${lv_count//$'\n'/ }\", --request printed $lv_req lines")
fi

explorer_rows=""
if ((HAVE_LOGVIEW)) && command -v tmux >/dev/null; then
  note "explorer timings (tmux)"
  explorer_rows=$(python3 Tests/Benchmarks/explorer.py "$DATA" "$LOGVIEW" 3 | sed "s|$DATA|FILE|g")
fi

if ((HAVE_HYPERFINE)); then
  method="hyperfine --warmup 1 --runs 5, median"
else
  method="/usr/bin/time, median of 3 runs (hyperfine not installed)"
fi
cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
{
  echo "# logview benchmark"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'), commit $commit"
  echo "- machine: $(nproc) CPUs${cpu:+ ($cpu)}, $(uname -sr)"
  echo "- file: FILE = $DATA, $LINES lines, $(awk -v b="$BYTES" 'BEGIN { printf "%.1f", b / 1e6 }') MB, in page cache"
  echo "- request ID: RID = $RID"
  echo "- timing: $method; MB/s = file size / median; peak RSS from /usr/bin/time -v"
  echo
  echo "| what | command | median seconds | MB/s | peak RSS |"
  echo "|---|---|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
  echo
  for c in "${checks[@]}"; do echo "- check: $c"; done
  ((HAVE_JQ)) || echo "- note: jq is not installed; its rows were skipped"
  ((HAVE_LNAV)) || echo "- note: lnav is not installed (apt-get install lnav); its rows were skipped"
  if ((LINES >= 5000000)); then slow_runs="1 run each, no warm-up"; else slow_runs="2 runs each"; fi
  ((HAVE_JQ)) && echo "- jq: $(jq --version 2>/dev/null), $slow_runs"
  ((HAVE_LNAV)) && echo "- lnav: $(lnav -V 2>/dev/null | head -1), format Tests/Benchmarks/lnav/ref_json_log.json, $slow_runs"
  ((HAVE_LOGVIEW)) || echo "- note: $LOGVIEW is missing; logview rows were skipped"
  if [[ -n $explorer_rows ]]; then
    echo
    echo "## Explorer (in tmux, timed inside logview with LOGVIEW_TRACE)"
    echo
    echo "| what | how | median | target |"
    echo "|---|---|---:|---|"
    echo "$explorer_rows"
  else
    echo "- note: tmux or logview missing; explorer timings were skipped"
  fi
} >"$TMP/latest.md"

mkdir -p "$(dirname "$RESULTS")"
cp "$TMP/latest.md" "$RESULTS"
cat "$RESULTS"
