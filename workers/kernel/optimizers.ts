import * as tf from '@tensorflow/tfjs';
import { optimizerCall, type OptimizerConfig } from '../../src/training/compileSpec';
import { AdamW } from './adamw';

/** The optimizer a graph cell's settings name: tfjs's own, or the kernel's AdamW, which tfjs lacks. */
export function makeOptimizer(config: OptimizerConfig): tf.Optimizer {
  const { factory, args } = optimizerCall(config);
  if (factory === 'adamw') return new AdamW(args[0], args[1]);
  return (tf.train as unknown as Record<string, (...a: number[]) => tf.Optimizer>)[factory](...args);
}
