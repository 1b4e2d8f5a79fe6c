"""Validates an exported .ipynb with nbformat and runs it top to bottom with nbclient, as Jupyter
would. Arguments: the notebook's path, then --mnist-stand-in to replace keras.datasets.mnist's
download (tests never fetch data) with random digits of MNIST's shapes. Prints JSON: what each
code cell printed, or the error that stopped the run."""
import json
import os
import sys

import nbclient
import nbformat

path, stand_in = sys.argv[1], "--mnist-stand-in" in sys.argv
notebook = nbformat.read(path, as_version=4)
nbformat.validate(notebook)
if stand_in:
    stub = (
        "import numpy as _np\n"
        "def _stand_in():\n"
        "    rng = _np.random.default_rng(0)\n"
        "    digits = lambda n: (rng.integers(0, 256, (n, 28, 28), dtype=_np.uint8), rng.integers(0, 10, n, dtype=_np.uint8))\n"
        "    return digits(60000), digits(10000)\n"
        "keras.datasets.mnist.load_data = _stand_in\n"
    )
    # After the set-up cell, which imports keras.
    setup = next(i for i, c in enumerate(notebook.cells) if c.cell_type == "code")
    notebook.cells.insert(setup + 1, nbformat.v4.new_code_cell(stub, id="test-mnist-stand-in"))
# In the notebook's own folder, as Jupyter runs it: a CSV file named in it sits beside it.
folder = os.path.dirname(os.path.abspath(path))
client = nbclient.NotebookClient(notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": folder}})
try:
    client.execute()
    error = None
except nbclient.exceptions.CellExecutionError as e:
    error = str(e)[-3000:]
printed = []
for cell in notebook.cells:
    if cell.cell_type != "code":
        continue
    text = "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream")
    printed.append({"id": cell.get("id"), "text": text[-2000:]})
print(json.dumps({"valid": True, "error": error, "cells": printed}))
