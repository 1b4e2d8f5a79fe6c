import type { NotebookDoc } from './types';

// A learner's copy of a shipped tutorial is an ordinary notebook whose metadata names the
// tutorial (metadata.tutorial = { slug, version }), so it can be found again and reset.

/** The slug of the tutorial a notebook is a copy of, or null. */
export function tutorialSlugOf(doc: NotebookDoc): string | null {
  const origin = doc.metadata.tutorial;
  if (typeof origin !== 'object' || origin === null) return null;
  const slug = (origin as Record<string, unknown>).slug;
  return typeof slug === 'string' && slug ? slug : null;
}

/** The learner's own copy of a shipped tutorial, under a new id. */
export function copyOfTutorial(shipped: NotebookDoc, id: string): NotebookDoc {
  return { ...shipped, id };
}

/** A copy put back to the shipped tutorial: its cells, graphs and title; its id and other metadata stay. */
export function resetToOriginal(doc: NotebookDoc, original: NotebookDoc): NotebookDoc {
  return {
    ...original,
    id: doc.id,
    metadata: { ...doc.metadata, tutorial: original.metadata.tutorial },
  };
}
