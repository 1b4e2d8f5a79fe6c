import { describe, expect, it } from 'vitest';
import { loadNotebookValue } from '../../src/doc/load';
import { migrate, MIGRATIONS, type Migration } from '../../src/doc/migrate';
import { createNotebook } from '../../src/doc/ops';
import { trainConfigOf } from '../../src/doc/trainConfig';
import { FORMAT_VERSION } from '../../src/doc/types';

// A made-up history: format 6 called the title "name"; format 7 renamed it.
const renameTitle: Migration = ({ name, ...rest }) => ({ ...rest, title: name, version: 7 });

describe('migration', () => {
  it('runs on every load: a current document passes through unchanged', () => {
    const doc = createNotebook('a', 'T', 'c');
    expect(FORMAT_VERSION).toBe(6);
    expect(Object.keys(MIGRATIONS)).toEqual(['1', '2', '3', '4', '5']);
    expect(migrate(doc as unknown as Record<string, unknown>)).toBe(doc);
  });

  it('upgrades an older document step by step before validating it', () => {
    const { title, ...v6 } = createNotebook('a', 'Old title', 'c');
    const result = loadNotebookValue({ ...v6, name: title }, { migrations: { ...MIGRATIONS, 6: renameTitle }, version: 7 });
    expect(result.ok && result.doc).toMatchObject({ version: 7, title: 'Old title' });
  });

  it('reports a missing step instead of loading a half-upgraded document', () => {
    const result = loadNotebookValue(createNotebook('a', 'T', 'c'), { migrations: {}, version: 7 });
    expect(result.ok ? '' : result.error.message).toContain('no migration from format version 6');
  });

  it('1 → 2: a graph cell’s bad training settings take their own defaults; the others keep their values', () => {
    const v1 = {
      ...createNotebook('a', 'T', 'c'),
      version: 1,
      cells: [
        {
          id: 'g',
          kind: 'graph',
          graphId: 'm',
          name: 'model1',
          training: { epochs: 7, batch_size: 64, learning_rate: 0, loss: 'nope', leftover: true },
        },
      ],
      graphs: { m: { nodes: [], edges: [], positions: {} } },
    };
    const result = loadNotebookValue(v1);
    if (!result.ok) throw result.error;
    const cell = result.doc.cells[0];
    expect(cell.kind === 'graph' && cell.training).toEqual({ epochs: 7, batch_size: 64 });
    expect(trainConfigOf(cell.kind === 'graph' ? cell.training : undefined)).toMatchObject({
      epochs: 7,
      batch_size: 64,
      learning_rate: 0.01,
      loss: 'binary_crossentropy',
    });
  });

  it('from format 2 a setting keeps what the learner typed, and an unknown one is a mistake in the file', () => {
    const doc = createNotebook('a', 'T', 'c');
    const withCell = (training: Record<string, unknown>) => ({
      ...doc,
      cells: [{ id: 'g', kind: 'graph', graphId: 'm', name: 'model1', training }],
      graphs: { m: { nodes: [], edges: [], positions: {} } },
    });
    const typed = loadNotebookValue(withCell({ learning_rate: 0, epochs: '1e' }));
    expect(typed.ok && typed.doc.cells[0]).toMatchObject({ training: { learning_rate: 0, epochs: '1e' } });
    const typo = loadNotebookValue(withCell({ learnng_rate: 0.1 }));
    expect(typo.ok ? '' : typo.error.message).toMatch(/cells\[0\]\.training: Unrecognized key.*learnng_rate/);
  });

  it('2 → 3: a format-2 notebook (no exercises) opens unchanged but for its version', () => {
    const v2 = { ...createNotebook('a', 'T', 'c'), version: 2 };
    const result = loadNotebookValue(v2);
    expect(result.ok && result.doc).toEqual({ ...v2, version: 6 });
  });

  it('3 → 4: a format-3 notebook opens unchanged but for its version; a graph cell may keep the Python it came from', () => {
    const v3 = { ...createNotebook('a', 'T', 'c'), version: 3 };
    expect(loadNotebookValue(v3)).toEqual({ ok: true, doc: { ...v3, version: 6 } });
    const imported = {
      ...createNotebook('a', 'T', 'c'),
      cells: [{ id: 'g', kind: 'graph', graphId: 'm', name: 'model', python: 'model = keras.Sequential([])' }],
      graphs: { m: { nodes: [], edges: [], positions: {} } },
    };
    expect(loadNotebookValue(imported).ok).toBe(true);
    const numeric = { ...imported, cells: [{ ...imported.cells[0], python: 42 }] };
    const refused = loadNotebookValue(numeric);
    expect(refused.ok ? '' : refused.error.message).toMatch(/cells\[0\]\.python/);
  });

  it('4 → 5: a format-4 notebook opens unchanged but for its version; a graph node may be frozen, and only with true or false', () => {
    const v4 = { ...createNotebook('a', 'T', 'c'), version: 4 };
    expect(loadNotebookValue(v4)).toEqual({ ok: true, doc: { ...v4, version: 6 } });
    const frozen = (trainable: unknown) => ({
      ...createNotebook('a', 'T', 'c'),
      cells: [{ id: 'g', kind: 'graph', graphId: 'm', name: 'model' }],
      graphs: { m: { nodes: [{ id: 'd', className: 'Dense', config: {}, trainable }], edges: [], positions: {} } },
    });
    const loaded = loadNotebookValue(frozen(false));
    expect(loaded.ok && loaded.doc.graphs.m.nodes[0].trainable).toBe(false);
    const refused = loadNotebookValue(frozen('no'));
    expect(refused.ok ? '' : refused.error.message).toMatch(/graphs\.m\.nodes\[0\]\.trainable/);
  });

  it('5 → 6: a format-5 notebook opens unchanged but for its version; a backbone may start fresh, and only with "fresh"', () => {
    const v5 = { ...createNotebook('a', 'T', 'c'), version: 5 };
    expect(loadNotebookValue(v5)).toEqual({ ok: true, doc: { ...v5, version: 6 } });
    const inner = { nodes: [{ id: 'i', className: 'InputLayer', config: { shape: [2] } }], edges: [], positions: {} };
    const withBlock = (weights: unknown) => ({
      ...createNotebook('a', 'T', 'c'),
      cells: [{ id: 'g', kind: 'graph', graphId: 'm', name: 'model' }],
      graphs: {
        m: {
          nodes: [
            {
              id: 'b',
              className: 'Functional',
              config: {},
              block: { name: 'net', source: { kind: 'shipped', id: 'digits-0-4' }, graph: inner, cut: 'i', weights },
            },
          ],
          edges: [],
          positions: {},
        },
      },
    });
    const loaded = loadNotebookValue(withBlock('fresh'));
    expect(loaded.ok && loaded.doc.graphs.m.nodes[0].block?.weights).toBe('fresh');
    const refused = loadNotebookValue(withBlock('random'));
    expect(refused.ok ? '' : refused.error.message).toMatch(/graphs\.m\.nodes\[0\]\.block\.weights/);
  });

  it('an exercise is part of the document: a hostile one (too many hints, an unknown key) is a mistake in the file', () => {
    const doc = createNotebook('a', 'T', 'c');
    const withExercise = (exercise: Record<string, unknown>) => ({
      ...doc,
      cells: [{ id: 'c', kind: 'code', source: '', exercise }],
    });
    const good = { task: 'Make x', hints: ['one'], solution: 'const x = 1;', check: "check.value('x', 1);", progress: { solved: true } };
    const loaded = loadNotebookValue(withExercise(good));
    expect(loaded.ok && loaded.doc.cells[0]).toMatchObject({ exercise: good });
    const many = loadNotebookValue(withExercise({ ...good, hints: Array.from({ length: 21 }, () => 'h') }));
    expect(many.ok ? '' : many.error.message).toMatch(/cells\[0\]\.exercise\.hints/);
    const extra = loadNotebookValue(withExercise({ ...good, answer: 42 }));
    expect(extra.ok ? '' : extra.error.message).toMatch(/Unrecognized key.*answer/);
  });

  it('refuses a step that does not bump the version', () => {
    const broken: Migration = (raw) => raw;
    expect(() => migrate({ version: 1 }, { 1: broken }, 2)).toThrow(/did not produce version 2/);
  });
});
