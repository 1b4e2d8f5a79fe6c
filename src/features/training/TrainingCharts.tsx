import { memo, useEffect, useRef } from 'react';
import type { TrainingRun } from '../../store/outputTypes';
import { SERIES_COLOURS } from '../output/chartColours';
import { decimate, metricTitle } from './decimate';
import { drawLineChart, type ChartSeries } from './drawLineChart';

/** One chart per metric: per batch (train), and per epoch (train and validation). */
function TrainingCharts({ run }: { run: TrainingRun }) {
  const names = [...new Set([...run.metrics, ...run.batches.flatMap((b) => Object.keys(b.values))])].filter((m) => !m.startsWith('val_'));
  return (
    <div className="training-charts" data-updates={run.updates}>
      {names.map((name) => (
        <MetricChart key={name} run={run} name={name} />
      ))}
    </div>
  );
}

function seriesFor(run: TrainingRun, name: string): ChartSeries[] {
  const batchesPerEpoch = run.progress.batches || 1;
  // Epoch values sit at the step where their epoch ended, on the same x axis as the batches.
  const at = (e: { epoch: number }) => (e.epoch + 1) * batchesPerEpoch;
  const series: ChartSeries[] = [
    { name: 'per batch', colour: SERIES_COLOURS[0], points: decimate(run.batches.filter((b) => name in b.values).map((b) => ({ x: b.step, y: b.values[name] }))) },
    { name: 'epoch (train)', colour: SERIES_COLOURS[1], dots: true, points: run.epochs.filter((e) => name in e.values).map((e) => ({ x: at(e), y: e.values[name] })) },
  ];
  const val = run.epochs.filter((e) => `val_${name}` in e.values).map((e) => ({ x: at(e), y: e.values[`val_${name}`] }));
  if (val.length) series.push({ name: 'epoch (validation)', colour: SERIES_COLOURS[2], dots: true, points: val });
  return series;
}

/** Says in words what the chart shows, for screen readers and for tests. */
function describe(title: string, series: ChartSeries[]): string {
  const parts = series.filter((s) => s.points.length).map((s) => `${s.name} ${Number(s.points[s.points.length - 1].y.toPrecision(4))}`);
  return `${title}: latest ${parts.join(', ') || 'nothing yet'}`;
}

function MetricChart({ run, name }: { run: TrainingRun; name: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const series = seriesFor(run, name);
  const title = metricTitle(name);
  useEffect(() => {
    if (!canvas.current) return;
    const style = getComputedStyle(canvas.current);
    drawLineChart(canvas.current, series, { text: style.getPropertyValue('--muted') || '#666', grid: style.getPropertyValue('--border') || '#ddd' });
  });
  return (
    <figure role="region" aria-label={`${title} chart`} className="chart">
      <figcaption>{title}</figcaption>
      <canvas ref={canvas} role="img" aria-label={describe(title, series)} className="chart-canvas" />
      <div className="chart-legend">
        {series.map((s) => (
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
