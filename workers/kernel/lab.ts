import * as tf from '@tensorflow/tfjs';
import { encode } from '../../src/data/sentiment';
import { requireTrainConfig, type TrainConfig } from '../../src/doc/trainConfig';
import type { Evaluation, LabReply, LabRequest, ModelFiles, Prediction, PredictInput, SampleList } from '../../src/protocol/lab';
import { LOSSES, lossNeedsClasses } from '../../src/training/compileSpec';
import { classProbabilities, classReport, confusionMatrix, predictedClasses } from '../../src/training/evaluation';
import { datasetFor, putDataset } from './datasets';
import { explain, watchInsight } from './explain';
import type { KernelState } from './kernelState';
import { exampleWidth, testSplitOf, valuesView, viewOf, type Trained } from './testSplit';

// What Evaluate, Predict, the confusion matrix's samples, Save model and Load
// weights ask of a model trained with its graph cell's Train button. The test
// split of its last run is kept here (as plain arrays) to answer them.

/** A Train run starts fitting `name`: its old test split no longer belongs to the model under that name. */
export function beginTraining(kernel: KernelState, name: string): void {
  kernel.trained.delete(name);
  kernel.training.add(name);
}

export function endTraining(kernel: KernelState, name: string): void {
  kernel.training.delete(name);
}

/** The model under `name` was rebuilt (a graph edit): what was remembered of the old one no longer applies. */
export function forgetTraining(kernel: KernelState, name: string): void {
  kernel.trained.delete(name);
}

/** Labels shaped for the loss: indices for sparse, one-hot for categorical, a column otherwise. */
export function labelsFor(y: Float32Array, loss: TrainConfig['loss'], classes: number): tf.Tensor {
  if (loss === 'sparse_categorical_crossentropy') return tf.tensor1d(y);
  if (loss === 'categorical_crossentropy') return tf.tidy(() => tf.oneHot(tf.tensor1d(y, 'int32'), classes).toFloat());
  if (loss === 'hinge')
    return tf.tensor2d(
      y.map((v) => (v > 0.5 ? 1 : -1)),
      [y.length, 1],
    );
  return tf.tensor2d(y, [y.length, 1]);
}

export function lossFunction(config: TrainConfig): string | ((a: tf.Tensor, b: tf.Tensor) => tf.Tensor) {
  const spec = LOSSES[config.loss];
  if ('viaLosses' in spec) return (yTrue, yPred) => tf.losses.huberLoss(yTrue, yPred);
  return spec.tfjs;
}

/** Whether a run classifies: classes to predict, and a loss for classes (a model that reconstructs its input never does). */
export function isClassifier(config: TrainConfig, classes: number): boolean {
  return config.target === 'labels' && classes > 0 && lossNeedsClasses(config.loss);
}

/** Remembers a trained model's test split, for the requests below. */
export function rememberTraining(kernel: KernelState, name: string, split: Trained): void {
  kernel.trained.set(name, split);
}

function modelNamed(name: string): tf.LayersModel {
  const model = (globalThis as Record<string, unknown>)[name];
  if (!(model instanceof tf.LayersModel))
    throw new Error(`There is no model called ${name} in the kernel: build its graph, or run the cell that defines it.`);
  return model;
}

function trainedNamed(kernel: KernelState, name: string): Trained {
  if (kernel.training.has(name)) throw new Error(`${name} is training: try again when the run ends (or press Stop).`);
  const t = kernel.trained.get(name);
  if (!t)
    throw new Error(
      `${name} has not been trained with its Train button in this kernel yet: ` +
        'Train it first (Evaluate and Predict use the test split of the dataset it was trained on).',
    );
  return t;
}

/** The test split's report; the same numbers whether Train or Evaluate asks. */
export async function evaluate(kernel: KernelState, name: string, model = modelNamed(name)): Promise<Evaluation> {
  const t = trainedNamed(kernel, name);
  if (model.outputs.length !== 1)
    throw new Error(`${name} has ${model.outputs.length} outputs; Evaluate and Predict work on models with one output.`);
  const held: tf.Tensor[] = [];
  try {
    const x = tf.tensor(t.testX, [t.testCount, ...t.xShape]);
    held.push(x);
    // An autoencoder's target is its input.
    const reconstruct = t.config.target === 'input';
    const y = reconstruct ? x : labelsFor(t.testY, t.config.loss, t.classes.length);
    if (!reconstruct) held.push(y);
    const result = model.evaluate(x, y, { batchSize: 256 });
    const scalars = Array.isArray(result) ? result : [result];
    const loss = (await scalars[0].data())[0];
    tf.dispose(scalars);
    const out = tf.tidy(() => (model.predict(x, { batchSize: 256 }) as tf.Tensor).reshape([t.testCount, -1]));
    const outputs = (await out.data()) as Float32Array;
    out.dispose();
    t.outputs = outputs;
    if (!t.classify) {
      // Over every value of every output: one per example for a number, every pixel of a reconstruction.
      const truth = reconstruct ? t.testX : t.testY;
      let abs = 0;
      for (let i = 0; i < truth.length; i++) abs += Math.abs(outputs[i] - truth[i]);
      t.evaluation = { model: name, count: t.testCount, loss, mae: abs / truth.length };
      return t.evaluation;
    }
    t.guess = predictedClasses(outputs, t.testCount, t.config.loss === 'hinge' ? 0 : 0.5);
    const confusion = confusionMatrix(t.testY, t.guess, t.classes.length);
    const report = classReport(confusion, t.classes);
    t.evaluation = {
      model: name,
      count: t.testCount,
      loss,
      accuracy: report.accuracy,
      classes: t.classes,
      perClass: report.perClass,
      macro: report.macro,
      confusion,
    };
    return t.evaluation;
  } finally {
    tf.dispose(held);
  }
}

