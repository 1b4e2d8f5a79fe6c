import { useNotebook } from '../../store/notebookStore';
import { useRunActions } from './useRunActions';

/** ▶ and Jupyter's execution count: [ ] never run, [*] queued or running, [n] the nth run. */
export function RunButton({ cellId }: { cellId: string }) {
  const output = useNotebook((s) => s.outputs[cellId]);
  const trusted = useNotebook((s) => s.trusted);
  const { runInPlace } = useRunActions();
  const pending = output?.state === 'queued' || output?.state === 'running';
  const count = pending ? '*' : (output?.count ?? ' ');
  return (
    <span className="run-group">
      <button
        type="button"
        className="run-button"
        aria-label="Run cell"
        title={trusted ? 'Run cell (Ctrl+Enter; Shift+Enter runs and moves on)' : 'Trust this notebook to run it'}
        disabled={!trusted}
        onClick={() => runInPlace(cellId)}
      >
        ▶
      </button>
      <span className="exec-count" aria-label={pending ? 'Running' : output?.count ? `Execution count ${output.count}` : 'Not run'}>
        [{count}]
      </span>
    </span>
  );
}
