import { describe, expect, it } from 'vitest';
import { loadNotebookValue } from '../../src/doc/load';
import { migrate, MIGRATIONS, type Migration } from '../../src/doc/migrate';
import { createNotebook } from '../../src/doc/ops';
import { trainConfigOf } from '../../src/doc/trainConfig';
import { FORMAT_VERSION } from '../../src/doc/types';

// A made-up history: format 3 called the title "name"; format 4 renamed it.
const renameTitle: Migration = ({ name, ...rest }) => ({ ...rest, title: name, version: 4 });

describe('migration', () => {
  it('runs on every load: a current document passes through unchanged', () => {
    const doc = createNotebook('a', 'T', 'c');
    expect(FORMAT_VERSION).toBe(3);
    expect(Object.keys(MIGRATIONS)).toEqual(['1', '2']);
    expect(migrate(doc as unknown as Record<string, unknown>)).toBe(doc);
  });

  it('upgrades an older document step by step before validating it', () => {
    const { title, ...v3 } = createNotebook('a', 'Old title', 'c');
    const result = loadNotebookValue({ ...v3, name: title }, { migrations: { ...MIGRATIONS, 3: renameTitle }, version: 4 });
    expect(result.ok && result.doc).toMatchObject({ version: 4, title: 'Old title' });
  });

  it('reports a missing step instead of loading a half-upgraded document', () => {
    const result = loadNotebookValue(createNotebook('a', 'T', 'c'), { migrations: {}, version: 4 });
    expect(result.ok ? '' : result.error.message).toContain('no migration from format version 3');
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
    expect(result.ok && result.doc).toEqual({ ...v2, version: 3 });
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
