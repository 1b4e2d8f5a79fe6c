import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readHdf5 } from '../../src/graph/keras/hdf5';

// Layerbook's HDF5 reader against h5py, on the weights of a .keras file real Keras saved.

describe('reading Keras weights (HDF5)', () => {
  it('reads every weight of a .keras file as h5py does: the same paths, shapes and values', () => {
    const h5 = unzipSync(new Uint8Array(readFileSync('test/fixtures/keras/mnist_cnn.keras')))['model.weights.h5'];
    const ours = [...readHdf5(h5)].map(([path, d]) => ({ path, shape: d.shape, values: Array.from(d.values) }));
    const script = [
      'import io, json, sys, zipfile, h5py, numpy as np',
      'z = zipfile.ZipFile("test/fixtures/keras/mnist_cnn.keras")',
      'f = h5py.File(io.BytesIO(z.read("model.weights.h5")))',
      'ours = {d["path"]: d for d in json.load(sys.stdin)}',
      'found = []',
      'f.visititems(lambda n, o: found.append(n) if isinstance(o, h5py.Dataset) else None)',
      'mine = lambda n: np.asarray(ours[n]["values"], np.float32).reshape(ours[n]["shape"])',
      'diff = {n: float(np.max(np.abs(mine(n) - f[n][()]))) if n in ours else None for n in found}',
      'print(json.dumps({"paths": sorted(found), "diff": diff}))',
    ].join('\n');
    const r = spawnSync('.venv/bin/python', ['-c', script], { input: JSON.stringify(ours), encoding: 'utf8', maxBuffer: 64 << 20 });
    if (r.status !== 0) throw new Error(r.stderr);
    const h5py = JSON.parse(r.stdout) as { paths: string[]; diff: Record<string, number | null> };
    expect(ours.map((d) => d.path).sort()).toEqual(h5py.paths);
    expect(h5py.paths).toHaveLength(6);
    for (const [path, diff] of Object.entries(h5py.diff)) expect(diff, path).toBe(0);
  });
});
