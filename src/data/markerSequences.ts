import { seededRandom } from './random';

// A sequence task whose answer sits at one place, so an attention map can be
// checked against where the model should look: somewhere in each sequence is
// a marker token, and the class is decided by the token right after it. Every
// other token is noise. A model that learns the task has to find the marker;
// one whose attention goes elsewhere cannot be reading the answer.

/** The marker token; 0 is left free for padding. */
const MARKER = 1;
/** Ordinary tokens are FIRST_TOKEN … FIRST_TOKEN + tokens − 1. */
const FIRST_TOKEN = 2;

export interface MarkerSequenceOptions {
  samples: number;
  seed: number;
  /** Tokens per sequence (10 by default). */
  length?: number;
  /** How many ordinary tokens there are (10 by default: ids 2–11). */
  tokens?: number;
  /** The class is the deciding token's id modulo this (2 by default: its parity). */
  classes?: number;
}

export interface MarkerSequences {
  /** Token ids, `length` per sequence, as floats for tf.tensor2d. */
  x: Float32Array;
  /** Class labels: (token after the marker) mod classes. */
  y: Float32Array;
  /** Where each sequence's marker is (0 … length − 2); the deciding token is at marker + 1. */
  markers: Int32Array;
  length: number;
  /** Embedding input size: the largest token id + 1. */
  vocabulary: number;
  classes: number;
  count: number;
}

/** `samples` sequences with one marker each, the same for the same seed. */
export function markerSequences({ samples, seed, length = 10, tokens = 10, classes = 2 }: MarkerSequenceOptions): MarkerSequences {
  const rand = seededRandom(seed);
  const x = new Float32Array(samples * length);
  const y = new Float32Array(samples);
  const markers = new Int32Array(samples);
  for (let i = 0; i < samples; i++) {
    const row = x.subarray(i * length, (i + 1) * length);
    for (let t = 0; t < length; t++) row[t] = FIRST_TOKEN + rand.int(tokens);
    const p = rand.int(length - 1);
    row[p] = MARKER;
    markers[i] = p;
    y[i] = row[p + 1] % classes;
  }
  return { x, y, markers, length, vocabulary: FIRST_TOKEN + tokens, classes, count: samples };
}
