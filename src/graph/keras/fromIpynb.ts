import { z } from 'zod';
import { insertImportedGraphCell } from '../../doc/graphOps';
import { createNotebook } from '../../doc/ops';
import type { NotebookDoc } from '../../doc/types';
import { importKerasCode, KerasImportError, type KerasCodeImport } from './fromKerasPython';
import { fenced } from './ipynb';
import { isRecord, plural } from '../../doc/words';

// A Jupyter notebook (.ipynb, nbformat 4) opened as a Layerbook notebook: markdown comes over,
// each Python cell that builds a Keras model becomes a graph cell (its Python kept with it, and the
// compile and fit of later cells as its settings), and other Python is kept as code to read. The
// file has passed parseUntrustedJson (size, nesting, keys) before it gets here.

/** Why a file cannot be opened as a Jupyter notebook, in a learner's words. */
export class IpynbError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IpynbError';
  }
}

/** Whether a parsed file is a Jupyter notebook rather than a Layerbook one. */
export const isIpynb = (value: unknown): boolean => isRecord(value) && 'nbformat' in value;

/** Cells no notebook has more of; past it the file is refused. */
const MAX_CELLS = 2000;

const text = z.union([z.string(), z.array(z.string())]).transform((s) => (Array.isArray(s) ? s.join('') : s));
const cellSchema = z.looseObject({ cell_type: z.string(), source: text.optional() });
const notebookSchema = z.looseObject({
  nbformat: z.number(),
  cells: z.array(z.unknown()).max(MAX_CELLS),
  metadata: z.record(z.string(), z.unknown()).optional(),
});

export interface IpynbImport {
  doc: NotebookDoc;
  /** What became what, one line each (also the notebook's first cell). */
  summary: string[];
}

/** Cells read with all the context before them (as model builders, or a model's compile and fit); past them, kept as Python. */
const MAX_MODEL_CELLS = 50;
/** Characters of earlier cells a model cell is read with. */
const MAX_CONTEXT = 100_000;

