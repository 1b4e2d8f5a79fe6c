/**
 * Where a learner's own data came from and how it was read: what an exported Jupyter notebook
 * needs to read the same file by its name, beside the notebook.
 */
export type OwnDataOrigin =
  | { kind: 'csv'; file: string; delimiter: string; features: string[]; label: string; normalize: boolean; classes?: string[] }
  | { kind: 'images'; folder: string; size: number; channels: number; classes: string[] };
