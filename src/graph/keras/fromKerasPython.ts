import type { GraphEdge, GraphNode, ModelGraph } from '../../doc/types';
import { layerSpec } from '../catalogue';
import { PATCH_EMBEDDING_PY, POSITIONAL_EMBEDDING_PY, TRANSFORMER_ENCODER_PY } from '../kerasDefinitions';
import { autoLayout } from '../layout';
import type { ConfigValue, LayerConfig } from '../types';
import { TOY_SETS } from '../../data/toy2d';
import { canonicalPath, SHIPPED_KERAS_DATASETS } from './kerasSpelling';
import { layerConfigFromCall, LayerCallError, type ArgValue } from './layerCall';
import { parsePython, type PyExpr, type PyStmt } from './pythonSyntax';
import { compileSettings, fitSettings, settingsValue } from './kerasSettings';
import { arithmetic, describe, mapValues, ranges, unknown, type LayerVal, type ModelVal, type TensorVal, type Val } from './values';

// Keras code in, a graph cell out: the model-building Python of Keras tutorials (Sequential, the
// functional API, compile and fit) run symbolically against the layer catalogue. Nothing is run
// as Python. What the graph cannot hold is refused with its line and the reason; what does not
// touch the model (loading data, printing) is skipped and listed.

/** A Keras model read from Python, ready to become a graph cell. */
export interface KerasCodeImport {
  graph: ModelGraph;
  /** Training settings the code chose (compile, fit, the dataset it loads), in Layerbook's field names. */
  settings: Record<string, unknown>;
  /** The Python variable the model was bound to ("model" when it had none). */
  modelName: string;
  /** What was left out or changed on the way, one sentence each. */
  notes: string[];
}

/** What Layerbook can import, said with every refusal. */
export const KERAS_IMPORT_SUPPORT =
  'Layerbook imports a Sequential model (a list of layers, or model.add) or the functional API (keras.Input, ' +
  'layers called on tensors, keras.Model(inputs, outputs)), built from the layers of its palette, with the ' +
  'settings of model.compile and model.fit.';

/** Why the code cannot be imported: the line, the reason, and what is supported. */
export class KerasImportError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`Line ${line}: ${reason}`);
    this.name = 'KerasImportError';
  }
}

/** The dataset functions Layerbook's Jupyter export defines (src/data/python/), by the dataset they make. */
const EXPORTED_DATA: Readonly<Record<string, string>> = {
  toy2d: 'toy2d',
  shapes: 'shapes',
  sine_windows: 'sine',
  sentiment: 'sentiment',
  mnist_digits: 'mnist',
  mnist_digits_5_9: 'mnist-5-9',
};

/** Layerbook's own layers, which Keras code has when it defines them as Layerbook's export does. */
const OWN_DEFINITIONS: Readonly<Record<string, string>> = {
  TransformerEncoder: TRANSFORMER_ENCODER_PY,
  PositionalEmbedding: POSITIONAL_EMBEDDING_PY,
  PatchEmbedding: PATCH_EMBEDDING_PY,
};

const normalise = (code: string) => code.replace(/\s+/g, ' ').trim();

class Interpreter {
  private readonly env = new Map<string, Val>();
  private readonly classes = new Map<string, { base: string; line: number; own: boolean }>();
  private readonly functions = new Map<string, number>();
  readonly nodes: GraphNode[] = [];
  readonly edges: GraphEdge[] = [];
  readonly models: Array<{ model: ModelVal; name?: string }> = [];
  readonly notes: string[] = [];
  readonly skipped: number[] = [];
  dataset?: string;
  settings: Record<string, unknown> = {};

  constructor(private readonly newId: () => string) {}

  private refuse(line: number, reason: string): never {
    throw new KerasImportError(line, reason);
  }

  private addNode(className: string, config: LayerConfig, frozen = false): string {
    const id = this.newId();
    this.nodes.push({ id, className, config, ...(frozen ? { trainable: false } : {}) });
    return id;
  }

