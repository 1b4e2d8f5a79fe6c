import { DATASET_NAMES, datasetSpec } from '../../data/catalogue';

// What cells see besides the standard library: `tf`, `display`, `insight` and (in an exercise's
// check code) `check`, declared
// for Monaco's completions and hover docs. The names must match the kernel's
// (workers/kernel/displayApi.ts); a unit test checks they do.

/** The members of `display` that the declaration below documents. */
export const DISPLAY_MEMBERS = [
  'markdown',
  'table',
  'image',
  'plot',
  'confusion',
  'progress',
  'images',
  'heatmap',
  'scatter',
  'histogram',
] as const;

/** The members of `insight` that the declaration below documents. */
export const INSIGHT_MEMBERS = ['gradCam', 'attention', 'activations'] as const;

/** The members of `check` (an exercise's check code; workers/kernel/check/checkApi.ts) that the declaration below documents. */
export const CHECK_MEMBERS = ['defined', 'equal', 'value', 'function', 'model', 'trained', 'training', 'ok'] as const;

/** The names lb.datasets.load takes, from the dataset catalogue (a learner's own data stays in graph cells). */
const LOADABLE_NAMES = DATASET_NAMES.filter((name) => datasetSpec(name).source.kind !== 'own')
  .map((name) => `'${name}'`)
  .join(' | ');

