import { expect } from 'vitest';

/**
 * Asserts two arrays of numbers have the same length and agree within `tol` everywhere:
 * |got − want| by default, or |got − want| / (1 + |want|) with `relative`, for values (summed
 * gradients, say) whose float32 rounding grows with their size.
 */
export function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, tol = 1e-4, relative = false): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    const error = Math.abs(got[i] - want[i]) / (relative ? 1 + Math.abs(want[i]) : 1);
    expect(error, `element ${i}: ${got[i]} against ${want[i]}`).toBeLessThan(tol);
  }
}
