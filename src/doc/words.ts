// Small pieces of what the app says and checks, shared so that each is written once.

/** "1 cell", "3 cells", "2,000 examples": a count with its noun. */
export const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** A plain JSON object (not null, not an array): what a parsed file's records must be before their keys are read. */
export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
