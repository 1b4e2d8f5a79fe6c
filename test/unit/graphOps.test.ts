import { describe, expect, it } from 'vitest';
import * as g from '../../src/doc/graphOps';
import { createNotebook } from '../../src/doc/ops';
import { loadNotebookValue } from '../../src/doc/load';
import { autoLayout } from '../../src/graph/layout';

const node = (id: string, className = 'Dense') => ({ id, className, config: {} });

describe('graph cells in the document', () => {
  it('adds a graph cell with its own empty graph, which loads back', () => {
    const doc = g.insertGraphCell(createNotebook('n', 'T', 'c1'), 'gc', 'g1', 'model1', 1);
    expect(doc.cells[1]).toEqual({ id: 'gc', kind: 'graph', graphId: 'g1', name: 'model1' });
    expect(doc.graphs.g1).toEqual({ nodes: [], edges: [], positions: {} });
    expect(loadNotebookValue(doc).ok).toBe(true);
    expect(g.nextModelName(doc)).toBe('model2');
  });

  it('renames a model only to a valid variable name', () => {
    const doc = g.insertGraphCell(createNotebook('n', 'T', 'c1'), 'gc', 'g1', 'model1', 1);
    expect((g.setGraphCellName(doc, 'gc', 'classifier').cells[1] as { name: string }).name).toBe('classifier');
    for (const bad of ['1model', 'my model', 'class', 'tf', '']) expect(g.setGraphCellName(doc, 'gc', bad)).toBe(doc);
    expect(g.modelNameProblem('with space')).toMatch(/valid variable name/);
  });
});

describe('graph edits', () => {
  const base = g.connect(
    g.addNode(g.addNode(g.emptyGraph(), node('a', 'Input'), { x: 0, y: 0 }), node('b'), { x: 0, y: 100 }),
    'e1',
    'a',
    'b',
  );

  it('connects, numbering a target’s inputs in order, and refuses loops and duplicates', () => {
    let graph = g.addNode(base, node('m', 'Add'), { x: 0, y: 200 });
    graph = g.connect(g.connect(graph, 'e2', 'a', 'm'), 'e3', 'b', 'm');
    expect(graph.edges.filter((e) => e.target === 'm').map((e) => e.targetPort)).toEqual(['in0', 'in1']);
    expect(g.connect(graph, 'e4', 'a', 'm')).toBe(graph);
    expect(g.connect(graph, 'e5', 'm', 'm')).toBe(graph);
  });

  it('removing a node removes its edges and position', () => {
    const graph = g.removeNodes(base, ['a']);
    expect(graph).toEqual({ nodes: [node('b')], edges: [], positions: { b: { x: 0, y: 100 } } });
  });

  it('sets parameters, moves, and duplicates with fresh ids and the edges between copies', () => {
    let i = 0;
    const graph = g.duplicateNodes(g.setNodeConfig(base, 'b', { units: 10 }), ['a', 'b'], () => `new${i++}`);
    expect(graph.nodes.map((n) => n.id)).toEqual(['a', 'b', 'new0', 'new1']);
    expect(graph.nodes[3].config).toEqual({ units: 10 });
    expect(graph.edges.map((e) => [e.source, e.target])).toEqual([
      ['a', 'b'],
      ['new0', 'new1'],
    ]);
    expect(graph.positions.new1).toEqual({ x: 40, y: 140 });
    expect(g.moveNodes(base, { a: { x: 5, y: 6 } }).positions.a).toEqual({ x: 5, y: 6 });
  });

  it('lays a graph out top to bottom, inputs first', () => {
    const positions = autoLayout(base);
    expect(positions.a.y).toBeLessThan(positions.b.y);
  });
});
