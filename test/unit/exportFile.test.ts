import { describe, expect, it } from 'vitest';
import { exportFileName } from '../../src/doc/exportFile';
import { newId } from '../../src/doc/ids';

describe('export file name', () => {
  it('is the title with .layerbook.json', () => {
    expect(exportFileName('My CNN')).toBe('My CNN.layerbook.json');
  });
  it('replaces characters file systems reject and never starts with a dot', () => {
    expect(exportFileName('a/b\\c:d*e?"f<g>h|i')).toBe('a-b-c-d-e-f-g-h-i.layerbook.json');
    expect(exportFileName('..hidden')).toBe('hidden.layerbook.json');
  });
  it('names an empty title Untitled', () => {
    expect(exportFileName('   ')).toBe('Untitled.layerbook.json');
  });
});

describe('ids', () => {
  it('are base-36 of the asked length and do not repeat', () => {
    const seen = new Set(Array.from({ length: 2000 }, () => newId()));
    expect(seen.size).toBe(2000);
    for (const id of seen) expect(id).toMatch(/^[0-9a-z]{12}$/);
  });
});
