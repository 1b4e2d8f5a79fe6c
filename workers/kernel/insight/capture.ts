import * as tf from '@tensorflow/tfjs';

// Insight needs what one layer saw and produced during a forward pass, and a
// way to nudge its output to take a gradient with respect to it. tfjs runs
// every layer of every topology through `layer.call` (predict via apply, and
// model.apply straight to call; TransformerEncoder calls its attention's call
// itself), so shadowing `call` on the one instance reaches the layer wherever
// it sits, without rebuilding the model. The prototype is never touched, and
// the shadow is always removed, even when the pass throws.

type Tensors = tf.Tensor | tf.Tensor[];
type Call = (inputs: Tensors, kwargs: Record<string, unknown>) => Tensors;

/** Sees a layer's inputs and output each time it runs; what it returns (if anything) replaces the output. */
export type LayerHook = (inputs: Tensors, output: Tensors) => Tensors | void;

/** Runs `run` with `hook` around every call of `layer`, and puts the layer back as it was afterwards. */
export function withLayerHook<T>(layer: tf.layers.Layer, hook: LayerHook, run: () => T): T {
  const target = layer as unknown as { call: Call };
  const hadOwn = Object.prototype.hasOwnProperty.call(target, 'call');
  const original = target.call;
  target.call = function hooked(this: unknown, inputs, kwargs) {
    const output = original.call(layer, inputs, kwargs);
    return hook(inputs, output) ?? output;
  };
  try {
    return run();
  } finally {
    if (hadOwn) target.call = original;
    else delete (target as Partial<typeof target>).call;
  }
}

const first = (t: Tensors): tf.Tensor => (Array.isArray(t) ? t[0] : t);

/**
 * The layer's inputs on its first call during `run`, as kept copies the caller disposes.
 * A layer shared by several nodes runs more than once; the first is the one the model's input reaches first.
 */
export function captureInputs(layer: tf.layers.Layer, run: () => unknown): tf.Tensor[] {
  const box: { inputs?: tf.Tensor[] } = {};
  const hook: LayerHook = (inputs) => {
    box.inputs ??= (Array.isArray(inputs) ? inputs : [inputs]).map((t) => tf.keep(t.clone()));
  };
  try {
    disposeResult(withLayerHook(layer, hook, run));
  } catch (err) {
    box.inputs?.forEach((t) => t.dispose());
    throw err;
  }
  if (!box.inputs) throw notRun(layer);
  return box.inputs;
}

/** The layer's (first) output on its first call during `run`, as a kept copy the caller disposes. */
export function captureOutput(layer: tf.layers.Layer, run: () => unknown): tf.Tensor {
  const box: { output?: tf.Tensor } = {};
  const hook: LayerHook = (_inputs, output) => {
    box.output ??= tf.keep(first(output).clone());
  };
  try {
    disposeResult(withLayerHook(layer, hook, run));
  } catch (err) {
    box.output?.dispose();
    throw err;
  }
  if (!box.output) throw notRun(layer);
  return box.output;
}

/**
 * Runs `run` with `delta` added to the layer's output on its first call. With delta = 0 nothing
 * changes, but the gradient of the result with respect to delta is the gradient with respect to
 * the layer's output: that is how Grad-CAM differentiates through a layer in the middle of a model.
 */
export function perturbOutput<T>(layer: tf.layers.Layer, delta: tf.Tensor, run: () => T): T {
  let done = false;
  return withLayerHook(
    layer,
    (_inputs, output) => {
      if (done || Array.isArray(output)) return;
      done = true;
      return output.add(delta);
    },
    run,
  );
}

const notRun = (layer: tf.layers.Layer) =>
  new Error(`Layer "${layer.name}" did not run during the forward pass, so there is nothing to show for it.`);

/** Disposes what a forward pass returned when the caller only wanted its side effects. */
function disposeResult(result: unknown): void {
  if (result instanceof tf.Tensor) result.dispose();
  else if (Array.isArray(result)) result.forEach((t) => t instanceof tf.Tensor && t.dispose());
}

/** Layers that hold other layers: nested models (`layers`) and TransformerEncoder (`attention`). */
function children(layer: tf.layers.Layer): tf.layers.Layer[] {
  const holder = layer as unknown as { layers?: tf.layers.Layer[]; attention?: tf.layers.Layer };
  if (Array.isArray(holder.layers)) return holder.layers;
  if (layer.getClassName() === 'TransformerEncoder' && holder.attention) return [holder.attention];
  return [];
}

/** Every layer of the model, nested ones right after the layer that holds them, in model order. */
export function allLayers(model: tf.LayersModel | tf.layers.Layer): tf.layers.Layer[] {
  const top = (model as unknown as { layers: tf.layers.Layer[] }).layers;
  const out: tf.layers.Layer[] = [];
  const visit = (layer: tf.layers.Layer) => {
    out.push(layer);
    children(layer).forEach(visit);
  };
  top.forEach(visit);
  return out;
}

/** The layer called `name`, nested ones included; the error lists the names there are. */
export function findLayer(model: tf.LayersModel, name: string): tf.layers.Layer {
  const layers = allLayers(model);
  const found = layers.find((l) => l.name === name);
  if (found) return found;
  const names = layers.filter((l) => l.getClassName() !== 'InputLayer').map((l) => `"${l.name}"`);
  throw new Error(`${model.name} has no layer called "${name}". Its layers are: ${names.join(', ') || '(none)'}.`);
}
