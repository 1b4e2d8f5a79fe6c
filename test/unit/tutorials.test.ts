import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref } from '../../src/app/router';
import { requireTrainConfig } from '../../src/doc/trainConfig';
import { copyOfTutorial, resetToOriginal, tutorialSlugOf } from '../../src/doc/tutorialCopy';
import { setCellSource } from '../../src/doc/ops';
import { inferGraph } from '../../src/graph/infer';
import { loadTutorialDoc, TUTORIALS } from '../../src/tutorials/catalogue';
import { exerciseCount } from '../../src/doc/exerciseOps';

// The shipped tutorials as documents: each loads through the one load path, its graphs are
// valid models and its settings valid runs. test/tutorials/ runs each one top to bottom.

describe('the tutorial catalogue', () => {
  it('has unique slugs and files, and every record its notebook', async () => {
    expect(new Set(TUTORIALS.map((t) => t.slug)).size).toBe(TUTORIALS.length);
    expect(new Set(TUTORIALS.map((t) => t.file)).size).toBe(TUTORIALS.length);
    for (const entry of TUTORIALS) {
      const doc = await loadTutorialDoc(entry);
      expect(doc.title).toBe(entry.title);
      expect(tutorialSlugOf(doc)).toBe(entry.slug);
      expect(doc.cells.length).toBeGreaterThan(2);
      // It explains first and ends with what to try next.
      expect(doc.cells[0].kind).toBe('markdown');
      expect(doc.cells.at(-1)?.kind).toBe('markdown');
    }
  });

  it('ships graphs that are valid models and settings that are valid runs', async () => {
    for (const entry of TUTORIALS) {
      const doc = await loadTutorialDoc(entry);
      for (const cell of doc.cells) {
        if (cell.kind !== 'graph') continue;
        const info = inferGraph(doc.graphs[cell.graphId]);
        const problems = Object.values(info.nodes).flatMap((n) => (n.error ? [`${n.id}: ${n.error}`] : []));
        expect(problems, `${entry.slug} / ${cell.name}`).toEqual([]);
        expect(info.ok, `${entry.slug} / ${cell.name}`).toBe(true);
        expect(() => requireTrainConfig(cell.training), `${entry.slug} / ${cell.name}`).not.toThrow();
      }
    }
  });

  it('ends with practice: two exercises or more, as many as its card says, and a trained goal on MNIST, Shapes and text', async () => {
    for (const entry of TUTORIALS) {
      const doc = await loadTutorialDoc(entry);
      const exercises = doc.cells.flatMap((c) => (c.kind !== 'markdown' && c.exercise ? [c.exercise] : []));
      expect(exercises.length, entry.slug).toBeGreaterThanOrEqual(2);
      expect(exerciseCount(doc), entry.slug).toEqual({ done: 0, total: entry.exercises });
      for (const ex of exercises) {
        expect(ex.task.trim(), entry.slug).not.toBe('');
        expect(ex.hints.length, entry.slug).toBeGreaterThan(0);
        expect(ex.check, entry.slug).toMatch(/check\./);
      }
    }
    // A model-goal exercise (trained to a target under a parameter budget) on each of MNIST, Shapes and the sentiment set.
    const goals = new Set<string>();
    for (const entry of TUTORIALS) {
      const doc = await loadTutorialDoc(entry);
      for (const cell of doc.cells) {
        if (cell.kind !== 'graph' || !cell.exercise || !/check\.trained\([^)]*maxParams/s.test(cell.exercise.check)) continue;
        goals.add(requireTrainConfig(cell.exercise.solutionTraining ?? cell.training).dataset);
      }
    }
    for (const dataset of ['mnist', 'shapes', 'sentiment']) expect([...goals]).toContain(dataset);
  });

  it('makes the same document on every build (ids derive from the slug)', async () => {
    const [first] = TUTORIALS;
    expect(await loadTutorialDoc(first)).toEqual(await loadTutorialDoc(first));
  });
});

describe("a learner's copy", () => {
  it('is the tutorial under a new id, and reset puts back its cells but keeps its id', async () => {
    const shipped = await loadTutorialDoc(TUTORIALS[0]);
    const copy = copyOfTutorial(shipped, 'mine');
    expect(copy.id).toBe('mine');
    expect(tutorialSlugOf(copy)).toBe(TUTORIALS[0].slug);
    const edited = setCellSource({ ...copy, title: 'My spirals' }, copy.cells[0].id, 'my notes');
    const reset = resetToOriginal({ ...edited, metadata: { ...edited.metadata, mine: 1 } }, shipped);
    expect(reset.id).toBe('mine');
    expect(reset.title).toBe(shipped.title);
    expect(reset.cells).toEqual(shipped.cells);
    expect(reset.graphs).toEqual(shipped.graphs);
    expect(reset.metadata).toEqual({ ...shipped.metadata, mine: 1 });
  });

  it('is no tutorial copy without a slug in its metadata', async () => {
    const shipped = await loadTutorialDoc(TUTORIALS[0]);
    for (const tutorial of [undefined, null, 'x', { slug: 3 }, { slug: '' }]) {
      expect(tutorialSlugOf({ ...shipped, metadata: { tutorial } })).toBeNull();
    }
  });

  it('opens from /?tutorial=<slug>, and that address is what the gallery links to', () => {
    expect(parseRoute(new URL('https://x/?tutorial=convolution'))).toEqual({ page: 'tutorial', slug: 'convolution' });
    expect(routeHref({ page: 'tutorial', slug: 'first-network' })).toBe('./?tutorial=first-network');
    expect(parseRoute(new URL(routeHref({ page: 'tutorial', slug: 'a b' }), 'https://x/'))).toEqual({ page: 'tutorial', slug: 'a b' });
  });
});
