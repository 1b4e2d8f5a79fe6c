import { memo, useId, useLayoutEffect, useRef, useState } from 'react';
import type { TrainMark } from '../../protocol/messages';
import type { TrainingRun } from '../../store/outputTypes';
import { useAfterFirstPaint } from './useAfterFirstPaint';
import { SERIES_COLOURS } from '../output/chartColours';
import { decimate, metricTitle, smooth } from './decimate';
import { drawLineChart, type ChartMark, type ChartSeries } from './drawLineChart';

const MARK_COLOURS: Record<TrainMark['kind'], string> = {
  early_stop: '#e11d48',
  lr_reduced: '#8b5cf6',
  best_epoch: '#10b981',
  fine_tune: '#f59e0b',
};
const MARK_NAMES: Record<TrainMark['kind'], string> = {
  early_stop: 'early stop',
  lr_reduced: 'LR cut',
  best_epoch: 'best',
  fine_tune: 'fine-tune',
};

interface View {
  smoothing: number;
  logY: boolean;
}

/** One chart per metric: per batch (train, smoothed), and per epoch (train and validation), with the run's marks. */
function TrainingCharts({ run }: { run: TrainingRun }) {
  const [view, setView] = useState<View>({ smoothing: 0.6, logY: false });
  const smoothId = useId();
  const names = [...new Set([...run.metrics, ...run.batches.flatMap((b) => Object.keys(b.values))])].filter((m) => !m.startsWith('val_'));
  // The learning rate comes last: it explains the curves above it.
  names.sort((a, b) => Number(a === 'lr') - Number(b === 'lr'));
  return (
    <div className="training-charts-wrap">
      <div className="chart-controls">
        <label htmlFor={smoothId}>Smoothing</label>
        <input
          id={smoothId}
          type="range"
          min={0}
          max={0.99}
          step={0.01}
          value={view.smoothing}
          onChange={(e) => setView({ ...view, smoothing: Number(e.target.value) })}
        />
        <output htmlFor={smoothId}>{view.smoothing.toFixed(2)}</output>
        <label>
          <input type="checkbox" checked={view.logY} onChange={(e) => setView({ ...view, logY: e.target.checked })} /> Log scale
        </label>
      </div>
      <div className="training-charts" data-updates={run.updates}>
        {names.map((name) => (
          <MetricChart key={name} run={run} name={name} view={view} />
        ))}
      </div>
      {run.marks.length > 0 && (
        <ul className="chart-marks" aria-label="Marked on the charts">
          {run.marks.map((m) => (
            <li key={`${m.kind}${m.epoch}`}>
              <i style={{ background: MARK_COLOURS[m.kind] }} /> epoch {m.epoch + 1}: {m.text}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function seriesFor(run: TrainingRun, name: string, view: View): ChartSeries[] {
  const batchesPerEpoch = run.progress.batches || 1;
  // Epoch values sit at the step where their epoch ended, on the same x axis as the batches.
  const at = (e: { epoch: number }) => (e.epoch + 1) * batchesPerEpoch;
  const raw = run.batches.filter((b) => name in b.values).map((b) => ({ x: b.step, y: b.values[name] }));
  // The learning rate is set, not measured: nothing to smooth, and no epoch dots to add.
  if (name === 'lr') return [{ name: 'learning rate', colour: SERIES_COLOURS[4], points: decimate(raw) }];
  const smoothed = view.smoothing > 0;
  const series: ChartSeries[] = [
    ...(smoothed ? [{ name: 'per batch (raw)', colour: SERIES_COLOURS[0], faint: true, points: decimate(raw) }] : []),
    { name: smoothed ? 'per batch (smoothed)' : 'per batch', colour: SERIES_COLOURS[0], points: decimate(smooth(raw, view.smoothing)) },
    {
      name: 'epoch (train)',
      colour: SERIES_COLOURS[1],
      dots: true,
      points: run.epochs.filter((e) => name in e.values).map((e) => ({ x: at(e), y: e.values[name] })),
    },
  ];
  const val = run.epochs.filter((e) => `val_${name}` in e.values).map((e) => ({ x: at(e), y: e.values[`val_${name}`] }));
  if (val.length) series.push({ name: 'epoch (validation)', colour: SERIES_COLOURS[2], dots: true, points: val });
  return series;
}

function marksFor(run: TrainingRun): ChartMark[] {
  const batchesPerEpoch = run.progress.batches || 1;
  return run.marks.map((m) => ({
    x: (m.epoch + 1) * batchesPerEpoch,
    label: `${MARK_NAMES[m.kind]} (epoch ${m.epoch + 1})`,
    colour: MARK_COLOURS[m.kind],
  }));
}

/** Says in words what the chart shows, for screen readers and for tests. */
function describe(title: string, series: ChartSeries[], marks: ChartMark[]): string {
  const parts = series
    .filter((s) => s.points.length && !s.faint)
    .map((s) => `${s.name} ${Number(s.points[s.points.length - 1].y.toPrecision(4))}`);
  const marked = marks.length ? `; marked: ${marks.map((m) => m.label).join(', ')}` : '';
  return `${title}: latest ${parts.join(', ') || 'nothing yet'}${marked}`;
}

function MetricChart({ run, name, view }: { run: TrainingRun; name: string; view: View }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const series = seriesFor(run, name, view);
  const marks = marksFor(run);
  const title = metricTitle(name);
  // Drawn before the browser paints, in the frame that shows the new progress line: drawn in a
  // passive effect, after that paint, every update cost a second frame (style, layout, paint of
  // the whole document, commit) while the kernel trained: 42 paints in a CNN round instead of 21.
  const draw = () => {
    if (!canvas.current) return;
    const style = getComputedStyle(canvas.current);
    drawLineChart(
      canvas.current,
      series,
      { text: style.getPropertyValue('--muted') || '#666', grid: style.getPropertyValue('--border') || '#ddd' },
      { logY: view.logY, marks },
    );
  };
  // The first draw (a new canvas's backing store, styles read, axes) waits until the frame that
  // shows the run's start has been painted: in that frame the whole training view appears, and
  // with the three charts' first draws on top it took two frames at the first batch of a cold
  // Train. The canvas keeps its size meanwhile, so nothing moves; the draw is of the latest data.
  const firstDrawn = useAfterFirstPaint(draw);
  useLayoutEffect(() => {
    if (firstDrawn()) draw();
  });
  return (
    <figure role="region" aria-label={`${title} chart`} className="chart">
      <figcaption>{title}</figcaption>
      <canvas ref={canvas} role="img" aria-label={describe(title, series, marks)} className="chart-canvas" />
      <div className="chart-legend">
        {series
          .filter((s) => !s.faint)
          .map((s) => (
            <span key={s.name}>
              <i style={{ background: s.colour }} /> {s.name}
            </span>
          ))}
      </div>
    </figure>
  );
}

// Redraws only when the (throttled) run it is given changes.
export default memo(TrainingCharts);
