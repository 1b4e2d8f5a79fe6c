import * as tf from '@tensorflow/tfjs';
import { BACKENDS, type BackendName } from '../../src/protocol/messages';

// Training needs each layer's gradient kernels on the active backend; tfjs
// 4.22's own wasm backend, for one, has no Conv2DBackpropFilter (Layerbook adds
// it, wasmGradients.ts). Checking before fit turns a failure in the middle of
// epoch 1 into a plain message up front, should a backend still lack one.

const TRAINING_KERNELS: Record<string, string[]> = {
  Conv1D: ['Conv2D', 'Conv2DBackpropFilter', 'Conv2DBackpropInput'],
  Conv2D: ['Conv2D', 'Conv2DBackpropFilter', 'Conv2DBackpropInput'],
  Conv2DTranspose: ['Conv2DBackpropInput', 'Conv2D', 'Conv2DBackpropFilter'],
  SeparableConv2D: [
    'DepthwiseConv2dNative',
    'DepthwiseConv2dNativeBackpropFilter',
    'DepthwiseConv2dNativeBackpropInput',
    'Conv2D',
    'Conv2DBackpropFilter',
  ],
  DepthwiseConv2D: ['DepthwiseConv2dNative', 'DepthwiseConv2dNativeBackpropFilter', 'DepthwiseConv2dNativeBackpropInput'],
  MaxPooling1D: ['MaxPool', 'MaxPoolGrad'],
  MaxPooling2D: ['MaxPool', 'MaxPoolGrad'],
  AveragePooling1D: ['AvgPool', 'AvgPoolGrad'],
  AveragePooling2D: ['AvgPool', 'AvgPoolGrad'],
  Conv3D: ['Conv3D', 'Conv3DBackpropFilterV2', 'Conv3DBackpropInputV2'],
  MaxPooling3D: ['MaxPool3D', 'MaxPool3DGrad'],
  // A gather's gradient sums rows by index.
  Embedding: ['GatherV2', 'UnsortedSegmentSum'],
};

/** A layer whose training kernels the backend lacks. */
export interface MissingKernel {
  layer: string;
  className: string;
  kernel: string;
}

/** Every layer class in a model, looking inside wrappers (Bidirectional) and nested models. */
function layersOf(layer: tf.layers.Layer): tf.layers.Layer[] {
  const inner = layer as unknown as { layers?: tf.layers.Layer[]; layer?: tf.layers.Layer; forwardLayer?: tf.layers.Layer };
  const children = [...(inner.layers ?? []), ...(inner.layer ? [inner.layer] : []), ...(inner.forwardLayer ? [inner.forwardLayer] : [])];
  return [layer, ...children.flatMap(layersOf)];
}

/** The kernels training this model needs that `backend` does not register. */
export function missingTrainingKernels(model: tf.LayersModel, backend: string): MissingKernel[] {
  const missing: MissingKernel[] = [];
  for (const layer of model.layers.flatMap(layersOf)) {
    const className = layer.getClassName();
    for (const kernel of TRAINING_KERNELS[className] ?? []) {
      if (!tf.getKernel(kernel, backend)) missing.push({ layer: layer.name, className, kernel });
    }
  }
  return missing;
}

/** A backend, other than `current`, that has every kernel this model needs. */
export function backendWithKernels(
  model: tf.LayersModel,
  current: string,
  candidates: readonly BackendName[] = BACKENDS,
): BackendName | undefined {
  return candidates.find((b) => b !== current && tf.findBackendFactory(b) && missingTrainingKernels(model, b).length === 0);
}

/** Thrown before training when the backend cannot compute this model's gradients. */
export class MissingKernelError extends Error {
  constructor(
    readonly missing: MissingKernel[],
    readonly backend: string,
    readonly suggestBackend: BackendName | undefined,
  ) {
    const first = missing[0];
    super(
      `This model can't train on the ${backend} backend: layer "${first.layer}" (${first.className}) needs the ${first.kernel} kernel, ` +
        `which ${backend} does not have in TensorFlow.js 4.22.`,
    );
    this.name = 'MissingKernelError';
  }
}
