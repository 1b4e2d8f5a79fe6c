import { expect } from 'vitest';

/** Asserts two arrays of numbers have the same length and agree within `tol` everywhere. */
export function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, tol = 1e-4): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) expect(Math.abs(got[i] - want[i])).toBeLessThan(tol);
}
