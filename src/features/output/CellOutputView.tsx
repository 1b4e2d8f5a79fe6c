import { useNotebook } from '../../store/notebookStore';
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
      {output.items.map((item, i) => {
        switch (item.kind) {
          case 'stream':
            return <StreamView key={i} level={item.level} text={item.text} />;
          case 'display':
            return <DisplayOutputView key={i} output={item.output} />;
          case 'result':
            return (
              <div key={i} className="result">
                <ValueView value={item.value} />
              </div>
            );
          case 'training':
            return <TrainingView key={i} trainId={item.trainId} />;
          case 'error':
            return <ErrorView key={i} error={item.error} cellId={cellId} />;
        }
      })}
      {output.state === 'queued' && <div className="output-note">Waiting for the cells before it…</div>}
    </section>
  );
}
