import type { CellError } from '../../protocol/messages';
import { useNotebook } from '../../store/notebookStore';
import { useKernelSession } from '../kernel/kernelContext';

/** An error in the learner's terms: what, which line, the calls that led there, what to try. */
export function ErrorView({ error, cellId }: { error: CellError; cellId: string }) {
  const cells = useNotebook((s) => s.doc.cells);
  const kernel = useKernelSession();
  const cellName = (id: string) => {
    const i = cells.findIndex((c) => c.id === id);
    return id === cellId ? 'this cell' : i >= 0 ? `cell ${i + 1}` : 'a deleted cell';
  };
  // A graph cell has no lines of its own: its run is one generated call, always "line 1".
  const graph = cells.find((c) => c.id === cellId)?.kind === 'graph';
  const backend = error.suggestBackend;
  return (
    <div className="error-view">
      <div className="error-head">
        <strong>{error.name}</strong>: {error.message}
        {error.line !== undefined && !graph && <span className="error-line"> (line {error.line})</span>}
      </div>
      {error.frames.length > 1 && (
        <ol className="error-frames" aria-label="Stack">
          {error.frames.map((f, i) => (
            <li key={i}>
              at {f.fn} ({cellName(f.cellId)}, line {f.line})
            </li>
          ))}
        </ol>
      )}
      {error.hint && <div className="error-hint">{error.hint}</div>}
      {backend && (
        <button
          type="button"
          onClick={() => {
            // A restart loses every variable, so the cells this one depends on run again too.
            void kernel.restart(backend).then(() => kernel.runThrough(cellId));
          }}
        >
          Switch to {backend} and run again
        </button>
      )}
    </div>
  );
}