/** Words that mark Python as an attempt to build a Keras model (so a refusal is worth saying). */
const BUILDS_MODEL = /\b(Sequential|keras\.Model|Model\(|layers\.[A-Z]|\.add\(layers)/;

const pythonBlock = (code: string, language = 'python') =>
  `*${language === 'python' ? 'Python' : language} from the Jupyter notebook: it does not run here.*\n\n` +
  fenced(code.replace(/\n+$/, ''), language);

/** The language of a notebook's code cells, from its kernel's metadata (Python when unsaid). */
function languageOf(metadata: Record<string, unknown> | undefined): string {
  const info = metadata?.language_info;
  const spec = metadata?.kernelspec;
  const name = (isRecord(info) && info.name) || (isRecord(spec) && spec.language);
  return typeof name === 'string' && name.trim() ? name.trim().toLowerCase() : 'python';
}

/** Line numbers in a message about a cell run after `offset` lines of earlier cells, made the cell's own. */
const cellLines = (message: string, offset: number) =>
  message.replace(/\b([Ll])ine (\d+)/g, (all, l: string, line: string) =>
    Number(line) > offset ? `${l}ine ${Number(line) - offset}` : all,
  );

interface Converted {
  kind: 'markdown' | 'model';
  source: string;
  model?: KerasCodeImport;
  /** A Python cell kept to read: its code, for a model above it to take its compile and fit. */
  python?: string;
}

/**
 * Converts a parsed .ipynb into a notebook document (titled by its file name); throws IpynbError when the file
 * is not a notebook Layerbook can read (another format version, no cells list).
 */
export function ipynbToDoc(raw: unknown, fileName: string, newId: () => string): IpynbImport {
  const version = isRecord(raw) ? raw.nbformat : undefined;
  if (typeof version === 'number' && version !== 4)
    throw new IpynbError(
      `This notebook is in Jupyter's format ${version}; Layerbook opens format 4 (every Jupyter since 2015). ` +
        'Open and save it in a current Jupyter or Colab first.',
    );
  const parsed = notebookSchema.safeParse(raw);
  if (!parsed.success) {
    const many = parsed.error.issues.some((i) => i.path[0] === 'cells' && i.code === 'too_big');
    throw new IpynbError(
      many
        ? `This notebook has more than ${MAX_CELLS} cells, more than Layerbook opens.`
        : 'This .ipynb file is not a Jupyter notebook Layerbook can read: it has no list of cells.',
    );
  }
  const nb = parsed.data;
  const language = languageOf(nb.metadata);
  const converted: Converted[] = [];
  const notes: string[] = [];
  let markdown = 0;
  let other = 0;
  let folded = 0;
  // Python of earlier cells that build no model (imports, constants, data): later cells may use it.
  // Kept to its last MAX_CONTEXT characters (the definitions a model cell uses come shortly before
  // it), and every import of any of them, however early.
  const context: string[] = [];
  const imports = new Set<string>();
  let contextLength = 0;
  const addContext = (source: string) => {
    for (const line of source.split('\n')) if (/^(import|from)\s/.test(line)) imports.add(line);
    context.push(source);
    contextLength += source.length + 1;
    while (contextLength > MAX_CONTEXT && context.length > 1) contextLength -= (context.shift() ?? '').length + 1;
  };
  const contextText = () => [...imports, ...context].join('\n');
  let modelTries = 0;
  let foldTries = 0;
  const cells = nb.cells.map((c) => cellSchema.safeParse(c));
  cells.forEach((result, index) => {
    const n = index + 1;
    if (!result.success) {
      notes.push(`Cell ${n} is not a cell Jupyter writes; it was left out.`);
      return;
    }
    const cell = result.data;
    const source = cell.source ?? '';
    if (cell.cell_type === 'markdown') {
      if (!source.trim()) return;
      if (/\]\(attachment:/.test(source)) notes.push(`Cell ${n}: its attached images stay in the .ipynb; the text came over.`);
      converted.push({ kind: 'markdown', source });
      markdown++;
      return;
    }
    if (cell.cell_type !== 'code') {
      if (source.trim()) converted.push({ kind: 'markdown', source: pythonBlock(source, 'text') });
      other++;
      return;
    }
    if (!source.trim()) return;
    if (language !== 'python') {
      converted.push({ kind: 'markdown', source: pythonBlock(source, language) });
      other++;
      return;
    }
    // A cell that cannot build a model is read alone, to see whether later cells may use it; only
    // the few that may build one are read with the whole context. Reading every cell with all the
    // cells before it took 150 s for 600 small cells.
    const mayBuild = BUILDS_MODEL.test(source) && modelTries++ < MAX_MODEL_CELLS;
    const prefix = mayBuild ? contextText() : '';
    const offset = prefix ? prefix.split('\n').length : 0;
    const withContext = prefix ? `${prefix}\n${source}` : source;
    try {
      const model = importKerasCode(withContext, newId);
      converted.push({ kind: 'model', source, model });
    } catch (e) {
      if (!(e instanceof KerasImportError)) throw e;
      const noModel = e.reason.startsWith('No Keras model is built');
      if (noModel) addContext(source);
      else if (BUILDS_MODEL.test(source) && e.line > offset)
        notes.push(`Cell ${n}, line ${e.line - offset}: not made a graph cell, kept as Python. ${cellLines(e.reason, offset)}`);
      converted.push({ kind: 'markdown', source: pythonBlock(source), python: source });
      other++;
    }
  });

  // A model's compile and fit are often in the cells after it: they become its settings.
  for (const [i, item] of converted.entries()) {
    if (item.kind !== 'model' || !item.model) continue;
    const name = item.model.modelName;
    for (const later of converted.slice(i + 1)) {
      if (later.kind === 'model') break;
      const code = later.python;
      if (!code || !new RegExp(`\\b${name}\\.(compile|fit)\\(`).test(code) || foldTries++ >= MAX_MODEL_CELLS) continue;
      try {
        const settings = importKerasCode(`${contextText()}\n${item.source}\n${code}`, newId).settings;
        item.model = { ...item.model, settings: { ...item.model.settings, ...settings } };
        later.source =
          `*Python from the Jupyter notebook (its compile and fit are the settings of graph cell \`${name}\` above).*\n\n` +
          fenced(code.replace(/\n+$/, ''), 'python');
        folded++;
      } catch (e) {
        if (!(e instanceof KerasImportError)) throw e;
      }
    }
  }

  const title = fileName.replace(/\.ipynb$/i, '').trim() || 'Imported notebook';
  let doc: NotebookDoc = { ...createNotebook(newId(), title, newId()), cells: [] };
  const models: string[] = [];
  for (const item of converted) {
    if (item.kind === 'model' && item.model) {
      const { graph, settings, modelName } = item.model;
      const cellId = newId();
      doc = insertImportedGraphCell(doc, { cellId, graphId: newId() }, doc.cells.length, {
        graph,
        training: settings,
        name: modelName,
        python: item.source,
      });
      const cell = doc.cells.find((c) => c.id === cellId);
      models.push(cell?.kind === 'graph' ? cell.name : modelName);
    } else {
      doc = { ...doc, cells: [...doc.cells, { id: newId(), kind: 'markdown', source: item.source }] };
    }
  }
  const summary = [
    `${plural(markdown, 'markdown cell')} came over as markdown.`,
    models.length
      ? `${plural(models.length, 'Keras model')} became graph ${models.length === 1 ? 'cell' : 'cells'} ` +
        `(${models.map((m) => `\`${m}\``).join(', ')}), ${models.length === 1 ? 'its Python' : 'the Python of each'} kept with it` +
        `${folded ? `, the compile and fit of ${plural(folded, 'later cell')} as settings` : ''}.`
      : 'No cell builds a Keras model Layerbook can import, so there is no graph cell.',
    `${plural(other, 'other code cell')} kept as code to read: it does not run here.`,
    ...notes,
  ];
  const intro = `*Opened from the Jupyter notebook \`${fileName}\`.*\n\n${summary.map((s) => `- ${s}`).join('\n')}`;
  doc = { ...doc, cells: [{ id: newId(), kind: 'markdown', source: intro }, ...doc.cells] };
  return { doc, summary };
}
