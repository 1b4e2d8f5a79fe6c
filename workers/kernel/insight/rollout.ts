// Attention rollout (Abnar & Zuidema 2020, "Quantifying Attention Flow in
// Transformers"): how much each output position draws on each input position
// through all attention layers, not just one. Pure arithmetic on the maps
// attentionMaps returns, so it runs and is tested without tfjs.

/** The mean over heads of [heads × queries × keys] weights: [queries × keys]. */
export function headAverage(scores: Float32Array, heads: number, queries: number, keys: number): Float32Array {
  const size = queries * keys;
  const out = new Float32Array(size);
  for (let h = 0; h < heads; h++) {
    for (let i = 0; i < size; i++) out[i] += scores[h * size + i];
  }
  for (let i = 0; i < size; i++) out[i] /= heads;
  return out;
}

/**
 * Rollout of head-averaged n × n maps A_1 … A_L (first layer first).
 *
 * The residual connection around each attention layer carries the position
 * itself on, so each layer is taken as Ā_l = r·I + (1 − r)·A_l with r =
 * `residual`, each row renormalised to sum to 1, and the rollout is the
 * product R = Ā_L · … · Ā_2 · Ā_1. Row i of R: how output position i draws on
 * the input positions.
 */
export function rollout(layers: Float32Array[], n: number, residual = 0.5): Float32Array {
  let result: Float32Array | null = null;
  for (const a of layers) {
    const mixed = new Float32Array(n * n);
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let j = 0; j < n; j++) {
        const v = (1 - residual) * a[i * n + j] + (i === j ? residual : 0);
        mixed[i * n + j] = v;
        sum += v;
      }
      if (sum > 0) for (let j = 0; j < n; j++) mixed[i * n + j] /= sum;
    }
    result = result ? matMul(mixed, result, n) : mixed;
  }
  if (!result) throw new Error('Attention rollout needs at least one attention layer.');
  return result;
}

/** a · b for n × n row-major matrices. */
function matMul(a: Float32Array, b: Float32Array, n: number): Float32Array {
  const out = new Float32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k];
      if (aik === 0) continue;
      for (let j = 0; j < n; j++) out[i * n + j] += aik * b[k * n + j];
    }
  }
  return out;
}