  private connect(source: string, target: string, port: number) {
    this.edges.push({ id: this.newId(), source, sourcePort: 'out', target, targetPort: `in${port}` });
  }

  run(statements: PyStmt[]) {
    for (const s of statements) this.statement(s);
  }

  private statement(s: PyStmt) {
    switch (s.k) {
      case 'import': {
        const bound = s.alias ?? s.module.split('.')[0];
        this.env.set(bound, { v: 'path', path: canonicalPath(s.alias ? s.module : bound) });
        return;
      }
      case 'from':
        this.env.set(s.alias ?? s.name, { v: 'path', path: canonicalPath(`${s.module}.${s.name}`) });
        return;
      case 'assign': {
        const value = this.expr(s.value);
        for (const target of s.targets) this.bind(target, value, s.line);
        if (value.v === 'unknown') this.skipped.push(s.line);
        return;
      }
      case 'expr': {
        const value = this.expr(s.value);
        if (value.v === 'unknown') this.skipped.push(s.line);
        return;
      }
      case 'other':
        this.block(s);
        return;
    }
  }

  private bind(target: PyExpr, value: Val, line: number) {
    if (target.k === 'name') {
      this.env.set(target.id, value);
      if (value.v === 'seq' || value.v === 'model') {
        const entry = this.models.find((m) => m.model === value);
        if (entry && !entry.name) entry.name = target.id;
      }
      return;
    }
    if (target.k === 'tuple' || target.k === 'list') {
      const items = value.v === 'list' ? value.items : undefined;
      target.items.forEach((t, i) => this.bind(t, items?.[i] ?? { v: 'unknown', why: 'a value unpacked from Python code', line }, line));
      if (value.v === 'unknown') this.skipped.push(line);
      return;
    }
    // model.trainable = False, x[0] = …: Python state the graph does not hold.
    const owner = this.rootValue(target);
    if (owner && (owner.v === 'seq' || owner.v === 'model' || owner.v === 'layer')) {
      this.refuse(line, `This line changes a model or layer from Python (${describe(target)} = …), which a graph cannot hold.`);
    }
    this.skipped.push(line);
  }

  private rootValue(e: PyExpr): Val | undefined {
    if (e.k === 'name') return this.env.get(e.id);
    if (e.k === 'attr' || e.k === 'index') return this.rootValue(e.obj);
    return undefined;
  }

