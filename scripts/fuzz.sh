#!/usr/bin/env bash
# make fuzz: builds the libFuzzer targets (address sanitizer) and runs each for
# FUZZ_SECONDS (default 600), PARALLEL at a time (default 2). Seeds: fuzz/corpus/TARGET;
# inputs that add coverage are merged back there; crashers land in fuzz/crashers/TARGET
# (both are replayed by `make test`). Usage: scripts/fuzz.sh [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/opt/swift/usr/bin" SWIFT_BACKTRACE=enable=no
seconds=${FUZZ_SECONDS:-600}
parallel=${PARALLEL:-2}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(matrix model idx npz safetensors checkpoint lesson answer results quizfile image)

# --sanitize=fuzzer alone instruments only the C code (libyaml); Swift needs the coverage
# kinds libFuzzer reads spelled out (its default, trace-pc-guard, is no longer supported).
swift build --scratch-path .build-fuzz --product stride-fuzz --sanitize=fuzzer --sanitize=address \
    -Xswiftc -parse-as-library -Xswiftc -DFUZZING \
    -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp 2>&1 | grep -v "ld.gold: warning" >&2
bin=$(swift build --scratch-path .build-fuzz --show-bin-path)/stride-fuzz

run() {
    local t=$1 max=4096
    case $t in checkpoint) max=65536 ;; npz|safetensors|image) max=16384 ;; esac
    mkdir -p ".fuzz-work/$t" "fuzz/crashers/$t" "fuzz/corpus/$t"
    STRIDE_FUZZ_TARGET=$t "$bin" ".fuzz-work/$t" "fuzz/corpus/$t" -max_total_time="$seconds" -max_len=$max \
        -rss_limit_mb=4096 -timeout=20 -print_final_stats=1 -artifact_prefix="fuzz/crashers/$t/" \
        > ".fuzz-work/$t.log" 2>&1 || true
    STRIDE_FUZZ_TARGET=$t "$bin" -merge=1 "fuzz/corpus/$t" ".fuzz-work/$t" > ".fuzz-work/$t.merge.log" 2>&1 || true
    local execs crashes
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' ".fuzz-work/$t.log" | grep -o '[0-9]*$' || echo "?")
    crashes=$(find "fuzz/crashers/$t" -type f | wc -l)
    echo "fuzz $t: ${seconds}s, $execs executions, $crashes crasher(s), corpus $(find "fuzz/corpus/$t" -type f | wc -l) files"
}

running=0
for t in "${targets[@]}"; do
    run "$t" &
    running=$((running + 1))
    if [ "$running" -ge "$parallel" ]; then wait -n; running=$((running - 1)); fi
done
wait
