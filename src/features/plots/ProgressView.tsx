import type { ProgressOutput } from '../../protocol/display';
import { formatDuration } from '../training/decimate';
import { StopLoopButton } from './StopLoopButton';

const finite = (v: number) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** display.progress: a loop's bar with its step, rate and time left, as fit shows its own. */
export function ProgressView({ progress, running }: { progress: ProgressOutput; running: boolean }) {
  const total = Math.max(0, finite(progress.total));
  const step = Math.max(0, finite(progress.step));
  const rate = finite(progress.rate);
  const fraction = total > 0 ? Math.min(1, step / total) : 0;
  const done = total > 0 && step >= total;
  const tail = done ? 'done' : running ? `ETA ${formatDuration(progress.etaSec)}` : 'stopped';
  return (
    <div className="loop-progress">
      <div className="training-head">
        <div
          role="progressbar"
          aria-label={progress.label || 'Progress'}
          aria-valuemin={0}
          aria-valuemax={total}
          aria-valuenow={step}
          className="progress"
        >
          {/* Scaled, as the training bar is: no layout per update. */}
          <div className="progress-fill" style={{ transform: `scaleX(${fraction})` }} />
        </div>
        {running && !done && <StopLoopButton />}
      </div>
      <div className="training-text">
        {progress.label && `${progress.label}: `}
        {step.toLocaleString()} / {total.toLocaleString()} · {rate >= 10 ? Math.round(rate).toLocaleString() : rate.toPrecision(2)}/s ·{' '}
        {tail}
      </div>
    </div>
  );
}
