import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFileSize, jsonDepth, loadNotebookText, loadNotebookValue, MAX_FILE_BYTES } from '../../src/doc/load';
import { serializeNotebook } from '../../src/doc/exportFile';
import { createNotebook } from '../../src/doc/ops';
import { notebookFromText } from '../../src/features/import/importNotebook';

const HOSTILE = join(__dirname, '../fixtures/hostile');
const expected: Record<string, { code: string; says: string }> = JSON.parse(readFileSync(join(HOSTILE, 'expected.json'), 'utf8'));

describe('import hardening: the hostile corpus', () => {
  it('has an expectation for every fixture file', () => {
    const files = readdirSync(HOSTILE).filter((f) => f !== 'expected.json');
    expect(files.sort()).toEqual(Object.keys(expected).sort());
  });

  for (const [file, { code, says }] of Object.entries(expected)) {
    it(`${file}: refused as ${code}, saying where`, () => {
      // As Open notebook file reads it (a Jupyter notebook is converted first).
      const result = notebookFromText(readFileSync(join(HOSTILE, file), 'utf8'), file);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe(code);
      expect(result.error.message).toContain(says);
    });
  }

  it('refuses a file of millions of values quickly and without exhausting memory', () => {
    const items = ',0'.repeat(3_000_000);
    const text = `{"format":"layerbook","version":1,"id":"x","title":"t","cells":[],"graphs":{},"metadata":{"x":[0${items}]}}`;
    const started = performance.now();
    const result = loadNotebookText(text);
    expect(result.ok ? '' : result.error.code).toBe('too-large');
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('refuses cell ids that could collide once decoded', () => {
    const doc = createNotebook('n', 'T', 'a');
    doc.cells.push({ id: '%61', kind: 'code', source: '' });
    const result = loadNotebookValue(doc);
    expect(result.ok ? '' : result.error.message).toContain('cells[1].id: a cell id may use only letters');
  });

  it('refuses a prototype key nested inside a cell, not only at the top', () => {
    const doc = createNotebook('n', 'T', 'c');
    const text = serializeNotebook(doc).replace('"source": ""', '"source": "", "__proto__": {"x": 1}');
    const result = loadNotebookText(text);
    expect(result.ok || result.error.message).toContain('cells[0].__proto__');
  });
});

describe('size and depth limits', () => {
  it('refuses files over 20 MB by their size, before reading them', () => {
    expect(checkFileSize(MAX_FILE_BYTES)).toBeNull();
    const error = checkFileSize(MAX_FILE_BYTES + 1);
    expect(error?.code).toBe('too-large');
    expect(error?.message).toMatch(/at most 20 MB/);
  });

  it('refuses text over 20 MB too', () => {
    const doc = createNotebook('n', 'T', 'c');
    doc.cells[0] = { id: 'c', kind: 'code', source: 'x'.repeat(MAX_FILE_BYTES) };
    const result = loadNotebookText(serializeNotebook(doc));
    expect(result.ok ? 'ok' : result.error.code).toBe('too-large');
  });

  it('counts depth without being fooled by brackets inside strings', () => {
    expect(jsonDepth('{"a": "[[[[[[", "b": [1, {"c": 2}]}')).toBe(3);
    expect(jsonDepth('"\\"[[["')).toBe(0);
    expect(jsonDepth('[]')).toBe(1);
  });
});

describe('the load path', () => {
  it('round-trips an exported notebook unchanged', () => {
    const doc = createNotebook('abc', 'Round trip', 'c1');
    doc.cells.push({ id: 'c2', kind: 'markdown', source: '# Hi\n\n<b>bold</b>' });
    doc.metadata = { anything: { nested: [1, 'two', null] } };
    const result = loadNotebookText(serializeNotebook(doc));
    expect(result).toEqual({ ok: true, doc });
  });

  it('loads the valid fixture', () => {
    const text = readFileSync(join(__dirname, '../fixtures/valid/intro.layerbook.json'), 'utf8');
    const result = loadNotebookText(text);
    expect(result.ok && result.doc.cells.map((c) => c.kind)).toEqual(['markdown', 'code']);
  });

  it('is strict on structure: an unknown top-level key is an error with its path', () => {
    const raw = { ...createNotebook('a', 'T', 'c'), extra: 1 };
    const result = loadNotebookValue(raw);
    expect(result.ok ? '' : result.error.message).toMatch(/extra/);
  });

  it('rejects duplicate cell ids and graph cells whose graph is missing', () => {
    const raw = createNotebook('a', 'T', 'c');
    raw.cells.push({ id: 'c', kind: 'code', source: '' });
    raw.cells.push({ id: 'g', kind: 'graph', graphId: 'nope', name: 'model1' });
    const result = loadNotebookValue(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toContain('cells[1].id: duplicate cell id');
      expect(result.error.message).toContain('cells[2].graphId: no graph "nope"');
    }
  });

  it('accepts a graph cell with its graph', () => {
    const raw = createNotebook('a', 'T', 'c');
    raw.cells.push({ id: 'g', kind: 'graph', graphId: 'g1', name: 'model1' });
    raw.graphs.g1 = {
      nodes: [{ id: 'n1', className: 'Dense', config: { units: 10 } }],
      edges: [],
      positions: { n1: { x: 0, y: 0 } },
    };
    expect(loadNotebookValue(raw).ok).toBe(true);
  });

  it('rejects a version that is not a whole number', () => {
    const result = loadNotebookValue({ ...createNotebook('a', 'T', 'c'), version: 1.5 });
    expect(result.ok ? '' : result.error.message).toContain('version');
  });
});
