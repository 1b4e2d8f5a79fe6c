import * as tf from '@tensorflow/tfjs';
import { lastDim } from '../../../src/graph/shape';

// Keras's MultiHeadAttention, which tfjs 4.22 lacks: the same weights (query,
// key and value projections of shape [dim, heads, key_dim], an output
// projection [heads, value_dim, dim]) and the same parameter count, so a
// model exported to Keras has the same summary.

export interface MultiHeadAttentionArgs {
  numHeads: number;
  keyDim: number;
  valueDim?: number;
  dropout?: number;
  useBias?: boolean;
  name?: string;
  trainable?: boolean;
}

type Shape = Array<number | null>;

export class MultiHeadAttention extends tf.layers.Layer {
  static className = 'MultiHeadAttention';
  readonly numHeads: number;
  readonly keyDim: number;
  readonly valueDim: number;
  readonly rate: number;
  readonly useBias: boolean;
  private wq!: tf.LayerVariable;
  private wk!: tf.LayerVariable;
  private wv!: tf.LayerVariable;
  private wo!: tf.LayerVariable;
  private bq?: tf.LayerVariable;
  private bk?: tf.LayerVariable;
  private bv?: tf.LayerVariable;
  private bo?: tf.LayerVariable;

  constructor(args: MultiHeadAttentionArgs) {
    super({ name: args.name, trainable: args.trainable });
    this.numHeads = args.numHeads;
    this.keyDim = args.keyDim;
    this.valueDim = args.valueDim ?? args.keyDim;
    this.rate = args.dropout ?? 0;
    this.useBias = args.useBias ?? true;
  }

  /** Inputs: [query] (self-attention), [query, value] or [query, value, key]. */
  private shapes(inputShape: Shape | Shape[]): { q: Shape; v: Shape; k: Shape } {
    const list = (Array.isArray(inputShape[0]) ? inputShape : [inputShape]) as Shape[];
    const [q, v = q, k = v] = list;
    return { q, v, k };
  }

  build(inputShape: Shape | Shape[]): void {
    const { q, v, k } = this.shapes(inputShape);
    const dq = lastDim(q, `${this.name}'s query`);
    const dk = lastDim(k, `${this.name}'s key`);
    const dv = lastDim(v, `${this.name}'s value`);
    const h = this.numHeads;
    const init = tf.initializers.glorotUniform({});
    const zeros = tf.initializers.zeros();
    // Keras's order (each projection's kernel, then its bias), so the exported weights load into
    // Keras's MultiHeadAttention in turn; the kernels draw their starting values in the same order as before.
    const bias = (name: string, shape: number[]) => (this.useBias ? this.addWeight(name, shape, 'float32', zeros) : undefined);
    this.wq = this.addWeight('query_kernel', [dq, h, this.keyDim], 'float32', init);
    this.bq = bias('query_bias', [h, this.keyDim]);
    this.wk = this.addWeight('key_kernel', [dk, h, this.keyDim], 'float32', init);
    this.bk = bias('key_bias', [h, this.keyDim]);
    this.wv = this.addWeight('value_kernel', [dv, h, this.valueDim], 'float32', init);
    this.bv = bias('value_bias', [h, this.valueDim]);
    this.wo = this.addWeight('output_kernel', [h, this.valueDim, dq], 'float32', init);
    this.bo = bias('output_bias', [dq]);
    this.built = true;
  }

  computeOutputShape(inputShape: Shape | Shape[]): Shape {
    return this.shapes(inputShape).q;
  }

  /** [batch, steps, dim] → [batch, heads, steps, size]. */
  private project(x: tf.Tensor, w: tf.LayerVariable, b: tf.LayerVariable | undefined, size: number): tf.Tensor {
    const [batch, steps, dim] = x.shape;
    let y = tf.matMul(x.reshape([batch * steps, dim]), w.read().reshape([dim, this.numHeads * size]));
    if (b) y = y.add(b.read().reshape([this.numHeads * size]));
    return y.reshape([batch, steps, this.numHeads, size]).transpose([0, 2, 1, 3]);
  }

  /** The output and the attention weights softmax(QKᵀ/√d) of every head: [batch, heads, query steps, key steps]. */
  attend(inputs: tf.Tensor | tf.Tensor[], training = false): { output: tf.Tensor; scores: tf.Tensor } {
    return tf.tidy(() => {
      const list = Array.isArray(inputs) ? inputs : [inputs];
      const [query, value = query, key = value] = list;
      const q = this.project(query, this.wq, this.bq, this.keyDim);
      const k = this.project(key, this.wk, this.bk, this.keyDim);
      const v = this.project(value, this.wv, this.bv, this.valueDim);
      const scores = tf.softmax(tf.matMul(q, k, false, true).div(Math.sqrt(this.keyDim)));
      const attended = training && this.rate > 0 ? tf.dropout(scores, this.rate) : scores;
      const [batch, , steps] = q.shape;
      const merged = tf
        .matMul(attended, v)
        .transpose([0, 2, 1, 3])
        .reshape([batch * steps, this.numHeads * this.valueDim]);
      const dq = query.shape[query.shape.length - 1];
      let output = tf.matMul(merged, this.wo.read().reshape([this.numHeads * this.valueDim, dq]));
      if (this.bo) output = output.add(this.bo.read());
      return { output: output.reshape([batch, steps, dq]), scores };
    });
  }

  call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }): tf.Tensor {
    const { output, scores } = this.attend(inputs, kwargs?.training ?? false);
    scores.dispose();
    return output;
  }

  getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      numHeads: this.numHeads,
      keyDim: this.keyDim,
      valueDim: this.valueDim,
      dropout: this.rate,
      useBias: this.useBias,
    };
  }
}

tf.serialization.registerClass(MultiHeadAttention);
