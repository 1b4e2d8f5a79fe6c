import { z } from 'zod';
import { TRAIN_FIELDS, type TrainField } from './trainConfig';
import { FORMAT } from './types';

// Strict on structure, open on `metadata` (DESIGN.md): unknown keys anywhere but
// metadata are errors, so a typo in a hand-edited file is reported, not dropped.

const id = z.string().min(1).max(200);
// Cell ids name editor models and stack frames: plain characters only, so no two
// ids can decode to the same URI (as "a" and "%61" would).
const cellId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a cell id may use only letters, digits, - and _ (at most 64)');
const source = z.string();

const markdownCell = z.strictObject({ id: cellId, kind: z.literal('markdown'), source });
// Training settings are known by name; each value is checked on its own by the panel and by Train,
// so one being typed (or wrong) is kept and explained, not a reason to refuse the notebook.
const trainingSettings = z.strictObject(
  Object.fromEntries(Object.keys(TRAIN_FIELDS).map((f) => [f, z.unknown().optional()])) as Record<TrainField, z.ZodOptional<z.ZodUnknown>>,
);

const layerNode = z.strictObject({
  id,
  className: z.string().min(1).max(200),
  config: z.record(z.string(), z.unknown()),
  trainable: z.boolean().optional(),
});
const graphEdge = z.strictObject({
  id,
  source: id,
  sourcePort: z.string(),
  target: id,
  targetPort: z.string(),
});
const positions = z.record(z.string(), z.strictObject({ x: z.number(), y: z.number() }));
// A model used as one layer holds a graph of its own, one level deep: no block inside a block.
const modelBlock = z.strictObject({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,99}$/, 'a model name is a Python name: letters, digits and _'),
  source: z.union([
    z.strictObject({ kind: z.literal('shipped'), id: z.string().regex(/^[a-z0-9-]{1,64}$/) }),
    // A kept backbone's storage key (modelRepo.keepBackbone): never a cell's saved model.
    z.strictObject({ kind: z.literal('saved'), key: z.string().regex(/^[^/]{1,200}\/backbone:[A-Za-z0-9_-]{1,200}$/) }),
  ]),
  graph: z.strictObject({ nodes: z.array(layerNode), edges: z.array(graphEdge), positions }),
  cut: id,
  weights: z.literal('fresh').optional(),
});
const graphNode = layerNode
  .extend({ block: modelBlock.optional() })
  .refine((n) => (n.block !== undefined) === (n.className === 'Functional'), {
    message: 'a node holds a model (block) exactly when its class is Functional',
  });
const modelGraph = z.strictObject({
  nodes: z.array(graphNode),
  edges: z.array(graphEdge),
  positions,
});

// An exercise's texts are bounded as a cell's source is (by the file's size, MAX_FILE_BYTES), and
// its hints are few: an author's solution may be a cell as long as any.
const exerciseText = z.string();
const exercise = z.strictObject({
  task: exerciseText,
  hints: z.array(exerciseText).max(20),
  solution: exerciseText,
  solutionGraph: modelGraph.optional(),
  solutionTraining: trainingSettings.optional(),
  check: exerciseText,
  progress: z
    .strictObject({
      solved: z.boolean().optional(),
      solutionSeen: z.boolean().optional(),
      hintsShown: z.number().int().min(0).max(20).optional(),
    })
    .optional(),
});

const codeCell = z.strictObject({ id: cellId, kind: z.literal('code'), source, exercise: exercise.optional() });
const graphCell = z.strictObject({
  id: cellId,
  kind: z.literal('graph'),
  graphId: id,
  name: z.string().min(1).max(200),
  training: trainingSettings.optional(),
  exercise: exercise.optional(),
  python: source.optional(),
});

/** The zod schema of a current-version notebook document. */
export const notebookDocSchema = z
  .strictObject({
    format: z.literal(FORMAT),
    version: z.number().int().positive(),
    id,
    title: z.string().max(1000),
    cells: z.array(z.discriminatedUnion('kind', [markdownCell, codeCell, graphCell])),
    graphs: z.record(z.string(), modelGraph),
    metadata: z.record(z.string(), z.unknown()),
  })
  .superRefine((doc, ctx) => {
    const seen = new Set<string>();
    doc.cells.forEach((cell, i) => {
      if (seen.has(cell.id)) {
        ctx.addIssue({ code: 'custom', path: ['cells', i, 'id'], message: `duplicate cell id "${cell.id}"` });
      }
      seen.add(cell.id);
      if (cell.kind === 'graph' && !Object.hasOwn(doc.graphs, cell.graphId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['cells', i, 'graphId'],
          message: `no graph "${cell.graphId}" in graphs`,
        });
      }
    });
  });

/** Formats a zod issue path as a learner reads it: `cells[2].source`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(the whole file)';
}
