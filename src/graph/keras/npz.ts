import { zipSync } from 'fflate';

// A model's weights as NumPy's .npz (a zip of .npy arrays), which the exported notebook loads
// with np.load: one array per weight, named "<layer>/<index>" in the layer's own weight order.

/** One weight as tfjs saves it: its name ("<layer>/<weight>"), shape and dtype. */
export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
}

const NPY_DTYPE: Record<string, { descr: string; bytes: number }> = {
  float32: { descr: '<f4', bytes: 4 },
  int32: { descr: '<i4', bytes: 4 },
};

/** NumPy's .npy format 1.0: magic, header length, a Python dict padded to 64 bytes, then the data. */
function npy(descr: string, shape: number[], data: Uint8Array): Uint8Array {
  const dims = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${dims}, }`;
  const unpadded = 10 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + data.length);
  out.set([0x93, ...new TextEncoder().encode('NUMPY'), 1, 0, header.length & 0xff, header.length >> 8]);
  out.set(new TextEncoder().encode(header), 10);
  out.set(data, 10 + header.length);
  return out;
}

/** Layer names in the order their weights come, each weight's array keyed "<layer>/<index>". */
export function weightsNpz(specs: WeightSpec[], weightData: ArrayBuffer): { npz: Uint8Array; layers: string[] } {
  const files: Record<string, Uint8Array> = {};
  const seen = new Map<string, number>();
  let offset = 0;
  for (const spec of specs) {
    const type = NPY_DTYPE[spec.dtype];
    if (!type) throw new Error(`The weight ${spec.name} is ${spec.dtype}, which the export cannot write.`);
    const bytes = spec.shape.reduce((a, b) => a * b, 1) * type.bytes;
    if (offset + bytes > weightData.byteLength) throw new Error(`The model's weights end before ${spec.name}.`);
    // A nested layer's weights (a Bidirectional's LSTMs) belong to the outer layer, in order.
    const layer = spec.name.split('/')[0];
    const index = seen.get(layer) ?? 0;
    seen.set(layer, index + 1);
    files[`${layer}/${index}.npy`] = npy(type.descr, spec.shape, new Uint8Array(weightData, offset, bytes));
    offset += bytes;
  }
  return { npz: zipSync(files, { level: 0 }), layers: [...seen.keys()] };
}
