#!/usr/bin/env bash
# Times every lesson train block: `stride train --headless --json` with the block's settings
# (the run the block starts: TrainBlockSettings.commandLine, RunConfigurationPathsTests),
# seed 0, 2 threads. Prints one Markdown row per block: where it is, its settings, the test
# accuracy after each epoch, the training accuracy, wall and CPU seconds (user + sys), and
# the load average before the run. Usage:
#   scripts/time-train-blocks.sh [STRIDE_BINARY] [LESSONS_DIR]   (defaults: .build/release/stride, lessons/en)
# Data: $STRIDE_DATA (make points it at ../shared/datasets), else Stride's usual places.
set -euo pipefail
bin=${1:-.build/release/stride}
dir=${2:-lessons/en}
[ -x "$bin" ] || { echo "time-train-blocks: no binary at $bin (make release, or pass its path)" >&2; exit 2; }
echo "| block | settings | test accuracy per epoch | train accuracy | wall s | CPU s | load before |"
echo "|---|---|---|---|---|---|---|"
for file in "$dir"/*.md; do
    # Each block: its line and flags, the block's keys over TrainBlockSettings' defaults.
    awk '/^```train/ { inblock = 1; line = NR + 1; m = "small"; e = 1; l = 2000; d = "mnist"; o = "rmsprop"; next }
         inblock && /^```/ { inblock = 0
             printf "%d --model %s --epochs %s --limit %s --dataset %s%s\n", line, m, e, l, d, (o == "rmsprop" ? "" : " --optimizer " o); next }
         inblock { split($0, kv, ": "); v = kv[2]
             if (kv[1] == "model") m = v; if (kv[1] == "epochs") e = v; if (kv[1] == "limit") l = v
             if (kv[1] == "dataset") d = v; if (kv[1] == "optimizer") o = v }' "$file" |
    while read -r line flags; do
        load=$(cut -d' ' -f1-3 /proc/loadavg)
        out=$(mktemp)
        TIMEFORMAT='%R %U %S'
        times=$( { time "$bin" train --headless --json $flags > "$out" 2>/dev/null; } 2>&1 )
        read -r wall user sys <<< "$times"
        epochs=$(grep -o -- '- test_accuracy: [0-9.]*' "$out" | awk '{ printf "%s%.2f", (NR > 1 ? " / " : ""), 100 * $3 }')
        train=$(tail -n 1 "$out" | grep -o '"train_accuracy":[0-9.]*' | cut -d: -f2 | awk '{ printf "%.1f", 100 * $1 }')
        cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }')
        echo "| $(basename "$file"):$line | ${flags//--/} | $epochs % | $train % | $wall | $cpu | $load |"
        rm -f "$out"
    done
done
