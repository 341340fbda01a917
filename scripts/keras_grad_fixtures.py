"""Writes Tests/CNNTests/Fixtures/keras/grads.json: single-channel cases of Keras 3's
Conv2DTranspose outputs and Conv2D gradients (TensorFlow's GradientTape), which
`KerasGradientFixtureTests` compares with `transposedConv2d` and `conv2dGradients`.

    python3 -m venv .venv-keras && .venv-keras/bin/pip install "tensorflow-cpu==2.21.0"
    .venv-keras/bin/python scripts/keras_grad_fixtures.py Tests/CNNTests/Fixtures/keras/grads.json

Values are small integers (exact in float32), so Stride must match to rounding only.
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import numpy as np  # noqa: E402
import keras  # noqa: E402
import tensorflow as tf  # noqa: E402


def ints(rng, shape):
    return rng.integers(-3, 4, size=shape).astype("float32")


def tconv_case(rng, n, k, stride, padding):
    x = ints(rng, n)
    w = ints(rng, k)
    layer = keras.layers.Conv2DTranspose(1, kernel_size=k, strides=stride, padding=padding, use_bias=False)
    layer.build((1, n[0], n[1], 1))
    layer.set_weights([w.reshape(k[0], k[1], 1, 1)])
    y = layer(x.reshape(1, n[0], n[1], 1)).numpy()[0, :, :, 0]
    return {"input": x.tolist(), "kernel": w.tolist(), "stride": stride, "padding": padding, "output": y.tolist()}


def grad_case(rng, n, k, stride, padding, dilation=1):
    x = ints(rng, n)
    w = ints(rng, k)
    layer = keras.layers.Conv2D(1, kernel_size=k, strides=stride, padding=padding, dilation_rate=dilation)
    layer.build((1, n[0], n[1], 1))
    layer.set_weights([w.reshape(k[0], k[1], 1, 1), np.zeros(1, "float32")])
    xt = tf.Variable(x.reshape(1, n[0], n[1], 1))
    out_shape = layer.compute_output_shape((1, n[0], n[1], 1))
    g = ints(rng, (out_shape[1], out_shape[2]))
    with tf.GradientTape() as tape:
        y = layer(xt)
        loss = tf.reduce_sum(y * g.reshape(1, out_shape[1], out_shape[2], 1))
    dx, dw, db = tape.gradient(loss, [xt, layer.kernel, layer.bias])
    return {"input": x.tolist(), "kernel": w.tolist(), "upstream": g.tolist(), "stride": stride, "padding": padding,
            "dilation": dilation, "dx": dx.numpy()[0, :, :, 0].tolist(), "dw": dw.numpy()[:, :, 0, 0].tolist(),
            "db": float(db.numpy()[0])}


def main(path):
    rng = np.random.default_rng(21)
    tconv = [tconv_case(rng, n, k, s, p) for (n, k, s, p) in [
        ((2, 2), (3, 3), 2, "valid"), ((2, 2), (3, 3), 2, "same"), ((3, 3), (3, 3), 1, "same"),
        ((3, 2), (2, 3), 2, "valid"), ((3, 2), (2, 3), 2, "same"), ((2, 3), (2, 2), 3, "valid"),
        ((2, 3), (2, 2), 3, "same"), ((3, 3), (4, 4), 3, "same"), ((2, 2), (5, 5), 2, "same"),
        ((1, 1), (2, 2), 1, "valid"), ((4, 4), (3, 3), 2, "same"),
    ]]
    grads = [grad_case(rng, n, k, s, p, d) for (n, k, s, p, d) in [
        ((4, 4), (3, 3), 1, "valid", 1), ((5, 5), (3, 3), 2, "valid", 1), ((5, 4), (2, 3), 2, "same", 1),
        ((6, 6), (3, 3), 3, "same", 1), ((4, 5), (3, 2), 1, "same", 1), ((6, 6), (2, 2), 1, "valid", 2),
        ((7, 7), (3, 3), 2, "same", 1),
    ]]
    doc = {"keras": keras.__version__, "tensorflow": tf.__version__, "conv2d_transpose": tconv, "conv2d_gradients": grads}
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    os.replace(tmp, path)


if __name__ == "__main__":
    main(sys.argv[1])
