import { seededRandom } from './random';
import type { GeneratorOptions, TensorData } from './types';

// A small sentiment set made from templates, so it ships as code, not data.
// About one sentence in six says "not <opposite>", so a model that only counts
// good and bad words is wrong on those: a reason to try an LSTM.

const SUBJECTS = [
  'the movie',
  'this film',
  'the plot',
  'the acting',
  'the ending',
  'the music',
  'the story',
  'this book',
  'the service',
  'the food',
  'the game',
  'the show',
];
const POSITIVE = [
  'great',
  'wonderful',
  'brilliant',
  'delightful',
  'excellent',
  'moving',
  'fun',
  'beautiful',
  'clever',
  'charming',
  'good',
  'lovely',
];
const NEGATIVE = ['boring', 'awful', 'terrible', 'dull', 'weak', 'messy', 'painful', 'bad', 'slow', 'disappointing', 'poor', 'bland'];
const INTENSIFIERS = ['', 'really ', 'very ', 'truly ', 'quite ', 'so '];
const TEMPLATES = [
  '{s} was {i}{a}',
  'i found {s} {i}{a}',
  '{s} is {i}{a} and {a2}',
  'honestly {s} felt {i}{a}',
  'what a {a} experience , {s} was {i}{a2}',
];

/** Index 0 pads sequences; 1 stands for words the vocabulary does not know. */
export const UNKNOWN = 1;

export interface SentimentData extends TensorData {
  texts: string[];
  /** Word → index; 0 and 1 are padding and unknown. */
  vocabulary: Record<string, number>;
  maxLength: number;
}

/** Lower-cases and splits text into words. */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[a-z']+|[.,!?]/g) ?? [];
}

/** Word indices of `text`, cut or padded (at the end) to `maxLength`. */
export function encode(text: string, vocabulary: Record<string, number>, maxLength: number): Int32Array {
  const ids = new Int32Array(maxLength);
  tokenize(text)
    .slice(0, maxLength)
    .forEach((w, i) => (ids[i] = vocabulary[w] ?? UNKNOWN));
  return ids;
}

/** Sentences labelled 1 (positive) or 0 (negative), with their vocabulary and padded word indices. */
export function sentiment({ samples, seed }: Omit<GeneratorOptions, 'noise'> & { noise?: number }, maxLength = 16): SentimentData {
  const rand = seededRandom(seed);
  const pick = <T>(list: T[]) => list[rand.int(list.length)];
  const texts: string[] = [];
  const y = new Float32Array(samples);
  for (let i = 0; i < samples; i++) {
    const positive = i % 2 === 0;
    const negated = rand.next() < 0.17;
    // "not boring" is positive, "not great" negative: negations use the other list.
    const words = positive !== negated ? POSITIVE : NEGATIVE;
    const template = negated ? '{s} was not {a}' : pick(TEMPLATES);
    const text = template
      .replace('{s}', pick(SUBJECTS))
      .replace('{i}', pick(INTENSIFIERS))
      .replace('{a}', pick(words))
      .replace('{a2}', pick(words));
    texts.push(text);
    y[i] = positive ? 1 : 0;
  }
  const vocabulary: Record<string, number> = {};
  let next = 2;
  for (const t of texts) for (const w of tokenize(t)) if (!(w in vocabulary)) vocabulary[w] = next++;
  const x = new Float32Array(samples * maxLength);
  texts.forEach((t, i) => x.set(encode(t, vocabulary, maxLength), i * maxLength));
  return { x, xShape: [maxLength], y, classes: ['negative', 'positive'], count: samples, texts, vocabulary, maxLength };
}
