import * as tf from '@tensorflow/tfjs';
import type { ModelGraph } from '../../src/doc/types';
import { emitTfjs } from '../../src/graph/emitTfjs';
import { compileCell } from '../../workers/kernel/cellCode';
import { customLayers } from '../../workers/kernel/layers';

/** The model the graph's tfjs code export builds, run the way the kernel runs a code cell: with tf and lb in scope. */
export async function modelFromTfjsExport(graph: ModelGraph, name: string): Promise<tf.LayersModel> {
  const compiled = compileCell(emitTfjs(graph, name), 'export');
  const fn = new Function('tf', 'lb', `return ${compiled.code.replace(/\n\/\/# sourceURL=.*$/, '')}`)(tf, { layers: customLayers }) as (
    c: unknown,
    d: unknown,
  ) => Promise<tf.LayersModel>;
  return fn(console, () => undefined);
}
