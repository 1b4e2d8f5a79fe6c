import { seededRandom } from '../../src/data/random';

/**
 * Runs `run` with Math.random drawn from `seed`, and puts the browser's back after. tfjs takes its
 * randomness from Math.random wherever no seed is given (each initializer's starting weights,
 * fit's shuffling, Dropout's masks), so a Train run with the same seed and settings trains the same
 * model on the same backend, as Keras does after keras.utils.set_random_seed(seed). Train runs one
 * at a time in the kernel's queue, so no other run draws from the stream meanwhile.
 */
export async function withSeededRandom<T>(seed: number, run: () => Promise<T>): Promise<T> {
  const original = Math.random;
  const random = seededRandom(seed);
  Math.random = () => random.next();
  try {
    return await run();
  } finally {
    Math.random = original;
  }
}
