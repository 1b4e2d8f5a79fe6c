/** A dimension: a size, or null where Keras prints None (the batch, or a free length). */
export type Dim = number | null;
/** A tensor shape with the batch dimension first, as Keras reports it. */
export type Shape = Dim[];

export const LAYER_GROUPS = [
  'Input',
  'Core',
  'Convolution',
  'Pooling',
  'Normalization',
  'Regularization',
  'Recurrent',
  'Attention',
  'Merge',
  'Reshape',
  'Augmentation',
] as const;
export type LayerGroup = (typeof LAYER_GROUPS)[number];

/** A value a Keras config may hold, as JSON. */
export type ConfigValue = number | string | boolean | null | ConfigValue[];
export type LayerConfig = Record<string, ConfigValue>;

interface ParamBase {
  /** The Keras config key, snake_case: the inspector's label and the export's keyword. */
  name: string;
  /** One line for a learner: what it does. */
  help: string;
}

export type ParamSpec = ParamBase &
  (
    | { kind: 'int'; default: number; min?: number; max?: number }
    | { kind: 'float'; default: number; min?: number; max?: number }
    | { kind: 'bool'; default: boolean }
    | { kind: 'enum'; default: string; options: readonly string[] }
    | { kind: 'ints'; default: number[]; length?: number; min?: number }
    | { kind: 'dims'; default: Array<number | null> }
  );

/** A layer kind as the tfjs builder takes it: the tf.layers factory and its camelCase config. */
export interface TfjsLayerCall {
  factory: string;
  config: Record<string, unknown>;
  /** A Layerbook layer (tfjs 4.22 lacks it): cells reach it as lb.layers.<factory>. */
  custom?: boolean;
}

/** A layer kind, declared once: read by the palette, inspector, inference, kernel and exporters. */
export interface LayerSpec {
  className: string;
  group: LayerGroup;
  help: string;
  params: ParamSpec[];
  /** How many inputs: none (Input), exactly one, two and more (merges), or one to three (attention: query, value, key). */
  arity: 'none' | 'one' | 'many' | 'attention';
  /** The output shape for these input shapes; throws ShapeError with a learner's message. */
  outputShape(inputs: Shape[], cfg: LayerConfig): Shape;
  /** Trainable and non-trainable weights for these input shapes. */
  weights(inputs: Shape[], cfg: LayerConfig): { trainable: number; nonTrainable: number };
  /** The tf.layers call that builds it. */
  tfjs(cfg: LayerConfig): TfjsLayerCall;
  /** Keras Python: `layers.<keras.name>(<args>)`; args are keyword arguments in Keras's names. */
  keras(cfg: LayerConfig): KerasCall;
  /** How Keras's constructor takes the arguments, for reading Keras code (src/graph/keras). */
  kerasArgs: KerasArgs;
}

/** A Keras constructor's arguments as Keras code spells them. */
interface KerasArgs {
  /** Keras's argument names in the order its constructor takes them by position. */
  positional: readonly string[];
  /** The arguments Keras's constructor has no default for. */
  required?: readonly string[];
  /** Keras's defaults where the palette's differ (Conv2D is linear in Keras, relu on the palette). */
  defaults?: LayerConfig;
  /** Arguments Keras takes that Layerbook holds at one value only (data_format "channels_last"). */
  fixed?: Record<string, ConfigValue>;
  /** Values Keras derives from other arguments when they are left out (a pooling's strides). */
  derive?: (given: LayerConfig) => LayerConfig;
  /** A saved config (model.to_json(), a .keras file) as the arguments a call gives: where Keras saves a default resolved. */
  saved?: (config: Record<string, unknown>) => Record<string, unknown>;
  /** What an import tells the learner, unless the code gives the argument `unless` itself. */
  note?: { unless: string; text: string };
}

interface KerasCall {
  name: string;
  args: Record<string, ConfigValue | PythonCode>;
  /** Python defining a class Keras lacks; emitted once, before the model, and then called without `layers.`. */
  definition?: string;
  /** Keras calls attention layers with positional query and value, not a list. */
  positional?: boolean;
}

/** Python source to emit as it is (a nested layer), not as a literal. */
export interface PythonCode {
  python: string;
}

/** A shape that does not fit the layer, explained in a learner's words. */
export class ShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShapeError';
  }
}