function inputTensor(t: Trained, input: PredictInput): { x: tf.Tensor; index?: number } {
  if (input.kind === 'sample') {
    // Any whole number picks a sample: past the end it wraps, so "random" needs no count.
    const index = ((Math.floor(input.index) % t.testCount) + t.testCount) % t.testCount;
    const w = exampleWidth(t);
    return { x: tf.tensor(t.testX.slice(index * w, (index + 1) * w), [1, ...t.xShape]), index };
  }
  if (input.kind === 'text') {
    if (!t.vocabulary || !t.maxLength) throw new Error('This model was not trained on text: draw or pick a sample instead.');
    return { x: tf.tensor(Float32Array.from(encode(input.text, t.vocabulary, t.maxLength)), [1, t.maxLength]) };
  }
  if (input.data.length !== exampleWidth(t))
    throw new Error(`The drawing has ${input.data.length} values, but the model takes ${t.xShape.join(' × ')}.`);
  return { x: tf.tensor(input.data, [1, ...t.xShape]) };
}

async function predict(kernel: KernelState, name: string, input: PredictInput): Promise<Prediction> {
  const model = modelNamed(name);
  const t = trainedNamed(kernel, name);
  if (model.outputs.length !== 1) throw new Error(`${name} has ${model.outputs.length} outputs; Predict works on models with one output.`);
  const { x, index } = inputTensor(t, input);
  let row: Float32Array | Int32Array | Uint8Array;
  let out: tf.Tensor | null = null;
  try {
    out = tf.tidy(() => (model.predict(x) as tf.Tensor).reshape([-1]));
    row = await out.data();
  } finally {
    tf.dispose([x, ...(out ? [out] : [])]);
  }
  const base = {
    testCount: t.testCount,
    index,
    truth: index !== undefined && t.classify ? t.classes[t.testY[index]] : undefined,
    sample: index !== undefined ? viewOf(t, index) : undefined,
  };
  // A reconstruction is shown as its input is (an image, values), not as one number.
  if (t.config.target === 'input') return { ...base, classes: [], probabilities: [], output: valuesView(t.xShape, Float32Array.from(row)) };
  if (!t.classify)
    return { ...base, classes: [], probabilities: [], value: row[0], truth: index !== undefined ? String(t.testY[index]) : undefined };
  return { ...base, classes: t.classes, probabilities: classProbabilities(row, t.config.loss === 'hinge') };
}

async function samples(kernel: KernelState, name: string, truth: number, predicted: number, limit: number): Promise<SampleList> {
  const t = trainedNamed(kernel, name);
  if (!t.classify) throw new Error(`${name} predicts a number, not classes: there is no confusion matrix to take samples from.`);
  if (!t.outputs || !t.guess) await evaluate(kernel, name);
  const { outputs, guess } = t;
  if (!outputs || !guess) throw new Error(`Evaluating ${name} left no test outputs to take samples from.`);
  const k = outputs.length / t.testCount;
  const hits: Array<{ index: number; confidence: number }> = [];
  for (let i = 0; i < t.testCount; i++) {
    if (t.testY[i] !== truth || guess[i] !== predicted) continue;
    const p = classProbabilities(outputs.subarray(i * k, (i + 1) * k), t.config.loss === 'hinge');
    hits.push({ index: i, confidence: p[predicted] });
  }
  // The most confident first: for mistakes, the ones most worth a look.
  hits.sort((a, b) => b.confidence - a.confidence);
  return {
    truth: t.classes[truth] ?? String(truth),
    predicted: t.classes[predicted] ?? String(predicted),
    total: hits.length,
    samples: hits.slice(0, Math.max(1, Math.min(200, limit))).map((h) => ({ ...h, view: viewOf(t, h.index) })),
  };
}

