import { newId } from '../../doc/ids';
import { copyOfTutorial } from '../../doc/tutorialCopy';
import type { Database, NotebookSummary } from '../../storage/db';
import { createNotebookRecord, listNotebooks } from '../../storage/notebookRepo';
import { loadTutorialDoc, type TutorialEntry } from '../../tutorials/catalogue';

/** The learner's most recently changed copy of a tutorial, if they have one. */
export async function latestCopyOf(db: Database, slug: string): Promise<NotebookSummary | null> {
  return (await listNotebooks(db)).find((n) => n.tutorial === slug) ?? null;
}

/**
 * Makes the learner's own copy of a tutorial in the library and returns its id. Tutorials ship
 * with the app, so the copy is trusted: it runs without *Trust and run*.
 */
export async function makeTutorialCopy(db: Database, entry: TutorialEntry): Promise<string> {
  const doc = copyOfTutorial(await loadTutorialDoc(entry), newId());
  await createNotebookRecord(db, doc, true);
  return doc.id;
}
