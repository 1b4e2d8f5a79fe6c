import { describe, expect, it } from 'vitest';
import * as ops from '../../src/doc/ops';
import { FORMAT_VERSION, type NotebookDoc } from '../../src/doc/types';

const ids = (doc: NotebookDoc) => doc.cells.map((c) => c.id);

function threeCells(): NotebookDoc {
  let doc = ops.createNotebook('nb', 'Title', 'a');
  doc = ops.insertCell(doc, ops.newTextCell('b', 'markdown', '# B'), 1);
  return ops.insertCell(doc, ops.newTextCell('c', 'code', 'let c = 1;'), 2);
}

describe('document edit operations', () => {
  it('creates a notebook with one empty code cell', () => {
    const doc = ops.createNotebook('nb', 'Hello', 'cell1');
    expect(doc).toMatchObject({ format: 'layerbook', version: FORMAT_VERSION, id: 'nb', title: 'Hello', graphs: {}, metadata: {} });
    expect(doc.cells).toEqual([{ id: 'cell1', kind: 'code', source: '' }]);
  });

  it('inserts at an index, clamped to the list', () => {
    const doc = threeCells();
    expect(ids(ops.insertCell(doc, ops.newTextCell('x', 'code'), 0))).toEqual(['x', 'a', 'b', 'c']);
    expect(ids(ops.insertCell(doc, ops.newTextCell('x', 'code'), 99))).toEqual(['a', 'b', 'c', 'x']);
    expect(ids(ops.insertCell(doc, ops.newTextCell('x', 'code'), -5))).toEqual(['x', 'a', 'b', 'c']);
  });

  it('never mutates its input', () => {
    const doc = threeCells();
    const frozen = JSON.stringify(doc);
    ops.insertCell(doc, ops.newTextCell('x', 'code'), 1);
    ops.deleteCell(doc, 'b');
    ops.moveCell(doc, 'a', 1);
    ops.setCellSource(doc, 'a', 'changed');
    ops.setTitle(doc, 'changed');
    ops.setCellKind(doc, 'a', 'markdown');
    expect(JSON.stringify(doc)).toBe(frozen);
  });

  it('moves cells up and down, and does nothing past either end', () => {
    const doc = threeCells();
    expect(ids(ops.moveCell(doc, 'a', 1))).toEqual(['b', 'a', 'c']);
    expect(ids(ops.moveCell(doc, 'c', -1))).toEqual(['a', 'c', 'b']);
    expect(ops.moveCell(doc, 'a', -1)).toBe(doc);
    expect(ops.moveCell(doc, 'c', 1)).toBe(doc);
    expect(ops.moveCell(doc, 'missing', 1)).toBe(doc);
  });

  it('deletes a cell, and a graph cell takes its graph with it', () => {
    let doc = threeCells();
    expect(ids(ops.deleteCell(doc, 'b'))).toEqual(['a', 'c']);
    expect(ops.deleteCell(doc, 'missing')).toBe(doc);
    doc = { ...doc, graphs: { g1: { nodes: [], edges: [], positions: {} }, g2: { nodes: [], edges: [], positions: {} } } };
    doc = ops.insertCell(doc, { id: 'g', kind: 'graph', graphId: 'g1', name: 'model1' }, 0);
    expect(Object.keys(ops.deleteCell(doc, 'g').graphs)).toEqual(['g2']);
  });

  it('edits source and title, returning the same object when nothing changes', () => {
    const doc = threeCells();
    expect(ops.setCellSource(doc, 'b', '# New').cells[1]).toEqual({ id: 'b', kind: 'markdown', source: '# New' });
    expect(ops.setCellSource(doc, 'b', '# B')).toBe(doc);
    expect(ops.setTitle(doc, 'Title')).toBe(doc);
    expect(ops.setTitle(doc, 'Other').title).toBe('Other');
  });

  it('switches a cell between markdown and code, keeping its text', () => {
    const doc = threeCells();
    expect(ops.setCellKind(doc, 'c', 'markdown').cells[2]).toEqual({ id: 'c', kind: 'markdown', source: 'let c = 1;' });
    expect(ops.setCellKind(doc, 'c', 'code')).toBe(doc);
  });

  it('duplicates under new ids, sharing no cell identity', () => {
    const doc = threeCells();
    let n = 0;
    const copy = ops.duplicateNotebook(doc, 'nb2', 'Copy of Title', () => `new${n++}`);
    expect(copy.id).toBe('nb2');
    expect(copy.title).toBe('Copy of Title');
    expect(ids(copy)).toEqual(['new0', 'new1', 'new2']);
    expect(copy.cells.map((c) => c.kind)).toEqual(doc.cells.map((c) => c.kind));
  });
});
