import * as tf from '@tensorflow/tfjs';

// tfjs 4.22's wasm backend cannot train a convolution or an embedding: it has no
// Conv2DBackpropFilter, no depthwise backprop kernels, and no UnsortedSegmentSum (the gradient
// of a gather), so any CNN, SeparableConv2D or Embedding fails in its first batch. These four
// fill the gap, on the wasm heap:
// - Conv2DBackpropFilter is a convolution itself (see below), so wasm's XNNPACK Conv2D runs it;
//   wasm's Conv3DBackpropFilterV2 at depth 1 would too, but it is wrong for strides over 1;
// - the depthwise pair are loops in JavaScript: their work is a convolution's divided by its
//   input channels, small beside the rest of a batch;
// - UnsortedSegmentSum is a loop in JavaScript too: one add per element of its input.
// The kernel and the bench's bare worker both register them, so both train the same way.

type Info = tf.TensorInfo;

/** What these kernels use of tfjs's BackendWasm (public methods of its class). */
interface WasmBackend {
  makeOutput(shape: number[], dtype: tf.DataType): Info;
  typedArrayFromHeap(t: Info): Float32Array | Int32Array;
}

interface ConvAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  dilations?: [number, number] | number;
  dataFormat?: 'NHWC' | 'NCHW';
}

/** Runs one of wasm's own kernels on tensor infos, as its kernels call each other. */
function run(name: string, backend: unknown, inputs: tf.NamedTensorInfoMap, attrs: object): Info {
  const kernel = tf.getKernel(name, 'wasm');
  if (!kernel) throw new Error(`The wasm backend has no ${name} kernel.`);
  return kernel.kernelFunc({ inputs, backend: backend as tf.KernelBackend, attrs: attrs as tf.NamedAttrMap }) as Info;
}

function channelsLastOnly(dataFormat: string | undefined, kernel: string): void {
  if (dataFormat === 'NCHW') throw new Error(`${kernel} on wasm supports channels-last (NHWC) tensors only.`);
}

/**
 * dW[i,j,c,o] = sum over b,y,x of x[b, y·s + i − top, x·s + j − left, c] · dy[b,y,x,o]: a
 * convolution of x, batch and channels swapped, by dy as the filter, dilated by the stride.
 * So wasm's XNNPACK Conv2D does the work: x as [C, H, W, B], dy as [outH, outW, B, outC],
 * giving [C, fh, fw, outC], turned to [fh, fw, C, outC].
 */
function conv2DBackpropFilter({ inputs, backend, attrs }: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: unknown }): Info {
  const { x, dy } = inputs as { x: Info; dy: Info };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as ConvAttrs & { filterShape: [number, number, number, number] };
  channelsLastOnly(dataFormat, 'Conv2DBackpropFilter');
  const c = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], filterShape, strides, 1, pad, dimRoundingMode);
  const temps: Info[] = [];
  const keep = (t: Info) => (temps.push(t), t);
  const xT = keep(run('Transpose', backend, { x }, { perm: [3, 1, 2, 0] }));
  const dyT = keep(run('Transpose', backend, { x: dy }, { perm: [1, 2, 0, 3] }));
  // Pad so the output is at least fh × fw; rows past the last one dy reaches add nothing.
  const span = (out: number, stride: number, f: number) => (out - 1) * stride + f;
  const bottom = Math.max(0, span(c.outHeight, c.strideHeight, c.filterHeight) - c.inHeight - c.padInfo.top);
  const right = Math.max(0, span(c.outWidth, c.strideWidth, c.filterWidth) - c.inWidth - c.padInfo.left);
  const full = keep(
    run(
      'Conv2D',
      backend,
      { x: xT, filter: dyT },
      {
        strides: 1,
        pad: [
          [0, 0],
          [c.padInfo.top, bottom],
          [c.padInfo.left, right],
          [0, 0],
        ],
        dataFormat: 'NHWC',
        dilations: [c.strideHeight, c.strideWidth],
      },
    ),
  );
  const cut = keep(
    run('Slice', backend, { x: full }, { begin: [0, 0, 0, 0], size: [c.inChannels, c.filterHeight, c.filterWidth, c.outChannels] }),
  );
  const dw = run('Transpose', backend, { x: cut }, { perm: [1, 2, 0, 3] });
  for (const t of temps) (backend as tf.KernelBackend).disposeData(t.dataId);
  return dw;
}

/** Geometry of a depthwise convolution, from tfjs's own shape rules. */
function depthwiseInfo(xShape: number[], filterShape: number[], attrs: ConvAttrs) {
  return tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    attrs.strides,
    attrs.dilations ?? 1,
    attrs.pad,
    attrs.dimRoundingMode,
    true,
  );
}

