import { describe, expect, it } from 'vitest';
import { CsvError, csvToDataset, parseCsv } from '../../src/data/csv';

describe('CSV parsing of awkward files', () => {
  it('handles quotes, commas and quotes inside quotes, line breaks in fields, CRLF and a BOM', () => {
    const t = parseCsv('\uFEFFname,comment,score\r\n"Smith, Ann","said ""hi""",3\r\nBo,"two\nlines",4\r\n');
    expect(t.header).toEqual(['name', 'comment', 'score']);
    expect(t.rows).toEqual([
      ['Smith, Ann', 'said "hi"', '3'],
      ['Bo', 'two\nlines', '4'],
    ]);
  });

  it('gives clear errors: empty, a header only, ragged rows, an unclosed quote, duplicate names', () => {
    const cases: Array<[string, RegExp]> = [
      ['', /empty/],
      ['a,b,c\n', /header row but no data rows/],
      ['a,b\n1,2\n3\n', /Row 3 has 1 cells but the header has 2 columns/],
      ['a,b\n"1,2\n', /never closes/],
      ['a,a\n1,2\n', /Two columns are both called "a"/],
      [',b\n1,2\n', /has no name/],
    ];
    for (const [text, message] of cases) expect(() => parseCsv(text), text).toThrow(message);
  });

  it('refuses 1 MB of binary garbage quickly, as not text', () => {
    const garbage = Array.from({ length: 1024 * 1024 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('');
    const started = performance.now();
    expect(() => parseCsv(garbage)).toThrow(/does not look like text/);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('CSV to a dataset', () => {
  const table = parseCsv('height,weight,species\n1.0,10,cat\n2.0,,dog\n3.0,30,cat\n,40,dog\n');

  it('picks features and the label, fills empty cells with the column mean, and maps classes', () => {
    const d = csvToDataset(table, { features: ['height', 'weight'], label: 'species', normalize: false });
    expect(d.classes).toEqual(['cat', 'dog']);
    expect([...d.y]).toEqual([0, 1, 0, 1]);
    expect(d.filled).toBe(2);
    expect([...d.x]).toEqual([1, 10, 2, 80 / 3, 3, 30, 2, 40].map((v) => Math.fround(v)));
  });

  it('normalises to mean 0 and spread 1, and keeps the statistics for new inputs', () => {
    const d = csvToDataset(table, { features: ['height'], label: 'species', normalize: true });
    const mean = [...d.x].reduce((a, b) => a + b, 0) / d.count;
    expect(mean).toBeCloseTo(0, 5);
    expect(d.stats[0].mean).toBeCloseTo(2, 5);
  });

  it('treats a numeric label with many values as a quantity (regression)', () => {
    const t = parseCsv(`x,y\n${Array.from({ length: 30 }, (_, i) => `${i},${i * 1.5}`).join('\n')}\n`);
    const d = csvToDataset(t, { features: ['x'], label: 'y', normalize: false });
    expect(d.classes).toBeUndefined();
    expect(d.y[2]).toBe(3);
  });

  it('says which cell is not a number', () => {
    const t = parseCsv('a,label\n1,x\nseven,y\n');
    expect(() => csvToDataset(t, { features: ['a'], label: 'label', normalize: false })).toThrow(/Column "a" has "seven" in row 3/);
    expect(() => csvToDataset(t, { features: ['nope'], label: 'label', normalize: false })).toThrow(CsvError);
  });
});
