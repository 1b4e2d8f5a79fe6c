import * as tf from '@tensorflow/tfjs';
import type { TrainConfig } from '../../src/doc/trainConfig';
import type { ModelGraph } from '../../src/doc/types';
import { buildModel } from './buildModel';
import { copyWeights } from './copyWeights';
import { declareGlobals } from './evaluate';
import type { KernelState } from './kernelState';
import { forgetTraining, lossFunction } from './lab';
import type { Trained } from './testSplit';

/**
 * The model the last Train (or Fine-tune) of `name` left, and its record, while it is still the
 * global of that name: not one an edit of its layers rebuilt since, nor Load weights'. What a
 * Fine-tune and a Trainable edit go on from.
 */
export function lastTrained(kernel: KernelState, name: string): { trained: Trained; model: tf.LayersModel } | undefined {
  const trained = kernel.trained.get(name);
  const model = (globalThis as Record<string, unknown>)[name];
  return trained && trained.model === model && model instanceof tf.LayersModel ? { trained, model } : undefined;
}

/**
 * Puts `model` in place of the trained one under `name` with the trained weights and test split,
 * compiled with the run's loss (Evaluate needs one), when it has the same weights: a Trainable box
 * ticked or a node moved, as Keras keeps a model's weights when `trainable` is set. False when
 * there is no lastTrained model under that name, or the weights do not fit.
 */
function keepTrainedWeights(kernel: KernelState, name: string, model: tf.LayersModel): boolean {
  const last = lastTrained(kernel, name);
  if (!last || !takeTrainedWeights(last.model, model, last.trained.config)) return false;
  last.trained.model = model;
  return true;
}

/**
 * A model rebuilt from the same layers takes a trained model's weights, and is compiled with the run's
 * loss so that Evaluate (and a cell's evaluate) can score it; false, and nothing changed, when the
 * weights do not fit.
 */
export function takeTrainedWeights(from: tf.LayersModel, to: tf.LayersModel, config: TrainConfig): boolean {
  if (copyWeights(from, to) !== null) return false;
  to.compile({ optimizer: 'sgd', loss: lossFunction(config) });
  return true;
}

/**
 * Builds a graph cell's model and makes it the global of that name (what a graph edit does): fresh
 * weights, or, with `keepWeights` (only Trainable or places changed), the trained ones. While the
 * model is training, a keepWeights edit waits for the run's end (trainGraph hands over then), so a
 * fine-tune does not start from a model built mid-run. Returns the model and whether it kept them;
 * the caller retires the previous model.
 */
export function defineGraphModel(
  kernel: KernelState,
  name: string,
  graph: ModelGraph,
  keepWeights: boolean,
): { model: tf.LayersModel; previous: unknown; kept: boolean } {
  const model = buildModel(graph, name);
  const previous = (globalThis as Record<string, unknown>)[name];
  const kept = keepWeights && keepTrainedWeights(kernel, name, model);
  if (kernel.training.has(name)) {
    if (keepWeights) kernel.keepAfterRun.add(name);
    else kernel.keepAfterRun.delete(name);
  } else if (!kept) forgetTraining(kernel, name);
  declareGlobals([name]);
  (globalThis as Record<string, unknown>)[name] = model;
  return { model, previous, kept };
}
