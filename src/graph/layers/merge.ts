import { int } from '../params';
import { formatShape, sameShape } from '../shape';
import { ShapeError, type LayerSpec, type Shape } from '../types';

const noWeights = () => ({ trainable: 0, nonTrainable: 0 });

function elementwise(className: 'Add' | 'Multiply', factory: string, verb: string, help: string): LayerSpec {
  return {
    className,
    group: 'Merge',
    help,
    params: [],
    arity: 'many',
    outputShape: (inputs) => {
      const [first, ...rest] = inputs;
      const other = rest.find((s) => !sameShape(first, s));
      if (other) throw new ShapeError(`can only ${verb} inputs of the same shape, but got ${formatShape(first)} and ${formatShape(other)}`);
      return first;
    },
    weights: noWeights,
    tfjs: () => ({ factory, config: {} }),
    keras: () => ({ name: className, args: {} }),
    kerasArgs: { positional: [] },
  };
}

export const Add = elementwise('Add', 'add', 'add', 'Adds its inputs element by element: the join of a residual (skip) connection.');
export const Multiply = elementwise(
  'Multiply',
  'multiply',
  'multiply',
  'Multiplies its inputs element by element, e.g. to gate one by another.',
);

export const Concatenate: LayerSpec = {
  className: 'Concatenate',
  group: 'Merge',
  help: 'Joins its inputs side by side along one axis (by default the features).',
  params: [int('axis', -1, 'The axis joined along; -1 is the last (the features).', -8, 8)],
  arity: 'many',
  outputShape: (inputs, cfg) => {
    const rank = inputs[0].length;
    const axis = (cfg.axis as number) < 0 ? rank + (cfg.axis as number) : (cfg.axis as number);
    if (axis <= 0 || axis >= rank)
      throw new ShapeError(`axis ${String(cfg.axis)} is not an axis of ${formatShape(inputs[0])} (the batch cannot be joined along)`);
    const out: Shape = [...inputs[0]];
    for (const s of inputs.slice(1)) {
      const fits = s.length === rank && s.every((d, i) => i === axis || d === out[i] || d === null || out[i] === null);
      if (!fits)
        throw new ShapeError(
          `can only join inputs that match except along axis ${String(cfg.axis)}, but got ${formatShape(inputs[0])} and ${formatShape(s)}`,
        );
      out[axis] = out[axis] === null || s[axis] === null ? null : out[axis] + s[axis];
    }
    return out;
  },
  weights: noWeights,
  tfjs: (cfg) => ({ factory: 'concatenate', config: { axis: cfg.axis } }),
  keras: (cfg) => ({ name: 'Concatenate', args: { axis: cfg.axis } }),
  kerasArgs: { positional: ['axis'] },
};
