"""`npm run bench`'s native side: the bench's MNIST workloads (test/bench/mnistWorkloads.json) trained
by real Keras on TensorFlow on this machine's CPU, on the digits Layerbook ships (public/data/mnist.lbd),
with the same model, optimizer, batch, epochs and validation split. Prints JSON: samples per second
over each whole fit, counted as Layerbook's progress line counts them. Argument: the number of rounds."""
import json
import struct
import sys
import time
import zlib

import numpy as np
import keras

rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
workloads = json.load(open("test/bench/mnistWorkloads.json"))
raw = zlib.decompress(open("public/data/mnist.lbd", "rb").read(), -15)
assert raw[:8] == b"LBMNIST1", "not Layerbook's MNIST file"
train_count, test_count, rows, cols = struct.unpack("<4I", raw[8:24])
count = train_count + test_count
pixels = np.frombuffer(raw, np.uint8, count * rows * cols, 24).reshape(count, rows, cols, 1)
labels = np.frombuffer(raw, np.uint8, count, 24 + count * rows * cols)


def model_for(kind):
    inputs = keras.Input(shape=(28, 28, 1))
    if kind == "mlp":
        x = keras.layers.Flatten()(inputs)
        x = keras.layers.Dense(128, activation="relu")(x)
        x = keras.layers.Dense(64, activation="relu")(x)
    else:
        x = keras.layers.Conv2D(8, (3, 3), activation="relu")(inputs)
        x = keras.layers.MaxPooling2D((2, 2))(x)
        x = keras.layers.Flatten()(x)
    model = keras.Model(inputs, keras.layers.Dense(10, activation="softmax")(x))
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


class Started(keras.callbacks.Callback):
    def on_train_begin(self, logs=None):
        self.at = time.perf_counter()


results = {"keras": keras.__version__, "backend": keras.backend.backend()}
for kind, w in workloads.items():
    train = min(w["samples"], train_count)
    x = pixels[:train].astype(np.float32) / 255
    y = labels[:train].astype(np.float32)
    runs = []
    for _ in range(rounds):
        model, started = model_for(kind), Started()
        model.fit(x, y, epochs=w["epochs"], batch_size=w["batchSize"], validation_split=w["validationSplit"], shuffle=True, callbacks=[started], verbose=0)
        seconds = time.perf_counter() - started.at
        runs.append(round(round(train * (1 - w["validationSplit"])) * w["epochs"] / seconds))
    results[kind] = {"workload": w, "samplesPerSec": sorted(runs)[len(runs) // 2], "runs": runs}
print(json.dumps(results))
