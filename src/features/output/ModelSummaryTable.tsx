import type { ModelSummary } from '../../protocol/display';

const n = (x: number) => x.toLocaleString('en-US');

/** Keras's model.summary(), as a table. */
export function ModelSummaryTable({ summary, onOpenAsGraph }: { summary: ModelSummary; onOpenAsGraph?: () => void }) {
  const functional = summary.rows.some((r) => r.connectedTo.length > 0);
  return (
    <div className="model-summary">
      <div className="model-summary-title">Model: "{summary.name}"</div>
      <table>
        <thead>
          <tr>
            <th>Layer (type)</th>
            <th>Output Shape</th>
            <th className="num">Param #</th>
            {functional && <th>Connected to</th>}
          </tr>
        </thead>
        <tbody>
          {summary.rows.map((r) => (
            <tr key={r.name}>
              <td>
                {r.name} ({r.className})
              </td>
              <td>{r.outputShape}</td>
              <td className="num">{n(r.params)}</td>
              {functional && <td>{r.connectedTo.join(', ')}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="model-summary-totals">
        <div>Total params: {n(summary.total)}</div>
        <div>Trainable params: {n(summary.trainable)}</div>
        <div>Non-trainable params: {n(summary.nonTrainable)}</div>
      </div>
      {onOpenAsGraph && (
        <button type="button" onClick={onOpenAsGraph} title="Make a graph cell from this model, to see and edit it as layers">
          Open as graph
        </button>
      )}
    </div>
  );
}
