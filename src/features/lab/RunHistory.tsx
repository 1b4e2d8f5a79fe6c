import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useNotebook } from '../../store/notebookStore';
import type { RunRecord } from '../../store/labSlice';
import { SERIES_COLOURS } from '../output/chartColours';
import { drawLineChart, type ChartSeries } from '../training/drawLineChart';
import { metricTitle } from '../training/decimate';

const fmt = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '—' : Number(v.toPrecision(4)).toString());
const pct = (v: number | undefined) => (v === undefined ? '—' : `${(v * 100).toFixed(1)} %`);
/** Loss and val_loss have their own columns; the learning rate is a setting, not a result. */
const OWN_COLUMNS = new Set(['loss', 'val_loss', 'lr']);
/** The run's last values of its other metrics (accuracy, val_accuracy, precision, …). */
const finalMetrics = (r: RunRecord) =>
  Object.entries(r.final)
    .filter(([k]) => !OWN_COLUMNS.has(k))
    .map(([k, v]) => `${k} ${fmt(v)}`)
    .join(', ') || '—';
const colour = (r: RunRecord) => SERIES_COLOURS[(r.number - 1) % SERIES_COLOURS.length];
const testOf = (t: RunRecord['test']) => (t ? (t.accuracy !== undefined ? pct(t.accuracy) : `MAE ${fmt(t.mae)}`) : '—');

/** How a run ended: its last phase's early stop, Stop, or done. */
function endOf(r: RunRecord): string {
  const since = r.fineTunes?.[r.fineTunes.length - 1]?.fromEpoch ?? 0;
  return r.marks.some((m) => m.kind === 'early_stop' && m.epoch >= since) ? 'early stop' : r.stopped ? 'stopped' : 'done';
}

/** The epochs each phase of a run ran: its Train, then each Fine-tune that went on from it. */
function phaseEpochs(r: RunRecord): number[] {
  const starts = [0, ...(r.fineTunes ?? []).map((t) => t.fromEpoch)];
  return starts.map((s, i) => r.epochs.filter((e) => e.epoch >= s && (i + 1 >= starts.length || e.epoch < starts[i + 1])).length);
}

/** Every Train of this cell in the session: a table of settings and results, and their curves on one chart. */
export function RunHistory({ cellId }: { cellId: string }) {
  const all = useNotebook((s) => s.runHistory);
  const clear = useNotebook((s) => s.clearRunHistory);
  const runs = useMemo(() => all.filter((r) => r.cellId === cellId), [all, cellId]);
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const metrics = useMemo(() => [...new Set(runs.flatMap((r) => r.epochs.flatMap((e) => Object.keys(e.values))))].sort(), [runs]);
  const [metric, setMetric] = useState('loss');
  const metricId = useId();
  if (!runs.length) return null;
  const shown = runs.filter((r) => !hidden.has(r.id));
  // A graph with a backbone: how it started and what trained tells the runs apart (scratch, frozen, fine-tuned).
  const backbones = runs.some((r) => r.model);

  return (
    <section role="region" aria-label="Run history" className="run-history">
      <h4>Run history</h4>
      {/* Figures stay on one line ("89.5 %", not "89.5" over "%"); a wide table scrolls instead. */}
      <div className="table-scroll">
        <table className="metrics-table">
          <thead>
            <tr>
              <th scope="col">run</th>
              <th scope="col">dataset</th>
              {backbones && <th scope="col">backbone</th>}
              <th scope="col">optimizer</th>
              <th scope="col">learning rate</th>
              <th scope="col">batch</th>
              <th scope="col">epochs</th>
              <th scope="col">loss</th>
              <th scope="col">val_loss</th>
              <th scope="col">metrics</th>
              <th scope="col">test</th>
              <th scope="col">ended</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  <label>
                    <input
                      type="checkbox"
                      checked={!hidden.has(r.id)}
                      aria-label={`Show run ${r.number} on the chart`}
                      onChange={() => {
                        const next = new Set(hidden);
                        if (next.has(r.id)) next.delete(r.id);
                        else next.add(r.id);
                        setHidden(next);
                      }}
                    />{' '}
                    <i className="swatch" style={{ background: colour(r) }} /> {r.number}
                  </label>
                </th>
                <td>{r.settings.dataset}</td>
                {backbones && (
                  <td>
                    {r.model ?? '—'}
                    {r.fineTunes?.map((t) => (t.model && t.model !== r.model ? ` → ${t.model}` : ''))}
                  </td>
                )}
                <td>
                  {r.settings.optimizer}
                  {r.settings.optimizer === 'sgd' && ` (momentum ${r.settings.momentum})`}
                  {r.settings.optimizer === 'adamw' && ` (weight decay ${r.settings.weight_decay})`}
                </td>
                <td>
                  {r.settings.learning_rate}
                  {r.settings.schedule !== 'constant' && ` (${r.settings.schedule})`}
                  {r.fineTunes?.map((t) => ` → ${t.learning_rate}`)}
                </td>
                <td>{r.settings.batch_size}</td>
                <td>{r.fineTunes?.length ? `${phaseEpochs(r).join(' + ')} (fine-tuned)` : `${r.epochs.length}/${r.settings.epochs}`}</td>
                <td>{fmt(r.final.loss)}</td>
                <td>{fmt(r.final.val_loss)}</td>
                <td className="run-metrics">{finalMetrics(r)}</td>
                <td>
                  {r.fineTunes?.map((t) => `${testOf(t.testBefore)} → `)}
                  {testOf(r.test)}
                </td>
                <td>{endOf(r)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="param">
        <label htmlFor={metricId}>Compare</label>
        <select id={metricId} value={metrics.includes(metric) ? metric : 'loss'} onChange={(e) => setMetric(e.target.value)}>
          {metrics.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => clear(cellId)}>
          Clear history
        </button>
      </div>
      <OverlayChart runs={shown} metric={metrics.includes(metric) ? metric : 'loss'} />
    </section>
  );
}

function OverlayChart({ runs, metric }: { runs: RunRecord[]; metric: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const series: ChartSeries[] = runs.map((r) => ({
    name: `run ${r.number}`,
    colour: colour(r),
    dots: r.epochs.length < 40,
    points: r.epochs.filter((e) => metric in e.values).map((e) => ({ x: e.epoch + 1, y: e.values[metric] })),
  }));
  useEffect(() => {
    if (!canvas.current) return;
    const style = getComputedStyle(canvas.current);
    drawLineChart(canvas.current, series, {
      text: style.getPropertyValue('--muted') || '#666',
      grid: style.getPropertyValue('--border') || '#ddd',
    });
  });
  const latest = series.map((s) => `${s.name} ${fmt(s.points[s.points.length - 1]?.y)}`).join(', ');
  return (
    <figure className="chart">
      <figcaption>{metricTitle(metric)} per epoch, by run</figcaption>
      <canvas ref={canvas} role="img" aria-label={`${metricTitle(metric)} by run: ${latest || 'no runs shown'}`} className="chart-canvas" />
    </figure>
  );
}
