import { describe, expect, it } from 'vitest';
import { loadNotebookValue } from '../../src/doc/load';
import { migrate, MIGRATIONS, type Migration } from '../../src/doc/migrate';
import { createNotebook } from '../../src/doc/ops';
import { trainConfigOf } from '../../src/doc/trainConfig';
import { FORMAT_VERSION } from '../../src/doc/types';

// A made-up history: format 2 called the title "name"; format 3 renamed it.
const renameTitle: Migration = ({ name, ...rest }) => ({ ...rest, title: name, version: 3 });

describe('migration', () => {
  it('runs on every load: a current document passes through unchanged', () => {
    const doc = createNotebook('a', 'T', 'c');
    expect(FORMAT_VERSION).toBe(2);
    expect(Object.keys(MIGRATIONS)).toEqual(['1']);
    expect(migrate(doc as unknown as Record<string, unknown>)).toBe(doc);
  });

  it('upgrades an older document step by step before validating it', () => {
    const { title, ...v2 } = createNotebook('a', 'Old title', 'c');
    const result = loadNotebookValue({ ...v2, name: title }, { migrations: { ...MIGRATIONS, 2: renameTitle }, version: 3 });
    expect(result.ok && result.doc).toMatchObject({ version: 3, title: 'Old title' });
  });

  it('reports a missing step instead of loading a half-upgraded document', () => {
    const result = loadNotebookValue(createNotebook('a', 'T', 'c'), { migrations: {}, version: 3 });
    expect(result.ok ? '' : result.error.message).toContain('no migration from format version 2');
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

  it('refuses a step that does not bump the version', () => {
    const broken: Migration = (raw) => raw;
    expect(() => migrate({ version: 1 }, { 1: broken }, 2)).toThrow(/did not produce version 2/);
  });
});
