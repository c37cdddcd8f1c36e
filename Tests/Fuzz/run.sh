#!/usr/bin/env bash
# Builds the fuzz targets with libFuzzer and AddressSanitizer and runs each for a while.
#
#   Tests/Fuzz/run.sh [SECONDS] [TARGET...]
#
# SECONDS per target (default 60); TARGETs: FuzzJSONScanner FuzzNormalizer FuzzRecordSplitter
# FuzzQuery (default all). Builds into .build-fuzz (its own scratch path: the sanitizer flags
# would otherwise rebuild .build). Corpora grow in .build-fuzz/fuzz/corpus/<target>, seeded
# from Fixtures/ by seeds.py; crashes land in .build-fuzz/fuzz/artifacts/<target>/ and make
# the script fail. Reproduce one with the sanitized binary and the file, or without
# sanitizers: `swift build --product <target> && .build/debug/<target> <file>`.
# FUZZ_ARGS adds libFuzzer flags (e.g. FUZZ_ARGS=-use_value_profile=1).
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="/opt/swift/usr/bin:$PATH"

seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(FuzzJSONScanner FuzzNormalizer FuzzRecordSplitter FuzzQuery)

scratch=.build-fuzz
work="$scratch/fuzz"
mkdir -p "$work/logs"

for target in "${targets[@]}"; do
  echo "fuzz: building $target"
  # gold warns once per ASan helper symbol; the rest of the output matters.
  swift build -j 1 -c release --scratch-path "$scratch" --product "$target" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING 2>&1 \
    | { grep -v "Cannot export local symbol" || true; } | tail -n 20
  [ "${PIPESTATUS[0]}" -eq 0 ] || exit 1
done

# Seeds of this run only: runs of other targets may go on side by side.
seeds="$work/seeds.$$"
trap 'rm -rf "$seeds"' EXIT
python3 Tests/Fuzz/seeds.py "$seeds"

# libFuzzer reports crashes itself; the Swift runtime's backtracer would only delay it.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:handle_abort=1}"

failed=()
for target in "${targets[@]}"; do
  corpus="$work/corpus/$target"
  artifacts="$work/artifacts/$target"
  log="$work/logs/$target.log"
  mkdir -p "$corpus" "$artifacts" "$seeds/$target"
  flags=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
    -artifact_prefix="$artifacts/")
  case "$target" in
    FuzzRecordSplitter) flags+=(-max_len=8192) ;;
    FuzzQuery) flags+=(-max_len=4096 -dict=Tests/Fuzz/query.dict) ;;
    *) flags+=(-max_len=4096 -dict=Tests/Fuzz/json.dict) ;;
  esac
  echo "fuzz: $target for ${seconds}s (log: $log)"
  # shellcheck disable=SC2086
  if "$scratch/release/$target" "${flags[@]}" ${FUZZ_ARGS:-} "$corpus" "$seeds/$target" \
    >"$log" 2>&1; then
    units=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | grep -o '[0-9]*$' || true)
    last=$(grep -E '^#[0-9]+' "$log" | tail -n 1 | grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [^ ]+' || true)
    echo "fuzz: $target ok: ${units:-?} inputs, $last"
  else
    echo "fuzz: $target FAILED; the end of its log:"
    grep -v '^INFO:' "$log" | tail -n 60
    failed+=("$target")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: crashes in ${failed[*]}; inputs in $work/artifacts/"
  exit 1
fi
