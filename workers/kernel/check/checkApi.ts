import * as tf from '@tensorflow/tfjs';
import type { KernelState } from '../kernelState';
import { compare, kindOf, show } from './compare';
import { checkModel, checkTrained, checkTraining, type ModelSpec, type TrainingGoal, type TrainingSpec } from './modelChecks';
import { NotYet } from './notYet';

// `check`, as an exercise's check code sees it. Each helper throws NotYet, with a message for the
// learner, when their work is not right yet; anything else a helper throws is the check's own bug.
// Its members are declared for the editor in src/features/code-cell/cellGlobals.ts (CHECK_MEMBERS).

/** One call of the learner's function and the result it must give. */
interface FunctionCase {
  args: unknown[];
  expected: unknown;
}

export interface CheckApi {
  /** The learner's global `name`; NotYet when it is not defined (yet). */
  defined(name: string): unknown;
  /** NotYet unless `actual` equals `expected`: numbers within `tol` (1e-6), tensors by shape then values, arrays and objects deeply. */
  equal(actual: unknown, expected: unknown, opts?: { tol?: number; name?: string }): void;
  /** The learner's global `name` must equal `expected`, as check.equal compares. */
  value(name: string, expected: unknown, opts?: { tol?: number }): void;
  /** The learner's function `name` must return each case's `expected` for its `args` (awaited: async functions too). */
  function(name: string, cases: FunctionCase[], opts?: { tol?: number }): Promise<void>;
  /** The learner's global `name` must be a tf.LayersModel built as `spec` asks; returns it for checks of one's own. */
  model(name: string, spec?: ModelSpec): tf.LayersModel;
  /** Model `name`'s last run must have reached the goal: read from that run, never trained again. */
  trained(name: string, goal: TrainingGoal): void;
  /** Model `name`'s last run must have been trained as `spec` asks: optimizer, schedule, callbacks, epochs, rate. */
  training(name: string, spec: TrainingSpec): void;
  /** NotYet with `message` unless `condition` holds: for what the other helpers do not check. */
  ok(condition: unknown, message: string): void;
}

/** What a thrown value was, in one line: "RangeError: n must be positive". */
const thrownText = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : show(e));

/**
 * The check helpers for one run of a check, reading the kernel's globals and training records.
 * count() is the helper calls made, passed or failed: a check that made none checked nothing.
 */
export function makeCheckApi(kernel: KernelState): { api: CheckApi; count(): number } {
  let made = 0;

  const defined = (name: string): unknown => {
    if (typeof name !== 'string') throw new TypeError(`a check helper needs the name of a variable as a string, not ${kindOf(name)}`);
    const value = (globalThis as Record<string, unknown>)[name];
    if (value === undefined) {
      throw new NotYet(`${name} is not defined yet: write it in your cell and run the cell (and the cells above it).`);
    }
    return value;
  };

  const equal = (actual: unknown, expected: unknown, opts: { tol?: number; name?: string } = {}): void => {
    const wrong = compare(actual, expected, opts);
    if (wrong) throw new NotYet(wrong);
  };

  const modelNamed = (name: string): tf.LayersModel => {
    const value = defined(name);
    if (!(value instanceof tf.LayersModel)) {
      throw new NotYet(`\`${name}\` is ${kindOf(value)}, not a model: build it with tf.sequential() or tf.model(), or in a graph cell`);
    }
    return value;
  };

  const callsGive = async (name: string, cases: FunctionCase[], tol?: number): Promise<void> => {
    const fn = defined(name);
    if (typeof fn !== 'function') throw new NotYet(`\`${name}\` is ${kindOf(fn)}, not a function`);
    for (const { args, expected } of cases) {
      // Shown before the call, in case the function changes its arguments.
      const call = `${name}(${args.map((a) => show(a)).join(', ')})`;
      let result: unknown;
      try {
        result = await (fn as (...a: unknown[]) => unknown)(...args);
      } catch (e) {
        throw new NotYet(`${call} threw ${thrownText(e)}`);
      }
      // A tensor it returned is left alone: it may be one the learner keeps.
      const wrong = compare(result, expected, { tol, name: call, verb: 'returned' });
      if (wrong) throw new NotYet(wrong);
    }
  };

  const api: CheckApi = {
    defined: (name) => {
      made++;
      return defined(name);
    },
    equal: (actual, expected, opts) => {
      made++;
      equal(actual, expected, opts);
    },
    value: (name, expected, opts) => {
      made++;
      equal(defined(name), expected, { ...opts, name });
    },
    function: (name, cases, opts) => {
      made++;
      return callsGive(name, cases, opts?.tol);
    },
    model: (name, spec = {}) => {
      made++;
      const model = modelNamed(name);
      checkModel(name, model, spec);
      return model;
    },
    trained: (name, goal) => {
      made++;
      checkTrained(kernel, name, modelNamed(name), goal);
    },
    training: (name, spec) => {
      made++;
      checkTraining(kernel, name, modelNamed(name), spec);
    },
    ok: (condition, message) => {
      made++;
      if (!condition) throw new NotYet(String(message));
    },
  };
  return { api, count: () => made };
}
