import type { TrainingSettings } from '../doc/trainConfig';
import type { Exercise, ModelGraph } from '../doc/types';

/** What the gallery shows of a tutorial before it is opened. */
export interface TutorialMeta {
  /** Stable forever: a learner's copy names the tutorial it came from by it. */
  slug: string;
  title: string;
  /** One line on what it teaches. */
  summary: string;
  level: 'Beginner' | 'Intermediate' | 'Advanced';
  /** About how long it takes a learner, reading and running. */
  minutes: number;
  /** The dataset and the main layers or APIs it uses, as the card lists them. */
  uses: readonly string[];
  /** Raised when the shipped notebook changes, so a copy can say it is older than the tutorial. */
  version: number;
  /** How many exercises its notebook holds, for the gallery's "n of m exercises done" (a test keeps it true). */
  exercises: number;
}

/** One cell of a tutorial as written: text, code, or a graph cell with its model and training settings. */
export type TutorialCell =
  | { kind: 'markdown'; source: string }
  | { kind: 'code'; source: string; exercise?: Exercise }
  | { kind: 'graph'; name: string; graph: ModelGraph; training?: TrainingSettings; exercise?: Exercise };
