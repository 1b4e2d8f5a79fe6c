import { ErrorBoundary } from '../../app/ErrorBoundary';
import { useNotebook } from '../../store/notebookStore';
import type { OutputItem } from '../../store/outputTypes';
import { TrainingView } from '../training/TrainingView';
import { DisplayOutputView } from './DisplayOutputView';
import { ErrorView } from './ErrorView';
import { StreamView } from './StreamView';
import { ValueView } from './ValueView';

/** A code cell's output region: what its latest run printed, displayed, returned or threw. */
export function CellOutputView({ cellId }: { cellId: string }) {
  const output = useNotebook((s) => s.outputs[cellId]);
  if (!output) return null;
  return (
    <section role="region" aria-label="Output" className={`output output-${output.state}`} aria-busy={output.state === 'running'}>
      {output.items.map((item, i) => (
        // One broken output (a malformed value) breaks only itself, never the notebook.
        <ErrorBoundary key={i} area="this output">
          <OutputItemView item={item} cellId={cellId} running={output.state === 'running'} />
        </ErrorBoundary>
      ))}
      {output.state === 'queued' && <div className="output-note">Waiting for the cells before it…</div>}
    </section>
  );
}

function OutputItemView({ item, cellId, running }: { item: OutputItem; cellId: string; running: boolean }) {
  switch (item.kind) {
    case 'stream':
      return <StreamView level={item.level} text={item.text} />;
    case 'display':
      return <DisplayOutputView output={item.output} running={running} />;
    case 'result':
      return (
        <div className="result">
          <ValueView value={item.value} />
        </div>
      );
    case 'training':
      return <TrainingView trainId={item.trainId} />;
    case 'error':
      return <ErrorView error={item.error} cellId={cellId} />;
  }
}
