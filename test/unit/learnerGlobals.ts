import { afterEach } from 'vitest';

/** The global scope a learner's cells leave their names in, and a check reads them from. */
export const learnerGlobals = globalThis as Record<string, unknown>;

/**
 * For a test file whose tests set learner globals: `define` sets one, and `adopt` marks one that
 * something else set (Train names its model) as the test's, returning it. Either is removed after
 * the test, so no test sees another's names.
 */
export function useLearnerGlobals(): { define: (name: string, value: unknown) => void; adopt: (name: string) => unknown } {
  const made: string[] = [];
  afterEach(() => {
    for (const name of made.splice(0)) delete learnerGlobals[name];
  });
  return {
    define(name, value) {
      learnerGlobals[name] = value;
      made.push(name);
    },
    adopt(name) {
      made.push(name);
      return learnerGlobals[name];
    },
  };
}
