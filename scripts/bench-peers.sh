#!/usr/bin/env bash
# Side by side on this machine: the seed model (batch 64, RMSprop) trained by Stride, by Keras 3
# on TensorFlow-CPU and by PyTorch (CPU, 2 threads; NCHW and channels-last, the better kept),
# alternating, best of ROUNDS; and the machine's FLOP limit measured in the same run (the best
# 2-thread sgemm 2048³ of OpenBLAS and of torch.mm over all rounds). Ends with one summary line.
#
# Keras lives in .venv-keras and PyTorch in .venv-torch, each installed on first use; a peer
# that cannot be installed is skipped with a note. KERAS=0 / TORCH=0 skip a peer.
set -euo pipefail
cd "$(dirname "$0")/.."

# MNIST as Stride finds it: $STRIDE_DATA(/mnist), ../shared/datasets/mnist, then Stride's cache.
data=""
for dir in ${STRIDE_DATA:+"$STRIDE_DATA/mnist" "$STRIDE_DATA"} ../shared/datasets/mnist \
           "${XDG_CACHE_HOME:-$HOME/.cache}/stride/mnist"; do
    [ -f "$dir/train-images-idx3-ubyte.gz" ] && { data=$dir; break; }
done
if [ -z "$data" ]; then
    echo "== Side by side: skipped (no MNIST IDX files found; set STRIDE_DATA, or run: ./.build/release/stride data fetch mnist)"
    exit 0
fi
images=${BENCH_IMAGES:-19200}
rounds=${ROUNDS:-3}

ensure_keras() {
    [ "${KERAS:-1}" = 0 ] && { echo "keras: skipped (KERAS=0)"; return 1; }
    .venv-keras/bin/python -c "import keras, tensorflow" 2>/dev/null && return 0
    echo "bench: installing Keras + TensorFlow-CPU into .venv-keras (once)..." >&2
    { python3 -m venv .venv-keras && .venv-keras/bin/pip install -q "tensorflow-cpu==2.21.0"; } >&2 && return 0
    echo "keras: skipped (could not install tensorflow-cpu into .venv-keras)"
    return 1
}

ensure_torch() {
    [ "${TORCH:-1}" = 0 ] && { echo "pytorch: skipped (TORCH=0)"; return 1; }
    .venv-torch/bin/python -c "import torch, numpy" 2>/dev/null && return 0
    echo "bench: installing PyTorch (CPU) into .venv-torch (once)..." >&2
    python3 -m venv .venv-torch >&2 || { echo "pytorch: skipped (no python3 venv)"; return 1; }
    # The CPU-only wheel: from a local wheel folder pip already knows (PIP_FIND_LINKS), else
    # PyTorch's CPU index; PyPI's default torch wheel pulls gigabytes of CUDA libraries.
    for spec in "torch==2.13.0+cpu" "torch==2.13.0+cpu --index-url https://download.pytorch.org/whl/cpu" \
                "torch --index-url https://download.pytorch.org/whl/cpu"; do
        # shellcheck disable=SC2086
        .venv-torch/bin/pip install -q $spec >&2 2>/dev/null && .venv-torch/bin/pip install -q numpy >&2 && return 0
    done
    echo "pytorch: skipped (could not install a CPU build of torch into .venv-torch)"
    return 1
}

json_field() { python3 -c "import json,sys; print(json.loads(sys.stdin.read().strip().splitlines()[-1])['$1'])"; }
max() { python3 -c "print(max($1, $2))"; }

have_keras=0; have_torch=0
ensure_keras && have_keras=1
ensure_torch && have_torch=1

best_stride=0; best_keras=0; best_torch=0; best_blas=0; best_mm=0; flops=0
keras_version="-"; torch_version="-"
for round in $(seq "$rounds"); do
    limit_json=$(./.build/release/stride-bench --limit)
    best_blas=$(max "$best_blas" "$(echo "$limit_json" | json_field sgemm_gflops_2_threads)")
    flops=$(echo "$limit_json" | json_field seed_training_flops)
    s=$(./.build/release/stride train --headless --model seed --epochs 1 --limit "$images" --threads 2 \
          --data "$data" --json 2>/dev/null | json_field samples_per_second)
    best_stride=$(max "$best_stride" "$s")
    line="round $round: stride $(printf %.0f "$s")"
    if [ $have_keras = 1 ]; then
        k_json=$(.venv-keras/bin/python bench/keras_seed.py "$data" "$images" 2>/dev/null | tail -n 1)
        k=$(echo "$k_json" | json_field samples_per_second); keras_version=$(echo "$k_json" | json_field keras)
        best_keras=$(max "$best_keras" "$k"); line="$line, keras $(printf %.0f "$k")"
    fi
    if [ $have_torch = 1 ]; then
        for layout in contiguous channels_last; do
            t_json=$(.venv-torch/bin/python bench/torch_seed.py "$data" "$images" "$layout" 2>/dev/null | tail -n 1)
            t=$(echo "$t_json" | json_field samples_per_second); torch_version=$(echo "$t_json" | json_field torch)
            best_torch=$(max "$best_torch" "$t")
            best_mm=$(max "$best_mm" "$(echo "$t_json" | json_field mm_gflops_2_threads)")
            line="$line, pytorch ($layout) $(printf %.0f "$t")"
        done
    fi
    echo "$line samples/s; sgemm 2 threads: OpenBLAS $(echo "$limit_json" | json_field sgemm_gflops_2_threads) GFLOP/s"
done

limit_gflops=$(max "$best_blas" "$best_mm")
python3 - "$best_stride" "$best_keras" "$best_torch" "$limit_gflops" "$flops" "$best_blas" "$best_mm" \
          "$keras_version" "$torch_version" "$images" "$rounds" <<'EOF'
import sys
stride, keras, torch, gflops, flops, blas, mm = map(float, sys.argv[1:8])
keras_v, torch_v, images, rounds = sys.argv[8:12]
limit = gflops * 1e9 / flops
peer = max(keras, torch)
print(f"== Side by side: seed model, batch 64, RMSprop, {int(images):,} MNIST images, best of {rounds} (alternating)")
print(f"stride                               {stride:8.0f} samples/s")
print(f"keras {keras_v:<8} (TensorFlow CPU)      {keras:8.0f} samples/s" if keras else "keras                                 skipped")
print(f"pytorch {torch_v:<12} (2 threads)    {torch:8.0f} samples/s" if torch else "pytorch                               skipped")
print(f"machine limit: {gflops:.1f} GFLOP/s (best 2-thread sgemm 2048³: OpenBLAS {blas:.1f}, torch.mm {mm:.1f}) "
      f"/ {flops / 1e6:.2f} MFLOP per sample = {limit:.0f} samples/s")
ratio = f"{stride / peer:.2f}× the faster peer" if peer else "no peer ran"
print(f"summary: stride {stride:.0f} · keras {keras:.0f} · pytorch {torch:.0f} · limit {limit:.0f} samples/s "
      f"→ stride at {100 * stride / limit:.0f} % of the limit, {ratio}")
EOF
