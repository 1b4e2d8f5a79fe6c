"""What real Keras builds from Python text: parameter counts and each layer's output shape.

Reads a JSON list of cases on stdin, each {"name", "code", "model"}: Python that builds a model
bound to the variable "model". Runs each in a fresh namespace (one process, so TensorFlow is
imported once) and writes a JSON list on stdout, one entry per case: either the facts or the
error Keras raised, with its traceback's last lines. Used by test/python/*.test.ts.
"""

import contextlib
import io
import json
import os
import sys
import traceback

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
import numpy as np  # noqa: E402


def shape_of(tensor):
    """A Keras tensor's shape as a list, None for the batch and any free dimension."""
    return [None if d is None else int(d) for d in tensor.shape]


def layer_facts(layer):
    outputs = layer.output if isinstance(layer.output, (list, tuple)) else [layer.output]
    return {
        "name": layer.name,
        "class_name": layer.__class__.__name__,
        "params": int(layer.count_params()) if layer.built else 0,
        "trainable": int(sum(int(keras.ops.size(w)) for w in layer.trainable_weights)),
        "non_trainable": int(sum(int(keras.ops.size(w)) for w in layer.non_trainable_weights)),
        "output_shapes": [shape_of(t) for t in outputs],
    }


def model_facts(model):
    return {
        "count_params": int(model.count_params()),
        "trainable": int(sum(int(keras.ops.size(w)) for w in model.trainable_weights)),
        "non_trainable": int(sum(int(keras.ops.size(w)) for w in model.non_trainable_weights)),
        "inputs": [shape_of(t) for t in model.inputs],
        "outputs": [shape_of(t) for t in model.outputs],
        "layers": [layer_facts(layer) for layer in model.layers],
        # What a .keras file's config.json holds: Layerbook opens it (test/python/kerasImport.test.ts).
        "json": model.to_json(),
    }


def probe(model, seed):
    """Two examples per input (small whole numbers, so an Embedding takes them too) and what the model predicts."""
    rng = np.random.default_rng(seed)
    inputs = [rng.integers(0, 4, size=[2, *t.shape[1:]]).astype(np.float32) for t in model.inputs]
    outputs = model.predict(inputs if len(inputs) > 1 else inputs[0], verbose=0)
    outputs = outputs if isinstance(outputs, (list, tuple)) else [outputs]
    return {"inputs": [x.ravel().tolist() for x in inputs], "outputs": [np.asarray(y).ravel().tolist() for y in outputs]}


def run_case(case, index):
    namespace = {"__name__": "__layerbook_case__"}
    printed = io.StringIO()
    try:
        with contextlib.redirect_stdout(printed):
            exec(compile(case["code"], case["name"], "exec"), namespace)
        model = namespace[case.get("model", "model")]
        facts = model_facts(model)
        # With LAYERBOOK_SAVE_DIR set, each model is also saved as a .keras file for Layerbook to open.
        save_dir = os.environ.get("LAYERBOOK_SAVE_DIR")
        if save_dir:
            facts["saved"] = os.path.join(save_dir, f"model_{index}.keras")
            model.save(facts["saved"])
            facts["probe"] = probe(model, index)
        return {"name": case["name"], "ok": True, "facts": facts}
    except Exception as error:  # the test reports it with the case's name
        last = traceback.format_exception(error)[-3:]
        return {"name": case["name"], "ok": False, "error": f"{type(error).__name__}: {error}", "trace": "".join(last)}
    finally:
        keras.backend.clear_session()


def main():
    cases = json.load(sys.stdin)
    json.dump({"keras": keras.__version__, "backend": keras.backend.backend(), "results": [run_case(c, i) for i, c in enumerate(cases)]}, sys.stdout)


if __name__ == "__main__":
    main()
