import { describe, expect, it } from 'vitest';
import { loadNotebookValue } from '../../src/doc/load';
import { migrate, MIGRATIONS, type Migration } from '../../src/doc/migrate';
import { createNotebook } from '../../src/doc/ops';
import { FORMAT_VERSION } from '../../src/doc/types';

// A made-up history: format 1 called the title "name"; format 2 renamed it.
const renameTitle: Migration = ({ name, ...rest }) => ({ ...rest, title: name, version: 2 });

describe('migration', () => {
  it('runs on every load: a current document passes through unchanged', () => {
    const doc = createNotebook('a', 'T', 'c');
    expect(FORMAT_VERSION).toBe(1);
    expect(Object.keys(MIGRATIONS)).toEqual([]);
    expect(migrate(doc as unknown as Record<string, unknown>)).toBe(doc);
  });

  it('upgrades an older document step by step before validating it', () => {
    const { title, ...v1 } = createNotebook('a', 'Old title', 'c');
    const result = loadNotebookValue({ ...v1, name: title }, { migrations: { 1: renameTitle }, version: 2 });
    expect(result.ok && result.doc).toMatchObject({ version: 2, title: 'Old title' });
  });

  it('reports a missing step instead of loading a half-upgraded document', () => {
    const result = loadNotebookValue(createNotebook('a', 'T', 'c'), { migrations: {}, version: 3 });
    expect(result.ok ? '' : result.error.message).toContain('no migration from format version 1');
  });

  it('refuses a step that does not bump the version', () => {
    const broken: Migration = (raw) => raw;
    expect(() => migrate({ version: 1 }, { 1: broken }, 2)).toThrow(/did not produce version 2/);
  });
});
