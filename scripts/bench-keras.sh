#!/usr/bin/env bash
# Side by side: the seed model (batch 64, RMSprop) trained by Stride and by Keras 3 on
# TensorFlow-CPU on this machine, alternating, best of ROUNDS. Keras lives in .venv-keras
# (installed from PyPI on first use). KERAS=0 skips this section.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${KERAS:-1}" = 0 ] && { echo "== Side by side with Keras: skipped (KERAS=0)"; exit 0; }

data=${STRIDE_DATA:-../shared/datasets}/mnist
images=${BENCH_IMAGES:-19200}
rounds=${ROUNDS:-3}
venv=.venv-keras

if ! "$venv/bin/python" -c "import keras, tensorflow" 2>/dev/null; then
    echo "bench: installing Keras + TensorFlow-CPU into $venv (once)..." >&2
    if ! { python3 -m venv "$venv" && "$venv/bin/pip" install -q "tensorflow-cpu==2.21.0"; } >&2; then
        echo "== Side by side with Keras: skipped (could not install tensorflow-cpu)"
        exit 0
    fi
fi

json_field() { python3 -c "import json,sys; print(json.loads(sys.stdin.read().strip().splitlines()[-1])['$1'])"; }

best_stride=0; best_keras=0; keras_version=""
for round in $(seq "$rounds"); do
    s=$(./.build/release/stride train --headless --model seed --epochs 1 --limit "$images" \
          --data "$data" --json 2>/dev/null | json_field samples_per_second)
    k_json=$("$venv/bin/python" bench/keras_seed.py "$data" "$images" 2>/dev/null | tail -n 1)
    k=$(echo "$k_json" | json_field samples_per_second)
    keras_version=$(echo "$k_json" | json_field keras)
    printf 'round %d: stride %.0f samples/s, keras %.0f samples/s\n' "$round" "$s" "$k"
    best_stride=$(python3 -c "print(max($best_stride, $s))")
    best_keras=$(python3 -c "print(max($best_keras, $k))")
done
echo "== Side by side: seed model, batch 64, RMSprop, $images MNIST images, best of $rounds (alternating)"
printf 'stride                          %8.0f samples/s\n' "$best_stride"
printf 'keras %-8s (TensorFlow CPU) %8.0f samples/s\n' "$keras_version" "$best_keras"
python3 -c "print('stride / keras                  %8.2fx' % ($best_stride / $best_keras))"
