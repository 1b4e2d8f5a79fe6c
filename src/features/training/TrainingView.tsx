import { lazy, Suspense, useState } from 'react';
import { useThrottled } from './useThrottled';
import { StoppingStatus } from './StoppingStatus';
import { useNotebook } from '../../store/notebookStore';
import { useKernelSession } from '../kernel/kernelContext';
import { formatDuration } from './decimate';

const TrainingCharts = lazy(() => import('./TrainingCharts'));

/** The charts redraw at most this often while training; the last update always shows. */
const CHART_REDRAW_MS = 200;

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(1) : v.toPrecision(4));

/** A model.fit as it runs: progress, Stop training, live charts, and the final metrics. */
export function TrainingView({ trainId }: { trainId: string }) {
  const run = useNotebook((s) => s.trainings[trainId]);
  const kernel = useKernelSession();
  // Everything shown redraws at most 5 times a second, from one snapshot: each batch flush and
  // epoch end updates the run, and each redraw costs the page a style, layout, paint and commit
  // that compete with training for the CPU (software WebGL shares it). Drawn at its own pace,
  // the progress line added frames of work between the charts'. Only the Stop button follows
  // `run` at once.
  const shown = useThrottled(run, CHART_REDRAW_MS);
  // The batches already sent to the device finish before the run stops: seconds on software WebGL.
  const [stopping, setStopping] = useState(false);

  if (!run) return null;
  const view = shown ?? run;
  const p = view.progress;
  const total = p.epochs * Math.max(1, p.batches);
  const done = (p.epoch - 1) * Math.max(1, p.batches) + p.batch;
  const pct = view.state === 'done' ? 100 : Math.min(100, Math.round((100 * done) / total));
  const finalText =
    view.final &&
    Object.entries(view.final)
      .map(([k, v]) => `${k}: ${fmt(v)}`)
      .join(' · ');

  return (
    <div className="training">
      <div className="training-head">
        <div
          role="progressbar"
          aria-label="Training progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct}
          className="progress"
        >
          <div className="progress-fill" style={{ transform: `scaleX(${pct / 100})` }} />
        </div>
        {run.state === 'running' && (
          <button type="button" disabled={stopping} onClick={() => (kernel.stopTraining(), setStopping(true))}>
            Stop training
          </button>
        )}
      </div>
      {/* Outside the head's flex row, where even an empty span would take a gap. */}
      <StoppingStatus stopping={stopping && run.state === 'running'} />
      <div className="training-text">
        Epoch {p.epoch}/{p.epochs}
        {p.batches > 0 && ` · batch ${p.batch}/${p.batches}`} · {Math.round(p.samplesPerSec).toLocaleString()} samples/s
        {view.state === 'running' ? ` · ETA ${formatDuration(p.etaSec)}` : view.state === 'stopped' ? ' · stopped' : ' · done'}
      </div>
      {view.state !== 'running' && finalText && <div className="training-final">Final {finalText}</div>}
      <Suspense fallback={<div className="chart-placeholder">Loading charts…</div>}>
        {shown ? <TrainingCharts run={shown} /> : <div className="chart-placeholder">Drawing charts…</div>}
      </Suspense>
    </div>
  );
}
