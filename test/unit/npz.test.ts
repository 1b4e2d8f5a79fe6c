import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { weightsNpz } from '../../src/graph/keras/npz';

// The .npz the Jupyter export writes (NumPy reads it in test/python/weightsParity.test.ts).

describe('weights as .npz', () => {
  it('writes one .npy per weight, named <layer>/<index>, with a 64-byte aligned header and the raw little-endian values', () => {
    const data = new Float32Array([1, 2, 3, 4, 5, 6, 0.5, -0.5, 7]).buffer;
    const { npz, layers } = weightsNpz(
      [
        { name: 'dense/kernel', shape: [3, 2], dtype: 'float32' },
        { name: 'dense/bias', shape: [2], dtype: 'float32' },
        { name: 'bidirectional/forward_lstm/kernel', shape: [1, 1], dtype: 'float32' },
      ],
      data,
    );
    expect(layers).toEqual(['dense', 'bidirectional']);
    const files = unzipSync(npz);
    expect(Object.keys(files)).toEqual(['dense/0.npy', 'dense/1.npy', 'bidirectional/0.npy']);
    const kernel = files['dense/0.npy'];
    expect(Array.from(kernel.subarray(0, 8))).toEqual([0x93, 78, 85, 77, 80, 89, 1, 0]);
    const headerLength = kernel[8] | (kernel[9] << 8);
    expect((10 + headerLength) % 64).toBe(0);
    const header = new TextDecoder().decode(kernel.slice(10, 10 + headerLength));
    expect(header).toMatch(/^\{'descr': '<f4', 'fortran_order': False, 'shape': \(3, 2\), \} *\n$/);
    expect([...new Float32Array(kernel.slice(10 + headerLength).buffer)]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(new TextDecoder().decode(files['dense/1.npy'].slice(10, 80))).toContain("'shape': (2,)");
  });

  it('says which weight does not fit the data instead of writing a short file', () => {
    expect(() => weightsNpz([{ name: 'dense/kernel', shape: [4, 4], dtype: 'float32' }], new ArrayBuffer(8))).toThrow(
      "The model's weights end before dense/kernel.",
    );
    expect(() => weightsNpz([{ name: 'x/y', shape: [1], dtype: 'bool' }], new ArrayBuffer(8))).toThrow('bool');
  });
});