async function exportModel(name: string): Promise<ModelFiles> {
  const model = modelNamed(name);
  const saved: { files?: ModelFiles } = {};
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const data = artifacts.weightData;
      saved.files = {
        modelTopology: artifacts.modelTopology,
        weightSpecs: (artifacts.weightSpecs ?? []).map((s) => ({ name: s.name, shape: s.shape, dtype: s.dtype })),
        weightData: Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : (data ?? new ArrayBuffer(0)),
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
      };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!saved.files) throw new Error(`Saving ${name} gave no model files.`);
  return saved.files;
}

/**
 * Weights named "<layer>/<index>" (a Keras weights file: each layer's weights in Keras's order,
 * which is tfjs's too) renamed to the layer's own weight names; other names are kept.
 */
function byPosition(model: tf.LayersModel, map: tf.NamedTensorMap): tf.NamedTensorMap {
  const layers = new Map(model.layers.map((l) => [l.name, l]));
  return Object.fromEntries(
    Object.entries(map).map(([key, tensor]) => {
      const at = /^(.+)\/(\d+)$/.exec(key);
      const weight = at && layers.get(at[1])?.weights[Number(at[2])];
      return [weight ? weight.originalName : key, tensor];
    }),
  );
}

function loadWeights(kernel: KernelState, name: string, files: ModelFiles): string {
  const model = modelNamed(name);
  const specs = files.weightSpecs as tf.io.WeightsManifestEntry[];
  const total = specs.reduce((a, s) => a + s.shape.reduce((x, y) => x * y, 1) * 4, 0);
  if (files.weightData.byteLength < total)
    throw new Error(
      `The weights file has ${files.weightData.byteLength.toLocaleString('en-US')} bytes, ` +
        `but model.json describes ${total.toLocaleString('en-US')}: is it the .bin that came with this model.json?`,
    );
  const map = byPosition(model, tf.io.decodeWeights(files.weightData, specs));
  try {
    // Matched by layer and weight name, then by shape: say which one differs, in the learner's terms.
    const byName = new Map(model.weights.map((w) => [w.originalName, w]));
    for (const [key, tensor] of Object.entries(map)) {
      const w = byName.get(key);
      if (!w)
        throw new Error(
          `These weights are for another architecture: ${name} has no weight ${key}. Load weights saved from a graph with the same layers.`,
        );
      if (w.shape.join() !== tensor.shape.join())
        throw new Error(
          `These weights are for another architecture: ${key} is [${tensor.shape.join(',')}] in the file ` +
            `but [${w.shape.join(',')}] in ${name}.`,
        );
    }
    const missing = model.weights.filter((w) => !(w.originalName in map));
    if (missing.length)
      throw new Error(
        `The file lacks ${missing.length} of ${name}'s weights (${missing[0].originalName} …): it was saved from a different architecture.`,
      );
    model.loadWeights(map, true);
  } finally {
    tf.dispose(Object.values(map));
  }
  const t = kernel.trained.get(name);
  // New weights: what the last Evaluate saw no longer holds.
  if (t) t.outputs = t.guess = t.evaluation = undefined;
  return `Loaded ${specs.length} weight tensors into ${name}.`;
}

/** Answers one request from the page. */
export async function answer(kernel: KernelState, request: LabRequest): Promise<LabReply> {
  switch (request.op) {
    case 'dataset':
      return { op: 'dataset', count: putDataset(kernel, request.key, request.payload) };
    case 'evaluate': {
      const kept = request.reuse ? trainedNamed(kernel, request.model).evaluation : undefined;
      return { op: 'evaluate', evaluation: kept ?? (await evaluate(kernel, request.model)) };
    }
    case 'predict':
      return { op: 'predict', prediction: await predict(kernel, request.model, request.input) };
    case 'samples':
      return { op: 'samples', list: await samples(kernel, request.model, request.truth, request.predicted, request.limit) };
    case 'exportModel':
      return { op: 'exportModel', files: await exportModel(request.model) };
    case 'loadWeights':
      return { op: 'loadWeights', message: loadWeights(kernel, request.model, request.files) };
    case 'insight':
      return {
        op: 'insight',
        result: await explain(request.model, modelNamed(request.model), trainedNamed(kernel, request.model), request.spec),
      };
    case 'watch':
      watchInsight(kernel.watched, request.model, request.spec, request.spec ? modelNamed(request.model) : undefined);
      return { op: 'watch' };
    case 'attachData': {
      // Checked as a run checks them.
      const config = requireTrainConfig(request.settings);
      const data = datasetFor(kernel, config, request.userKey);
      const model = modelNamed(request.model);
      // Weights loaded into a model never trained here: evaluate() needs its loss.
      if (!(model as unknown as { loss?: unknown }).loss) model.compile({ optimizer: 'sgd', loss: lossFunction(config) });
      rememberTraining(kernel, request.model, testSplitOf(config, isClassifier(config, data.classes?.length ?? 0), data));
      return { op: 'attachData', testCount: data.testCount };
    }
  }
}
