"""Runs the exported notebook's dataset helpers (src/data/python/) and compares what they make with
the browser's arrays, which the test wrote as raw float32 files. Reads a JSON list of cases on stdin:
{name, helpers: [source, ...], call, x, y (paths), x_shape}; prints each case's largest differences."""
import json
import math
import sys

import numpy as np
import keras

results = []
for case in json.load(sys.stdin):
    scope = {"np": np, "math": math, "keras": keras}
    for source in case["helpers"]:
        exec(source, scope)
    if case.get("mnist_indices"):
        # keras.datasets.mnist downloads; the test's digits carry their own index in their first pixels instead.
        def fake_load_data():
            def digits(count):
                x = np.zeros((count, 28, 28), np.uint8)
                x[:, 0, 0], x[:, 0, 1] = np.arange(count) % 256, np.arange(count) // 256
                return x, (np.arange(count) % 10).astype(np.uint8)
            return digits(60000), digits(10000)
        keras.datasets.mnist.load_data = fake_load_data
    x, y = eval(case["call"], scope)
    if case.get("mnist_indices"):
        pixels = np.rint(x[:, 0, :2, 0] * 255).astype(int)
        results.append({
            "name": case["name"],
            "indices": (pixels[:, 0] + 256 * pixels[:, 1]).tolist(),
            "labels": y.tolist(),
            "shape": list(x.shape),
        })
        continue
    want_x = np.fromfile(case["x"], np.float32).reshape([-1, *case["x_shape"]])
    want_y = np.fromfile(case["y"], np.float32)
    same_shape = list(x.shape) == list(want_x.shape) and list(y.shape) == list(want_y.shape)
    results.append({
        "name": case["name"],
        "shape": list(x.shape),
        "dtype": str(x.dtype),
        "x_diff": float(np.max(np.abs(x - want_x))) if same_shape else None,
        "y_diff": float(np.max(np.abs(y - want_y))) if same_shape else None,
    })
print(json.dumps(results))