/**
 * Calls `visit(xIndex, dyIndex, filterIndex)` for every (input, output, filter) product of a
 * depthwise convolution that lies inside the input: the one loop both backprop kernels share.
 */
function eachDepthwiseProduct(c: tf.backend_util.Conv2DInfo, visit: (xi: number, yi: number, fi: number) => void): void {
  const m = c.outChannels / c.inChannels;
  for (let b = 0; b < c.batchSize; b++) {
    for (let oy = 0; oy < c.outHeight; oy++) {
      for (let ox = 0; ox < c.outWidth; ox++) {
        const yBase = ((b * c.outHeight + oy) * c.outWidth + ox) * c.outChannels;
        for (let fy = 0; fy < c.filterHeight; fy++) {
          const iy = oy * c.strideHeight - c.padInfo.top + fy * c.dilationHeight;
          if (iy < 0 || iy >= c.inHeight) continue;
          for (let fx = 0; fx < c.filterWidth; fx++) {
            const ix = ox * c.strideWidth - c.padInfo.left + fx * c.dilationWidth;
            if (ix < 0 || ix >= c.inWidth) continue;
            const xBase = ((b * c.inHeight + iy) * c.inWidth + ix) * c.inChannels;
            const fBase = (fy * c.filterWidth + fx) * c.outChannels;
            for (let ch = 0; ch < c.inChannels; ch++) {
              for (let k = 0; k < m; k++) visit(xBase + ch, yBase + ch * m + k, fBase + ch * m + k);
            }
          }
        }
      }
    }
  }
}

function depthwiseBackpropFilter({ inputs, backend, attrs }: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: unknown }): Info {
  const { x, dy } = inputs as { x: Info; dy: Info };
  const a = attrs as ConvAttrs & { filterShape: number[] };
  const wasm = backend as WasmBackend;
  const c = depthwiseInfo(x.shape, a.filterShape, a);
  const out = wasm.makeOutput(c.filterShape, 'float32');
  // Views after makeOutput: growing the heap would detach earlier ones.
  const [xs, dys, dw] = [x, dy, out].map((t) => wasm.typedArrayFromHeap(t));
  dw.fill(0);
  eachDepthwiseProduct(c, (xi, yi, fi) => void (dw[fi] += xs[xi] * dys[yi]));
  return out;
}

function depthwiseBackpropInput({ inputs, backend, attrs }: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: unknown }): Info {
  const { dy, filter } = inputs as { dy: Info; filter: Info };
  const a = attrs as ConvAttrs & { inputShape: number[] };
  const wasm = backend as WasmBackend;
  const c = depthwiseInfo(a.inputShape, filter.shape, a);
  const out = wasm.makeOutput(c.inShape, 'float32');
  const [dys, fs, dx] = [dy, filter, out].map((t) => wasm.typedArrayFromHeap(t));
  dx.fill(0);
  eachDepthwiseProduct(c, (xi, yi, fi) => void (dx[xi] += dys[yi] * fs[fi]));
  return out;
}

/** out[s, …] = the sum of x[i, …] over every i whose segment id is s (ids outside 0…n−1 are dropped). */
function unsortedSegmentSum({ inputs, backend, attrs }: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: unknown }): Info {
  const { x, segmentIds } = inputs as { x: Info; segmentIds: Info };
  const { numSegments } = attrs as { numSegments: number };
  const wasm = backend as WasmBackend;
  const ids = tf.util.sizeFromShape(segmentIds.shape);
  const inner = ids ? tf.util.sizeFromShape(x.shape) / ids : 0;
  const out = wasm.makeOutput([numSegments, ...x.shape.slice(segmentIds.shape.length)], x.dtype);
  const [xs, segments, sums] = [x, segmentIds, out].map((t) => wasm.typedArrayFromHeap(t));
  sums.fill(0);
  for (let i = 0; i < ids; i++) {
    const s = segments[i];
    if (s < 0 || s >= numSegments) continue;
    for (let j = 0; j < inner; j++) sums[s * inner + j] += xs[i * inner + j];
  }
  return out;
}

const KERNELS: tf.KernelConfig[] = [
  { kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', kernelFunc: conv2DBackpropFilter },
  { kernelName: 'DepthwiseConv2dNativeBackpropFilter', backendName: 'wasm', kernelFunc: depthwiseBackpropFilter },
  { kernelName: 'DepthwiseConv2dNativeBackpropInput', backendName: 'wasm', kernelFunc: depthwiseBackpropInput },
  { kernelName: 'UnsortedSegmentSum', backendName: 'wasm', kernelFunc: unsortedSegmentSum },
];

/** Registers the gradient kernels wasm lacks; a later tfjs that has them keeps its own. */
export function registerWasmGradients(): void {
  for (const k of KERNELS) {
    if (!tf.getKernel(k.kernelName, 'wasm')) tf.registerKernel(k);
  }
}
