"""Builds each case's exported Keras model, loads the weights Layerbook wrote (.npz), predicts on the
inputs the browser predicted on, and reports the largest difference from the browser's outputs.
Reads a JSON list on stdin: {name, code, npz, inputs: [{path, shape, dtype}], outputs: [{path, shape}]}."""
import json
import math
import sys
import traceback

import numpy as np
import keras

results = []
for case in json.load(sys.stdin):
    try:
        scope = {"np": np, "math": math, "keras": keras}
        exec(case["code"], scope)
        model = scope["model"]
        scope["load_layerbook_weights"](model, case["npz"])
        inputs = [np.fromfile(i["path"], i["dtype"]).reshape(i["shape"]) for i in case["inputs"]]
        predicted = model.predict(inputs if len(inputs) > 1 else inputs[0], verbose=0)
        predicted = predicted if isinstance(predicted, list) else [predicted]
        diffs = []
        for got, want in zip(predicted, case["outputs"]):
            expected = np.fromfile(want["path"], np.float32).reshape(want["shape"])
            diffs.append(float(np.max(np.abs(np.asarray(got) - expected))))
        results.append({"name": case["name"], "ok": True, "max_diff": max(diffs), "scale": float(max(np.max(np.abs(np.asarray(p))) for p in predicted))})
    except Exception as e:
        results.append({"name": case["name"], "ok": False, "error": f"{type(e).__name__}: {e}", "trace": traceback.format_exc()[-2000:]})
print(json.dumps(results))
