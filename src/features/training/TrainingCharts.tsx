import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TrainingRun } from '../../store/outputTypes';
import { SERIES_COLOURS } from '../output/chartColours';
import { decimate, metricTitle } from './decimate';

/** One chart per metric: per batch (train), and per epoch (train and validation). */
export default function TrainingCharts({ run }: { run: TrainingRun }) {
  const names = [...new Set([...run.metrics, ...run.batches.flatMap((b) => Object.keys(b.values))])].filter((m) => !m.startsWith('val_'));
  const batchesPerEpoch = run.progress.batches || 1;
  return (
    <div className="training-charts" data-updates={run.updates}>
      {names.map((name) => {
        const perBatch = decimate(run.batches.filter((b) => name in b.values).map((b) => ({ x: b.step, y: b.values[name] })));
        // Epoch values sit at the step where their epoch ended, on the same x axis as the batches.
        const at = (e: { epoch: number }) => (e.epoch + 1) * batchesPerEpoch;
        const epochTrain = run.epochs.filter((e) => name in e.values).map((e) => ({ x: at(e), y: e.values[name] }));
        const epochVal = run.epochs.filter((e) => `val_${name}` in e.values).map((e) => ({ x: at(e), y: e.values[`val_${name}`] }));
        return (
          <figure key={name} role="region" aria-label={`${metricTitle(name)} chart`} className="chart">
            <figcaption>{metricTitle(name)}</figcaption>
            <ResponsiveContainer width="100%" height={200}>
              <LineChart margin={{ top: 6, right: 12, bottom: 4, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
                <XAxis dataKey="x" type="number" domain={[0, 'dataMax']} allowDecimals={false} tick={{ fontSize: 11 }} />
                <YAxis type="number" domain={['auto', 'auto']} tick={{ fontSize: 11 }} width={48} />
                <Tooltip formatter={(v) => Number(v).toPrecision(4)} labelFormatter={(x) => `batch ${Math.round(Number(x))}`} />
                <Legend />
                <Line name="per batch" data={perBatch} dataKey="y" stroke={SERIES_COLOURS[0]} strokeOpacity={0.6} dot={false} isAnimationActive={false} />
                <Line name="epoch (train)" data={epochTrain} dataKey="y" stroke={SERIES_COLOURS[1]} isAnimationActive={false} />
                {epochVal.length > 0 && (
                  <Line name="epoch (validation)" data={epochVal} dataKey="y" stroke={SERIES_COLOURS[2]} isAnimationActive={false} />
                )}
              </LineChart>
            </ResponsiveContainer>
          </figure>
        );
      })}
    </div>
  );
}
