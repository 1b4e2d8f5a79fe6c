import { activation, bool, choice, int } from '../params';
import { expectRank, lastDim } from '../shape';
import type { LayerConfig, LayerSpec, Shape } from '../types';

const n = (v: unknown) => v as number;

/** Gates per cell: a SimpleRNN has one set of weights, a GRU three, an LSTM four. */
const GATES: Record<string, number> = { SimpleRNN: 1, GRU: 3, LSTM: 4 };
const FACTORY: Record<string, string> = { SimpleRNN: 'simpleRNN', GRU: 'gru', LSTM: 'lstm' };

function rnnOutput(x: Shape, cfg: LayerConfig, what: string): Shape {
  expectRank(x, 3, `a sequence (steps, features) for ${what}`);
  return cfg.return_sequences ? [x[0], x[1], n(cfg.units)] : [x[0], n(cfg.units)];
}

function rnnWeights(kind: string, x: Shape, cfg: LayerConfig): number {
  const d = lastDim(x, kind);
  const u = n(cfg.units);
  // tfjs's GRU has no reset_after (Keras's default is True): one bias per gate, as in Keras with reset_after=False.
  return GATES[kind] * u * (d + u + 1);
}

const rnnParams = (def: string) => [
  int('units', 32, 'The size of the memory carried from step to step, and of the output.'),
  activation(def),
  bool('return_sequences', false, 'Output every step (to stack another recurrent layer) or only the last one.'),
];

const GRU_NOTE =
  'Keras 3’s GRU defaults to reset_after=True, which TensorFlow.js does not have: it came in as GRU(reset_after=False), ' +
  'which has one bias fewer per gate and unit. Add reset_after=False in Python to match it there.';

/**
 * The tfjs config of a recurrent layer. Its gates use Keras's sigmoid: tfjs defaults to
 * hard_sigmoid, and a model then computes something else than the same model in Keras (measured:
 * up to 5e-3 apart on the same weights, test/python/weightsParity.test.ts).
 */
const recurrentConfig = (className: string, cfg: Record<string, unknown>) => ({
  units: cfg.units,
  activation: cfg.activation,
  returnSequences: cfg.return_sequences,
  ...(className === 'SimpleRNN' ? {} : { recurrentActivation: 'sigmoid' }),
});

function rnn(className: 'SimpleRNN' | 'LSTM' | 'GRU', help: string): LayerSpec {
  return {
    className,
    group: 'Recurrent',
    help,
    params: rnnParams('tanh'),
    arity: 'one',
    outputShape: ([x], cfg) => rnnOutput(x, cfg, className),
    weights: ([x], cfg) => ({ trainable: rnnWeights(className, x, cfg), nonTrainable: 0 }),
    tfjs: (cfg) => ({ factory: FACTORY[className], config: recurrentConfig(className, cfg) }),
    keras: (cfg) => ({
      name: className,
      args: {
        units: cfg.units,
        activation: cfg.activation,
        return_sequences: cfg.return_sequences,
        ...(className === 'GRU' ? { reset_after: false } : {}),
      },
    }),
    kerasArgs: {
      positional:
        className === 'SimpleRNN' ? ['units', 'activation', 'use_bias'] : ['units', 'activation', 'recurrent_activation', 'use_bias'],
      required: ['units'],
      fixed: { use_bias: true, recurrent_activation: 'sigmoid', ...(className === 'GRU' ? { reset_after: false } : {}) },
      note: className === 'GRU' ? { unless: 'reset_after', text: GRU_NOTE } : undefined,
    },
  };
}

export const SimpleRNN = rnn('SimpleRNN', 'Reads a sequence step by step, keeping a memory: the simplest recurrent layer.');
export const LSTM = rnn('LSTM', 'A recurrent layer with gates that decide what to remember and forget, for long sequences.');
export const GRU = rnn('GRU', 'A lighter LSTM: fewer gates, often as good.');

export const Bidirectional: LayerSpec = {
  className: 'Bidirectional',
  group: 'Recurrent',
  help: 'Runs a recurrent layer forwards and backwards over the sequence and joins both readings.',
  params: [
    choice('layer', 'LSTM', ['LSTM', 'GRU', 'SimpleRNN'], 'The recurrent layer run in both directions.'),
    ...rnnParams('tanh'),
    choice(
      'merge_mode',
      'concat',
      ['concat', 'sum', 'mul', 'ave'],
      'How the two directions are joined: concat doubles the size; the others keep it.',
    ),
  ],
  arity: 'one',
  outputShape: ([x], cfg) => {
    const out = rnnOutput(x, cfg, 'Bidirectional');
    if (cfg.merge_mode === 'concat') out[out.length - 1] = 2 * n(cfg.units);
    return out;
  },
  weights: ([x], cfg) => ({ trainable: 2 * rnnWeights(cfg.layer as string, x, cfg), nonTrainable: 0 }),
  tfjs: (cfg) => ({
    factory: 'bidirectional',
    config: {
      mergeMode: cfg.merge_mode,
      layer: {
        factory: FACTORY[cfg.layer as string],
        config: recurrentConfig(cfg.layer as string, cfg),
      },
    },
  }),
  keras: (cfg) => ({
    name: 'Bidirectional',
    args: {
      layer: {
        python:
          `layers.${String(cfg.layer)}(units=${String(cfg.units)}, activation="${String(cfg.activation)}", ` +
          `return_sequences=${cfg.return_sequences ? 'True' : 'False'}${cfg.layer === 'GRU' ? ', reset_after=False' : ''})`,
      },
      merge_mode: cfg.merge_mode,
    },
  }),
  // The wrapped layer comes as a layer object (Bidirectional(LSTM(32))); the importer unpacks it.
  kerasArgs: { positional: ['layer', 'merge_mode'], required: ['layer'] },
};

export const Embedding: LayerSpec = {
  className: 'Embedding',
  group: 'Core',
  help: 'Turns word (token) ids into learned vectors: the first layer of a text model.',
  params: [
    int('input_dim', 1000, 'The vocabulary size: token ids run from 0 to this minus 1.'),
    int('output_dim', 16, 'The length of each word vector.'),
  ],
  arity: 'one',
  outputShape: ([x], cfg) => {
    expectRank(x, 2, 'a sequence of token ids (steps)');
    return [x[0], x[1], n(cfg.output_dim)];
  },
  weights: (_x, cfg) => ({ trainable: n(cfg.input_dim) * n(cfg.output_dim), nonTrainable: 0 }),
  tfjs: (cfg) => ({ factory: 'embedding', config: { inputDim: cfg.input_dim, outputDim: cfg.output_dim } }),
  keras: (cfg) => ({ name: 'Embedding', args: { input_dim: cfg.input_dim, output_dim: cfg.output_dim } }),
  kerasArgs: { positional: ['input_dim', 'output_dim'], required: ['input_dim', 'output_dim'] },
};