// The text of one .d.ts file; its longest declarations are cut into concatenated pieces only to keep
// these source lines short.
export const CELL_GLOBALS_DTS =
  `
/** TensorFlow.js 4.22: tensors, layers, models, optimizers. Already loaded in every cell. */
declare const tf: typeof import('@tensorflow/tfjs');

type LayerbookValues = number[] | Float32Array | import('@tensorflow/tfjs').Tensor;
/** y values; named y values ({ loss: [...] }); or series [{ name, x, y }]. At most 1,000,000 points in all. */
type LayerbookSeries = LayerbookValues | Record<string, LayerbookValues> | ` +
  `Array<{ name?: string; x?: LayerbookValues; y: LayerbookValues }>;

interface LayerbookPlotOptions {
  /** 'line' (default) or 'scatter'. */
  type?: 'line' | 'scatter';
  title?: string;
  xLabel?: string;
  yLabel?: string;
  /** A log10 y axis, for losses that fall by orders of magnitude; values ≤ 0 are left out. */
  logY?: boolean;
  /** TensorBoard's smoothing, 0 (none) to below 1 (e.g. 0.6); the raw line stays faint behind. */
  smoothing?: number;
}

/** A live plot: add points as a loop makes them; the plot redraws at most once a frame and keeps every point. */
interface LayerbookPlotHandle {
  /**
   * Adds one point to each named series (a new name starts a series): x is that series' next index, or the \`x\` you give.
   * Values are numbers or one-value tensors (read, not disposed). Once Stop is pressed it throws a StoppedError, ending the loop.
   * @example plot.append({ loss: lossValue }); plot.append({ x: epoch, loss, val_loss: valLoss });
   */
  append(values: number | import('@tensorflow/tfjs').Tensor | Record<string, number | import('@tensorflow/tfjs').Tensor>): void;
  /** Replaces every series, in any form display.plot takes. */
  update(series: LayerbookSeries): void;
}

/** A live progress bar with step, rate and time left. */
interface LayerbookProgressHandle {
  /** Moves the bar to \`current\` steps done. Once Stop is pressed it throws a StoppedError, ending the loop. */
  update(current: number): void;
  /** Moves the bar on by n steps (1 by default). Once Stop is pressed it throws a StoppedError, ending the loop. */
  add(n?: number): void;
}

interface LayerbookDisplay {
  /** Shows a value in this cell's output: tensors with shape and dtype, models as a summary table, objects as trees. */
  (value: unknown): void;
  /** Renders markdown text (raw HTML is shown as text). */
  markdown(text: string): void;
  /** Shows rows (objects, or arrays) as a table; columns default to the objects' keys. */
  table(rows: Array<Record<string, unknown>> | unknown[][], columns?: string[]): void;
  /** Shows a [height, width] or [height, width, 1|3|4] tensor as an image; floats are 0–1, integers 0–255. */
  image(image: import('@tensorflow/tfjs').Tensor): void;
  /**
   * Plots y values, named y values ({ loss: [...] }), or series [{ name, x, y }], and returns a handle that adds
   * points live. NaN and Infinity are left out of the drawing (the plot says how many).
   * A loop that awaits (\`await tf.nextFrame()\`) can be stopped with Stop; Interrupt stops any loop.
   * @example
   * const plot = display.plot({ loss: [] }, { title: 'Training loss', logY: true });
   * for (let step = 0; step < 500; step++) {
   *   const loss = optimizer.minimize(() => lossFn(model.predict(xs), ys), true);
   *   plot.append({ loss: loss.dataSync()[0] });
   *   loss.dispose();
   *   await tf.nextFrame();
   * }
   */
  plot(series?: LayerbookSeries, options?: LayerbookPlotOptions): LayerbookPlotHandle;
  /** Shows a confusion matrix: counts[true class][predicted class]. */
  confusion(classes: string[], counts: number[][]): void;
  /**
   * A progress bar for a loop of \`total\` steps, with the step, rate and time left.
   * @example const bar = display.progress(epochs, { label: 'epochs' }); for (...) { ...; bar.add(); }
   */
  progress(total: number, options?: { label?: string }): LayerbookProgressHandle;
  /**
   * Shows pictures in a grid: an [n, h, w, c] tensor (c 1, 3 or 4), [n, h, w] grey ones, or an array of [h, w] or
   * [h, w, c] tensors. Floats are read as 0–1, integers as 0–255 (values outside are clipped). At most 1,000 pictures.
   * @example display.images(xs.slice(0, 16), { labels: predictedClasses, columns: 8 });
   */
  images(
    images: import('@tensorflow/tfjs').Tensor | import('@tensorflow/tfjs').Tensor[],
    options?: { /** One per picture, shown under it. */ labels?: string[] | number[]; ` +
  `/** Pictures a row; √n by default. */ columns?: number; title?: string },
  ): void;
  /**
   * Shows a 2-D function or matrix as colour: z[i][j] is the value at x_j, y_i (row 0 at the bottom, as np.meshgrid makes it).
   * NaN cells are left blank. \`paths\` are drawn over it, in the axes' units: optimizers racing on a loss surface.
   * @example display.heatmap(z, { x: [-2, 2], y: [-1, 3], paths: [{ name: 'SGD', x: xs, y: ys }] });
   */
  heatmap(
    z: number[][] | import('@tensorflow/tfjs').Tensor,
    options?: { /** The range the columns span; 0 … columns − 1 by default. */ x?: [number, number]; ` +
  `/** The range the rows span. */ y?: [number, number]; ` +
  `paths?: Array<{ name?: string; x: number[]; y: number[] }>; title?: string },
  ): void;
  /**
   * Plots 2-D points, coloured by class with a legend: a latent space, an embedding, a toy dataset.
   * \`labels\` gives each point's class (numbers, names, a 1-D tensor, or one-hot rows); \`classes\` names numeric ones.
   * @example display.scatter(encoded, { labels: yTest, classes: ['0', '1', '2'], title: 'Latent space' });
   */
  scatter(
    points: number[][] | import('@tensorflow/tfjs').Tensor,
    options?: { labels?: number[] | string[] | import('@tensorflow/tfjs').Tensor; ` +
  `classes?: string[]; title?: string; xLabel?: string; yLabel?: string },
  ): void;
  /**
   * Shows how values spread in equal bins (numpy's: the last bin includes the largest value); any tensor is flattened.
   * NaN and Infinity are counted apart. Good for weights and activations of any size.
   * @example display.histogram(model.layers[0].getWeights()[0], { bins: 50, title: 'Dense kernel' });
   */
  histogram(values: number[] | import('@tensorflow/tfjs').Tensor, ` +
  `options?: { /** 30 by default. */ bins?: number; title?: string; xLabel?: string }): void;
}

/** Shows values, markdown, tables, images, plots and live progress in this cell's output. */
declare const display: LayerbookDisplay;

type LayerbookModel = import('@tensorflow/tfjs').LayersModel;
type LayerbookTensor = import('@tensorflow/tfjs').Tensor;

/** Why a model decides what it decides: each call returns the numbers and draws the panel in this cell's output. */
declare const insight: {
  /**
   * Grad-CAM (Selvaraju et al. 2017): where a CNN looks for a class. The gradients of the class score (the logit, before the softmax) with
   * respect to a 2-D convolution's output, averaged per channel, weight its feature maps; ReLU; each map is
   * scaled to a maximum of 1. \`input\`: one image [h, w, c] or a batch [n, h, w, c].
   * @example const cam = await insight.gradCam(model, xs.slice(0, 8), { classes: ['circle', 'square', 'triangle'] });
   */
  gradCam(
    model: LayerbookModel,
    input: LayerbookTensor,
    options?: { /** A Conv2D layer's name; the last one by default. */ layer?: string; ` +
  `/** The class to explain; the predicted one by default. */ classIndex?: number; ` +
  `/** Class names for the labels. */ classes?: string[] },
  ): Promise<{ layer: string; /** [sample][row][column], 0–1. */ heatmaps: number[][][]; ` +
  `classIndex: number[]; predicted: number[]; probability: number[] }>;
  /**
   * The attention weights softmax(QKᵀ/√d) of a MultiHeadAttention layer (or a TransformerEncoder block) for one
   * example: rows are queries, columns keys, each row sums to 1. \`tokens\` labels the positions; a ViT (lb.layers.patchEmbedding)
   * gets its patch positions and the attention rollout over the image.
   * @example const att = await insight.attention(model, x, { tokens: ['the', 'movie', 'was', 'great'] });
   */
  attention(
    model: LayerbookModel,
    input: LayerbookTensor,
    options?: { /** The attention layer's name; the last one by default. */ layer?: string; tokens?: string[] },
  ): Promise<{ layer: string; heads: number; /** [head][query][key]. */ scores: number[][][]; ` +
  `/** Averaged over heads: [query][key]. */ average: number[][]; ` +
  `/** ViT only: attention rollout over every attention layer, [patch row][patch column], summing to 1. */ rollout?: number[][] }>;
  /**
   * What a layer outputs for one example: conv feature maps as a grid of channel images, other outputs as a strip.
   * @example await insight.activations(model, xs.slice(0, 1), 'conv2d_1');
   */
  activations(model: LayerbookModel, input: LayerbookTensor, layer?: string): ` +
  `Promise<{ layer: string; /** Without the batch. */ shape: number[]; values: Float32Array }>;
};

type LayerbookCount = number | { atLeast?: number; atMost?: number };
/** A shape with its batch dimension; null is any size (Keras's None): [null, 10]. */
type LayerbookShape = Array<number | null>;

/**
 * An exercise's check helpers, in its check code only. Each one that finds the learner's work not right yet stops the
 * check with "Not yet: " and a message written for the learner; if none does, the learner sees "Correct" (return a
 * string to add praise: \`return 'Nice work'\` shows "Correct: Nice work"). A check that throws anything else, or calls
 * no helper at all, is shown as broken, with its error and line for you.
 */
declare const check: {
  /**
   * The learner's variable (a global their cells made), for checks of your own; "Not yet" while it is not defined.
   * @example const xs = check.defined('xs') as tf.Tensor; check.ok(xs.rank === 2, 'xs should be a 2-D tensor: one row per example');
   */
  defined(name: string): unknown;
  /**
   * Compares a value with the expected one: numbers within \`tol\` (1e-6 by default), NaN equal only to NaN, tensors by shape
   * and then values, arrays, typed arrays and plain objects deeply. \`name\` is how the message calls the value.
   * @example check.equal(check.defined('scores').length, 10, { name: 'the number of scores' });
   */
  equal(actual: unknown, expected: unknown, opts?: { tol?: number; name?: string }): void;
  /**
   * The learner's variable \`name\` must equal \`expected\` (compared as check.equal does).
   * @example check.value('mean', 2.5); check.value('w', tf.tensor([[1, 2], [3, 4]]), { tol: 1e-4 });
   */
  value(name: string, expected: unknown, opts?: { tol?: number }): void;
  /**
   * The learner's function \`name\` must return \`expected\` for each case's \`args\` (async functions are awaited).
   * Says which call threw or returned what. Await it.
   * @example await check.function('relu', [{ args: [-2], expected: 0 }, { args: [3], expected: 3 }]);
   */
  function(name: string, cases: Array<{ args: unknown[]; expected: unknown }>, opts?: { tol?: number }): Promise<void>;
  /**
   * The learner's model \`name\` (Sequential, functional, or a graph cell's) must be built as \`spec\` asks; returns it.
   * \`layers\` counts by Keras class name (InputLayer not counted); shapes include the batch (null); \`maxParams\` means
   * fewer than; \`skipConnection\` wants a layer (or that many) merging a tensor with one computed from it (x → … → Add(x, …)).
   * @example check.model('model1', { layers: { Dense: 3 }, outputShape: [null, 10], maxParams: 50_000 });
   */
  model(
    name: string,
    spec?: { layers?: Record<string, LayerbookCount>; layerCount?: LayerbookCount; ` +
  `outputShape?: LayerbookShape | LayerbookShape[]; inputShape?: LayerbookShape | LayerbookShape[]; ` +
  `maxParams?: number; minParams?: number; inputs?: number; outputs?: number; skipConnection?: true | number },
  ): LayerbookModel;
  /**
   * Model \`name\`'s last run (Train, or model.fit in code) must have reached the goal: a metric of its last epoch
   * (accuracy, val_accuracy, loss, val_loss, mae …) or, after a Train, of the test split (test_accuracy, test_loss,
   * test_mae). Nothing is trained again. Values are shown as decimals (val_accuracy 0.912).
   * @example check.trained('model1', { metric: 'val_accuracy', atLeast: 0.95, maxParams: 100_000 });
   */
  trained(name: string, goal: { metric: string; atLeast?: number; atMost?: number; maxParams?: number }): void;
  /**
   * How model \`name\`'s last run was trained: its optimizer (Keras's name: adam, sgd …), its schedule (a graph cell's
   * Train only), callbacks by class name (EarlyStopping, ReduceLROnPlateau), at least \`minEpochs\` epochs run, and a
   * learning rate of at most \`maxLearningRate\`.
   * @example check.training('model1', { optimizer: 'adam', callbacks: ['EarlyStopping'], minEpochs: 5 });
   */
  training(
    name: string,
    spec: { optimizer?: string; schedule?: string; callbacks?: string[]; minEpochs?: number; maxLearningRate?: number },
  ): void;
  /**
   * "Not yet" with your \`message\` unless \`condition\` holds: for what the other helpers do not check.
   * @example check.ok(check.model('model1').layers[0].getConfig().activation === 'relu', 'make the first layer use relu');
   */
  ok(condition: unknown, message: string): void;
};

type LayerbookLayer = import('@tensorflow/tfjs').layers.Layer;
/** Layers TensorFlow.js 4.22 lacks, made by Layerbook to match Keras. */
declare const lb: {
  datasets: {
    /**
     * The datasets a graph cell trains on, as tensors, split as Keras's load_data() splits them
     * (the test examples are the ones at the end). Write the name in quotes: the page sends
     * MNIST to the kernel when it sees \`lb.datasets.load('mnist')\` in the cell.
     * @example const { xTrain, yTrain, xTest, yTest, classes } = await lb.datasets.load('mnist', { samples: 2000 });
     */
    load(
      name: ${LOADABLE_NAMES},
      options?: { samples?: number; noise?: number; seed?: number },
    ): Promise<{
      xTrain: LayerbookTensor; yTrain: LayerbookTensor; xTest: LayerbookTensor; yTest: LayerbookTensor; classes?: string[];
      /** A text set's word → id (sentiment): 0 pads, 1 stands for a word it does not know. */
      vocabulary?: Record<string, number>;
    }>;
    /** The names load() takes. */
    names(): string[];
  };
  layers: {
    /** Keras's MultiHeadAttention: apply to [query] (self-attention), [query, value] or [query, value, key]. */
    multiHeadAttention(args: { numHeads: number; keyDim: number; valueDim?: number; ` +
  `dropout?: number; useBias?: boolean; name?: string }): LayerbookLayer;
    /** A Transformer encoder block: self-attention and a feed-forward network, with residuals and LayerNormalization. */
    transformerEncoder(args: { numHeads: number; keyDim: number; ffDim: number; ` +
  `dropout?: number; epsilon?: number; name?: string }): LayerbookLayer;
    /** Adds a learned vector per position to a sequence of vectors. */
    positionalEmbedding(args: { sequenceLength: number; name?: string }): LayerbookLayer;
    /** Cuts images into patches and embeds each one (a Vision Transformer's first layer). */
    patchEmbedding(args: { patchSize: number; embedDim: number; name?: string }): LayerbookLayer;
    randomFlip(args: { mode?: 'horizontal' | 'vertical' | 'horizontal_and_vertical'; name?: string }): LayerbookLayer;
    randomRotation(args: { factor: number; name?: string }): LayerbookLayer;
    randomZoom(args: { heightFactor: number; name?: string }): LayerbookLayer;
    randomContrast(args: { factor: number; name?: string }): LayerbookLayer;
  };
};
`;
