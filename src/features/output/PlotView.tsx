import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { DisplayOutput } from '../../protocol/display';
import { SERIES_COLOURS } from './chartColours';

type Plot = Extract<DisplayOutput, { kind: 'plot' }>;

/** display.plot: lines or scatter, drawn with recharts (loaded only when a plot appears). */
export default function PlotView({ plot }: { plot: Plot }) {
  const axes = (
    <>
      <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
      <XAxis
        dataKey="x"
        type="number"
        domain={['auto', 'auto']}
        label={plot.xLabel ? { value: plot.xLabel, position: 'insideBottom', offset: -4 } : undefined}
      />
      <YAxis
        type="number"
        domain={['auto', 'auto']}
        label={plot.yLabel ? { value: plot.yLabel, angle: -90, position: 'insideLeft' } : undefined}
      />
      <Tooltip />
      {plot.series.length > 1 && <Legend />}
    </>
  );
  return (
    <figure className="plot" aria-label={plot.title ?? 'Plot'}>
      {plot.title && <figcaption>{plot.title}</figcaption>}
      <ResponsiveContainer width="100%" height={260}>
        {plot.type === 'scatter' ? (
          <ScatterChart margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
            {axes}
            {plot.series.map((s, i) => (
              <Scatter
                key={s.name}
                name={s.name}
                data={s.x.map((x, j) => ({ x, y: s.y[j] }))}
                fill={SERIES_COLOURS[i % SERIES_COLOURS.length]}
                isAnimationActive={false}
              />
            ))}
          </ScatterChart>
        ) : (
          <LineChart margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
            {axes}
            {plot.series.map((s, i) => (
              <Line
                key={s.name}
                name={s.name}
                data={s.x.map((x, j) => ({ x, y: s.y[j] }))}
                dataKey="y"
                stroke={SERIES_COLOURS[i % SERIES_COLOURS.length]}
                dot={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        )}
      </ResponsiveContainer>
    </figure>
  );
}