  /** A block (loop, def, class, if, with): skipped unless it builds or changes the model. */
  private block(s: Extract<PyStmt, { k: 'other' }>) {
    const header = /^\s*class\s+(\w+)\s*(?:\(([^)]*)\))?/m.exec(s.text);
    if (s.keyword === 'class' && header) {
      const [, name, base = ''] = header;
      // Layerbook's own layer, exactly as its export writes it: anything else is someone's Python.
      const own = OWN_DEFINITIONS[name] !== undefined && normalise(s.text) === normalise(OWN_DEFINITIONS[name]);
      this.classes.set(name, { base: canonicalPath(base.trim()), line: s.line, own });
      return;
    }
    const def = /^\s*(?:async\s+)?def\s+(\w+)/m.exec(s.text);
    if (s.keyword === 'def' && def) {
      this.functions.set(def[1], s.line);
      return;
    }
    // A block that names a layer, tensor or model, or makes layers, may change the model in ways
    // only running it would tell: refused, never half read.
    const touched = [...this.env.entries()].some(
      ([name, val]) => ['layer', 'tensor', 'seq', 'model'].includes(val.v) && new RegExp(`\\b${name}\\b`).test(s.text),
    );
    const builds = /\blayers\.\w+\(|\.add\(|\bInput\(/.test(s.text);
    if (touched || builds) {
      const what = s.keyword === 'for' || s.keyword === 'while' ? 'A loop' : `A block (${s.keyword})`;
      this.refuse(
        s.line,
        `${what} ${builds ? 'builds or changes' : 'uses'} the model here (lines ${s.line}–${s.endLine}). ` +
          'Layerbook reads straight-line model code: write the layers out one after another.',
      );
    }
    for (let l = s.line; l <= s.endLine; l++) this.skipped.push(l);
  }

  private expr(e: PyExpr): Val {
    switch (e.k) {
      case 'num':
      case 'str':
        return { v: 'lit', value: e.value };
      case 'const':
        return { v: 'lit', value: e.value };
      case 'neg': {
        const x = this.expr(e.operand);
        return x.v === 'lit' && typeof x.value === 'number' ? { v: 'lit', value: -x.value } : unknown('an expression', e.line);
      }
      case 'binop':
        return arithmetic(e.op, this.expr(e.left), this.expr(e.right), e.line);
      case 'tuple':
      case 'list': {
        const items = e.items.map((i) => this.expr(i));
        if (items.every((i) => i.v === 'lit')) return { v: 'lit', value: items.map((i) => (i as { value: ConfigValue }).value) };
        return { v: 'list', items };
      }
      case 'dict':
        return unknown('a dict', e.line);
      case 'name':
        return this.env.get(e.id) ?? this.nameOutsideCode(e.id, e.line);
      case 'attr': {
        const obj = this.expr(e.obj);
        if (obj.v === 'path') return { v: 'path', path: canonicalPath(`${obj.path}.${e.name}`) };
        if (obj.v === 'seq' || obj.v === 'model') return { v: 'method', of: obj, name: e.name, line: e.line };
        return unknown(`${describe(e)}`, e.line);
      }
      case 'index':
        return unknown(`${describe(e)}`, e.line);
      case 'call':
        return this.call(e);
      case 'opaque':
        return unknown(e.what, e.line);
    }
  }

  private nameOutsideCode(id: string, line: number): Val {
    const fn = this.functions.get(id);
    if (fn !== undefined) return unknown(`the function ${id} (defined on line ${fn}, which Layerbook does not run)`, line);
    return unknown(id, line);
  }

  private call(e: Extract<PyExpr, { k: 'call' }>): Val {
    const fn = this.expr(e.fn);
    const args = () => e.args.map((a) => this.expr(a));
    const kwargs = () => Object.fromEntries(e.kwargs.map((k) => [k.name, this.expr(k.value)]));
    if (fn.v === 'path') return this.callPath(fn.path, e, args(), kwargs());
    if (fn.v === 'layer') return this.callLayer(fn, args(), kwargs(), e.line);
    if (fn.v === 'method') return this.callMethod(fn, args(), kwargs(), e.line);
    if (fn.v === 'seq' || fn.v === 'model') {
      this.refuse(e.line, 'A model used as a layer inside another model cannot be imported yet: write its layers into this one.');
    }
    if (fn.v === 'unknown' && this.classes.has(describe(e.fn))) return this.callClass(describe(e.fn), e, args(), kwargs());
    if (e.fn.k === 'name' && Object.hasOwn(EXPORTED_DATA, e.fn.id)) return this.exportedData(e.fn.id, args(), kwargs(), e.line);
    return unknown(`a call of ${describe(e.fn)}`, e.line);
  }

  /** A data helper of Layerbook's own Jupyter export: the dataset and its samples, noise and seed come back. */
  private exportedData(name: string, args: Val[], kwargs: Record<string, Val>, line: number): Val {
    const exported = EXPORTED_DATA[name];
    const literal = (v: Val | undefined) => (v?.v === 'lit' && typeof v.value !== 'object' ? v.value : undefined);
    const dataset = exported === 'toy2d' ? literal(args[0]) : exported;
    const known = exported !== 'toy2d' || (TOY_SETS as readonly unknown[]).includes(dataset);
    if (typeof dataset === 'string' && known) this.dataset = dataset;
    for (const key of ['samples', 'noise', 'seed'] as const) {
      const value = literal(kwargs[key]);
      if (typeof value === 'number') this.settings[key] = value;
    }
    return unknown(`${name}(…)`, line);
  }

  private callClass(name: string, e: Extract<PyExpr, { k: 'call' }>, args: Val[], kwargs: Record<string, Val>): Val {
    const cls = this.classes.get(name);
    if (!cls) return unknown(`a call of ${name}`, e.line);
    if (cls.base === 'keras.Model' || cls.base === 'Model') {
      this.refuse(
        e.line,
        `${name} is a subclassed model (class ${name}(keras.Model), line ${cls.line}): its forward pass is Python code in call(), ` +
          'which a graph cannot hold. Rewrite it with the functional API or Sequential.',
      );
    }
    if (!cls.own) {
      this.refuse(
        e.line,
        `${name} is a layer written in Python (class ${name}, line ${cls.line}); Layerbook builds only the layers of its palette.`,
      );
    }
    return this.makeLayer(name, args, kwargs, e.line);
  }

  private callPath(path: string, e: Extract<PyExpr, { k: 'call' }>, args: Val[], kwargs: Record<string, Val>): Val {
    const line = e.line;
    if (path === 'keras.Input') return this.input(args, kwargs, line);
    if (path === 'keras.Sequential') {
      const list = args[0] ?? kwargs.layers;
      const seq: ModelVal = { v: 'seq', line, items: [], compiled: false };
      this.models.push({ model: seq });
      if (list && list.v !== 'list' && !(list.v === 'lit' && Array.isArray(list.value) && list.value.length === 0)) {
        if (list.v === 'unknown') this.refuse(line, `The Sequential's layers come from ${list.why}, which Layerbook does not run.`);
        this.refuse(line, 'keras.Sequential takes a list of layers: keras.Sequential([layers.Dense(10), …]).');
      }
      for (const item of list?.v === 'list' ? list.items : []) this.addToSequential(seq, item, line);
      return seq;
    }
    if (path === 'keras.Model') {
      const inputs = this.tensors(args[0] ?? kwargs.inputs, 'inputs', line);
      const outputs = this.tensors(args[1] ?? kwargs.outputs, 'outputs', line);
      const model: ModelVal = { v: 'model', line, inputs, outputs, compiled: false };
      this.models.push({ model });
      return model;
    }
    const layer = /^keras\.layers\.(\w+)$/.exec(path);
    if (layer) {
      const className = layer[1];
      if (className === 'InputLayer') {
        const input = this.inputConfig(args, kwargs, line);
        return { v: 'layer', className: 'Input', config: input, line, used: false, input };
      }
      if (className === 'Lambda') {
        this.refuse(
          line,
          'layers.Lambda runs a Python function inside the model, which a graph cannot hold. ' +
            'Use a layer of the palette instead (Rescaling, Activation, Reshape …).',
        );
      }
      if (!layerSpec(className) || className === 'Input') {
        this.refuse(line, `${className} is not one of Layerbook's layers. ${KERAS_IMPORT_SUPPORT}`);
      }
      return this.makeLayer(className, args, kwargs, line);
    }
    const dataset = /^keras\.datasets\.(\w+)\.load_data$/.exec(path);
    if (dataset) {
      const shipped = SHIPPED_KERAS_DATASETS[dataset[1]];
      if (shipped) this.dataset = shipped;
      else
        this.notes.push(
          `Line ${line}: keras.datasets.${dataset[1]} is not shipped with Layerbook; choose a Dataset in the graph cell's settings.`,
        );
      return unknown(`keras.datasets.${dataset[1]}`, line);
    }
    // keras.utils.set_random_seed(n): Layerbook's Seed seeds the same things (weights, shuffling, Dropout).
    if (path === 'keras.utils.set_random_seed' || path === 'tensorflow.random.set_seed') {
      const seed = args[0] ?? kwargs.seed;
      if (seed?.v === 'lit' && typeof seed.value === 'number' && Number.isInteger(seed.value)) this.settings.seed = seed.value;
      return { v: 'lit', value: null };
    }
    const settings = settingsValue(path, args, kwargs, line, this.notes);
    if (settings) return settings;
    return unknown(`a call of ${path}`, line);
  }

  private makeLayer(className: string, args: Val[], kwargs: Record<string, Val>, line: number): LayerVal {
    const { input_shape: inputShape, batch_input_shape: batchShape, trainable, ...rest } = kwargs;
    if (trainable && (trainable.v !== 'lit' || typeof trainable.value !== 'boolean'))
      this.refuse(line, `A layer's trainable must be True or False.`);
    const input =
      inputShape || batchShape ? this.inputConfig([], batchShape ? { batch_shape: batchShape } : { shape: inputShape }, line) : undefined;
    try {
      const config = layerConfigFromCall(
        className,
        args.map((a) => this.argValue(a, line)),
        mapValues(rest, (a) => this.argValue(a, line)),
        this.notes,
      );
      return { v: 'layer', className, config, line, used: false, input, frozen: trainable?.v === 'lit' && trainable.value === false };
    } catch (err) {
      if (err instanceof LayerCallError) this.refuse(line, err.message);
      throw err;
    }
  }

  private argValue(a: Val, line: number): ArgValue {
    if (a.v === 'lit') return a.value;
    if (a.v === 'layer') return { layer: a.className, config: a.config };
    if (a.v === 'path') {
      // activation=keras.activations.relu, tf.nn.relu: the function's name.
      const fn = /^(?:keras\.activations|tensorflow\.nn)\.(\w+)$/.exec(a.path);
      if (fn) return fn[1];
    }
    if (a.v === 'unknown')
      this.refuse(line, `A layer's argument comes from ${a.why}, which Layerbook does not run: write the value itself.`);
    this.refuse(line, `A layer's argument here is not a number, string, tuple or layer.`);
  }

  private inputConfig(args: Val[], kwargs: Record<string, Val>, line: number): LayerConfig {
    const shapeVal = args[0] ?? kwargs.shape ?? kwargs.input_shape;
    const batch = kwargs.batch_shape ?? kwargs.batch_input_shape;
    let shape: ConfigValue | undefined;
    if (batch?.v === 'lit' && Array.isArray(batch.value)) shape = batch.value.slice(1);
    else if (shapeVal?.v === 'lit') shape = typeof shapeVal.value === 'number' ? [shapeVal.value] : shapeVal.value;
    if (
      !Array.isArray(shape) ||
      shape.length === 0 ||
      !shape.every((d) => d === null || (typeof d === 'number' && Number.isInteger(d) && d > 0))
    ) {
      const why = shapeVal?.v === 'unknown' ? ` (it comes from ${shapeVal.why}, which Layerbook does not run)` : '';
      this.refuse(line, `The Input needs a shape of whole numbers, such as shape=(28, 28, 1)${why}.`);
    }
    const dtype = kwargs.dtype?.v === 'lit' && kwargs.dtype.value === 'int32' ? 'int32' : 'float32';
    return { shape, dtype };
  }

  private input(args: Val[], kwargs: Record<string, Val>, line: number): TensorVal {
    return { v: 'tensor', node: this.addNode('Input', this.inputConfig(args, kwargs, line)), line };
  }

  private tensors(value: Val | undefined, what: string, line: number): string[] {
    const items = value?.v === 'list' ? value.items : value ? [value] : [];
    if (!items.length) this.refuse(line, `keras.Model needs its ${what}: keras.Model(inputs, outputs).`);
    return items.map((t) => {
      if (t.v !== 'tensor') this.refuse(line, `keras.Model's ${what} must be tensors from keras.Input or layers called on them.`);
      return t.node;
    });
  }

  private callLayer(layer: LayerVal, args: Val[], kwargs: Record<string, Val>, line: number): TensorVal {
    if (layer.used) {
      this.refuse(
        line,
        `This layer (${layer.className}, made on line ${layer.line}) is used a second time, which would share its weights; ` +
          "in Layerbook's graph each layer is one node. Make a second layer instead.",
      );
    }
    const spec = layerSpec(layer.className);
    if (!spec) this.refuse(line, `${layer.className} is not one of Layerbook's layers.`);
    const extra = Object.keys(kwargs).filter((k) => !['training', 'mask', 'query', 'value', 'key'].includes(k));
    if (extra.length) this.refuse(line, `Calling a layer with ${extra.join(', ')}= is not something Layerbook's graph holds.`);
    let inputs: Val[];
    if (spec.arity === 'attention') {
      inputs = [args[0] ?? kwargs.query, args[1] ?? kwargs.value, args[2] ?? kwargs.key].filter((x): x is Val => x !== undefined);
      // Self-attention (layer(x, x)) is one wire in the graph.
      if (inputs.length === 2 && inputs[0].v === 'tensor' && inputs[1].v === 'tensor' && inputs[0].node === inputs[1].node)
        inputs = [inputs[0]];
    } else if (spec.arity === 'many') {
      const list = args[0];
      inputs = list?.v === 'list' ? list.items : [];
      if (inputs.length < 2) this.refuse(line, `${layer.className} joins a list of two or more tensors: ${layer.className}()([a, b]).`);
    } else {
      inputs = args.slice(0, 1);
      if (args.length !== 1) this.refuse(line, `${layer.className} takes one tensor: ${layer.className}(…)(x).`);
    }
    const sources = inputs.map((t) => {
      if (t.v === 'tensor') return t.node;
      const why = t.v === 'unknown' ? ` (this one comes from ${t.why})` : '';
      return this.refuse(line, `A layer is called on something that is not a tensor from keras.Input or another layer${why}.`);
    });
    layer.used = true;
    const id = this.addNode(layer.className, layer.config, layer.frozen);
    sources.forEach((source, port) => this.connect(source, id, port));
    return { v: 'tensor', node: id, line };
  }

  private addToSequential(seq: Extract<ModelVal, { v: 'seq' }>, item: Val, line: number) {
    if (item.v === 'tensor' && seq.items.length === 0) {
      seq.items.push(item);
      return;
    }
    if (item.v !== 'layer') {
      const why = item.v === 'unknown' ? ` (it comes from ${item.why})` : '';
      this.refuse(line, `A Sequential model takes layers, and this is not one${why}.`);
    }
    if (item.used || seq.items.includes(item))
      this.refuse(line, `This layer (${item.className}, line ${item.line}) is already part of a model; make a new one.`);
    item.used = true;
    seq.items.push(item);
  }

  private callMethod(m: Extract<Val, { v: 'method' }>, args: Val[], kwargs: Record<string, Val>, line: number): Val {
    const model = m.of;
    switch (m.name) {
      case 'add':
        if (model.v !== 'seq') this.refuse(line, 'Only a Sequential model has add().');
        this.addToSequential(model, args[0] ?? { v: 'unknown', why: 'nothing', line }, line);
        return { v: 'lit', value: null };
      case 'compile':
        model.compiled = true;
        Object.assign(this.settings, compileSettings(args, kwargs, line, this.notes));
        return { v: 'lit', value: null };
      case 'fit':
        Object.assign(this.settings, fitSettings(args, kwargs, line, this.notes));
        return { v: 'lit', value: null };
      case 'summary':
        return { v: 'lit', value: null };
      case 'evaluate':
      case 'predict':
      case 'save':
      case 'save_weights':
        return unknown(`model.${m.name}`, line);
      default:
        this.refuse(line, `model.${m.name}(…) is not something Layerbook imports. ${KERAS_IMPORT_SUPPORT}`);
    }
  }

  /** The graph of the model the code builds: the compiled one, else the last. */
  finish(): { graph: ModelGraph; name: string } {
    if (!this.models.length) {
      const fn = [...this.functions.entries()][0];
      const hint = fn ? ` If the model is built inside def ${fn[0]} (line ${fn[1]}), write its lines at the top level instead.` : '';
      throw new KerasImportError(1, `No Keras model is built in this code.${hint} ${KERAS_IMPORT_SUPPORT}`);
    }
    const chosen = this.models.find((m) => m.model.compiled) ?? this.models[this.models.length - 1];
    for (const other of this.models) {
      if (other !== chosen)
        this.notes.push(
          `Line ${other.model.line}: another model${other.name ? ` (${other.name})` : ''} is built here; ` +
            `only ${chosen.name ?? 'the last one'} was imported.`,
        );
    }
    const { inputs, outputs } = chosen.model.v === 'seq' ? this.sequentialNodes(chosen.model) : chosen.model;
    const keep = this.ancestors(outputs);
    const stray = [...keep].find((id) => this.nodes.find((n) => n.id === id)?.className === 'Input' && !inputs.includes(id));
    if (stray)
      throw new KerasImportError(
        chosen.model.line,
        'The model’s outputs depend on an Input that is not among its inputs (Keras calls this a disconnected graph).',
      );
    const nodes = this.nodes.filter((n) => keep.has(n.id));
    const edges = this.edges.filter((e) => keep.has(e.source) && keep.has(e.target));
    const fed = outputs.find((o) => edges.some((e) => e.source === o));
    if (fed)
      throw new KerasImportError(
        chosen.model.line,
        'One of the model’s outputs also feeds another layer; ' + 'Layerbook’s graph takes its outputs from the layers that feed nothing.',
      );
    const graph: ModelGraph = { nodes, edges, positions: {} };
    return { graph: { ...graph, positions: autoLayout(graph) }, name: chosen.name ?? 'model' };
  }

  private sequentialNodes(seq: Extract<ModelVal, { v: 'seq' }>): { inputs: string[]; outputs: string[] } {
    const [first, ...rest] = seq.items;
    let previous: string;
    let layers: Array<LayerVal | TensorVal> = rest;
    if (first?.v === 'tensor') previous = first.node;
    else if (first?.v === 'layer' && first.input) {
      previous = this.addNode('Input', first.input);
      layers = first.className === 'Input' ? rest : seq.items;
    } else {
      throw new KerasImportError(
        seq.line,
        'The Sequential model has no input shape, so its layers’ sizes are unknown: ' +
          'start it with keras.Input(shape=(…)), or give its first layer input_shape=(…).',
      );
    }
    const input = previous;
    for (const item of layers) {
      if (item.v !== 'layer' || item.className === 'Input')
        throw new KerasImportError(item.line, 'An Input can only come first in a Sequential model.');
      const id = this.addNode(item.className, item.config, item.frozen);
      this.connect(previous, id, 0);
      previous = id;
    }
    if (previous === input) throw new KerasImportError(seq.line, 'The Sequential model has no layers after its input.');
    return { inputs: [input], outputs: [previous] };
  }

  private ancestors(outputs: string[]): Set<string> {
    const seen = new Set<string>();
    const stack = [...outputs];
    for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
      if (seen.has(id)) continue;
      seen.add(id);
      for (const e of this.edges) if (e.target === id) stack.push(e.source);
    }
    return seen;
  }
}

/** Reads Keras model code into a graph and settings; throws KerasImportError with the line and reason. */
export function importKerasCode(source: string, newId: () => string): KerasCodeImport {
  let statements: PyStmt[];
  try {
    statements = parsePython(source);
  } catch (e) {
    const line = (e as { line?: number }).line ?? 1;
    throw new KerasImportError(line, `This is not Python that Layerbook can read: ${(e as Error).message.replace(/^Line \d+: /, '')}.`);
  }
  const run = new Interpreter(newId);
  run.run(statements);
  const { graph, name } = run.finish();
  const settings = { ...(run.dataset ? { dataset: run.dataset } : {}), ...run.settings };
  const notes = [...new Set(run.notes)];
  const lines = [...new Set(run.skipped)].sort((a, b) => a - b);
  if (lines.length) notes.push(`Skipped, as Python that does not build the model (loading data, printing): ${ranges(lines)}.`);
  return { graph, settings, modelName: name, notes };
}
