import type { ClassMetrics } from '../protocol/lab';

// The metrics table Evaluate shows, computed exactly over the whole test split
// (as scikit-learn's classification_report does), not averaged over batches.

/** counts[true][predicted] for integer labels. */
export function confusionMatrix(truth: ArrayLike<number>, predicted: ArrayLike<number>, classes: number): number[][] {
  const m = Array.from({ length: classes }, () => Array.from({ length: classes }, () => 0));
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i];
    const p = predicted[i];
    if (t >= 0 && t < classes && p >= 0 && p < classes) m[t][p]++;
  }
  return m;
}

/** Precision, recall, F1 and support per class, and their unweighted (macro) means. */
export function classReport(
  matrix: number[][],
  names: string[],
): { perClass: ClassMetrics[]; macro: Omit<ClassMetrics, 'name'>; accuracy: number } {
  const k = matrix.length;
  const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
  let correct = 0;
  let total = 0;
  const perClass = names.slice(0, k).map((name, c) => {
    const tp = matrix[c][c];
    const support = matrix[c].reduce((a, b) => a + b, 0);
    const predictedAs = matrix.reduce((a, row) => a + row[c], 0);
    correct += tp;
    total += support;
    const precision = ratio(tp, predictedAs);
    const recall = ratio(tp, support);
    return { name, precision, recall, f1: ratio(2 * precision * recall, precision + recall), support };
  });
  const mean = (f: (m: ClassMetrics) => number) => perClass.reduce((a, m) => a + f(m), 0) / Math.max(1, perClass.length);
  return {
    perClass,
    macro: { precision: mean((m) => m.precision), recall: mean((m) => m.recall), f1: mean((m) => m.f1), support: total },
    accuracy: ratio(correct, total),
  };
}

/** Row-wise argmax of a [n, k] matrix, or `p > threshold` for one output column. */
export function predictedClasses(probabilities: Float32Array | number[], n: number, threshold = 0.5): Int32Array {
  const k = probabilities.length / Math.max(1, n);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (k === 1) {
      out[i] = probabilities[i] > threshold ? 1 : 0;
      continue;
    }
    let best = 0;
    for (let j = 1; j < k; j++) if (probabilities[i * k + j] > probabilities[i * k + best]) best = j;
    out[i] = best;
  }
  return out;
}

/** Class probabilities of one example: a single sigmoid output p becomes [1 − p, p] (a hinge score s, [s ≤ 0, s > 0]). */
export function classProbabilities(row: ArrayLike<number>, hinge = false): number[] {
  if (row.length === 1) {
    const p = hinge ? (row[0] > 0 ? 1 : 0) : row[0];
    return [1 - p, p];
  }
  return Array.from(row);
}
