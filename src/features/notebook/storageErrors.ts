/** Says in a learner's words why storage failed, and what it means for their work. */
export function describeStorageError(e: unknown): string {
  const name = (e as Error)?.name;
  const detail = (e as Error)?.message || String(e);
  switch (name) {
    case 'QuotaExceededError':
      return (
        'The browser has no more storage space for this site. ' +
        "Free some space (delete old notebooks, or clear other sites' data), or export this notebook to keep it."
      );
    case 'SaveConflictError':
      return `${detail} Reload to see it; your edits in this tab were not saved, so export them first if you need them.`;
    case 'InvalidStateError':
    case 'UnknownError':
      return `The browser's database stopped working (${detail}). This happens in some private windows and when the disk is full.`;
    default:
      return `Saving failed: ${detail}`;
  }
}
