import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { AttentionResult } from '../../protocol/insight';
import { SampleView } from '../lab/SampleView';
import { heatColour } from './heatColours';
import { colourMap, composeHeat, fitSize, putRgba } from './drawHeat';
import { HeatLegend } from './GradCamGrid';
import { extent, headScores } from './resample';

/** Past this many queries or keys a table is too big to read or lay out, so the matrix becomes a canvas. */
const TABLE_LIMIT = 40;

/**
 * One attention layer's weights for one example: queries down, keys across,
 * averaged over heads or one head at a time; with the rollout over the image
 * patches when the model attends over an image.
 */
export function AttentionMap({ result, controls }: { result: AttentionResult; controls?: React.ReactNode }) {
  const [head, setHead] = useState<number | 'mean'>('mean');
  const headId = useId();
  const { heads, queries, keys, scores } = result;
  const shown = head !== 'mean' && head < heads ? head : 'mean';
  const matrix = useMemo(() => headScores(scores, heads, queries, keys, shown), [scores, heads, queries, keys, shown]);
  // Weights over many keys are all small; scaling to the largest shown keeps the pattern visible.
  const max = Math.max(extent(matrix)[1], 1e-9);
  const colour = (v: number) => `rgb(${heatColour(v / max).join(' ')})`;
  const cellTitle = (q: number, k: number) =>
    `query '${result.queryLabels[q] ?? q}' → key '${result.keyLabels[k] ?? k}': ${matrix[q * keys + k].toFixed(3)}`;
  const wrong = result.predicted !== undefined && result.truth !== undefined && result.predicted !== result.truth;
  const big = queries > TABLE_LIMIT || keys > TABLE_LIMIT;
  return (
    <figure role="region" aria-label="Attention map" className="insight attention">
      <figcaption>
        Layer {result.layer} · {heads} {heads === 1 ? 'head' : 'heads'} · rows: queries, columns: keys; each row sums to 1
      </figcaption>
      {controls && <div className="insight-controls">{controls}</div>}
      <div className="insight-controls">
        <label htmlFor={headId}>Head</label>
        <select id={headId} value={String(shown)} onChange={(e) => setHead(e.target.value === 'mean' ? 'mean' : Number(e.target.value))}>
          <option value="mean">Average of heads</option>
          {Array.from({ length: heads }, (_, h) => (
            <option key={h} value={h}>
              Head {h + 1}
            </option>
          ))}
        </select>
      </div>
      {(result.predicted !== undefined || result.truth !== undefined) && (
        <p className={wrong ? 'insight-outcome wrong' : 'insight-outcome'}>
          {[
            result.index !== undefined && `Sample ${result.index}`,
            result.predicted !== undefined && `predicted ${result.predicted}`,
            result.truth !== undefined && `true ${result.truth}`,
          ]
            .filter(Boolean)
            .join(' · ')}
          {wrong && <strong className="insight-wrong"> ✗ wrong</strong>}
        </p>
      )}
      <HeatLegend low="0" high={max.toFixed(3)} caption="attention weight, scaled to the largest shown" />
      {big ? (
        <MatrixCanvas matrix={matrix} queries={queries} keys={keys} max={max} describe={cellTitle} />
      ) : (
        <div className="attention-table-wrap">
          <table className="attention-table">
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">query ↓ key →</span>
                </th>
                {Array.from({ length: keys }, (_, j) => (
                  <th key={j} scope="col" className="attention-key">
                    <span>{result.keyLabels[j] ?? j}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {Array.from({ length: queries }, (_, q) => (
                <tr key={q}>
                  <th scope="row">{result.queryLabels[q] ?? q}</th>
                  {Array.from({ length: keys }, (_, k) => (
                    <td key={k} style={{ background: colour(matrix[q * keys + k]) }} title={cellTitle(q, k)}>
                      <span className="visually-hidden">{matrix[q * keys + k].toFixed(3)}</span>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {result.rollout ? (
        <Rollout rollout={result.rollout} sample={result.sample} />
      ) : (
        result.sample && <SampleView sample={result.sample} label={result.index !== undefined ? `Sample ${result.index}` : 'Input'} />
      )}
    </figure>
  );
}

/** The matrix as one pixel per weight, for sizes a table cannot hold; the weight under the pointer is read out below. */
function MatrixCanvas({
  matrix,
  queries,
  keys,
  max,
  describe,
}: {
  matrix: Float32Array;
  queries: number;
  keys: number;
  max: number;
  describe: (q: number, k: number) => string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<string | null>(null);
  useEffect(() => {
    putRgba(
      canvas.current,
      colourMap(matrix, queries, keys, (v) => heatColour(v / max)),
    );
  }, [matrix, queries, keys, max]);
  const onMove = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const k = Math.floor(((e.clientX - box.left) / box.width) * keys);
    const q = Math.floor(((e.clientY - box.top) / box.height) * queries);
    setHover(q >= 0 && q < queries && k >= 0 && k < keys ? describe(q, k) : null);
  };
  return (
    <div className="attention-canvas">
      <canvas
        ref={canvas}
        width={keys}
        height={queries}
        role="img"
        aria-label={`Attention weights of ${queries} queries (rows) over ${keys} keys (columns)`}
        className="insight-canvas"
        style={fitSize(keys, queries, 480)}
        onMouseMove={onMove}
        onMouseLeave={() => setHover(null)}
      />
      <p className="insight-status" aria-live="polite">
        {hover ?? 'Point at a cell to read its weight.'}
      </p>
    </div>
  );
}

/** How much each image patch, through all the attention layers, reaches the output. */
function Rollout({ rollout, sample }: { rollout: NonNullable<AttentionResult['rollout']>; sample: AttentionResult['sample'] }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const image = sample?.kind === 'image' ? sample : undefined;
  useEffect(() => {
    // Rollout is a share of the flow, not 0..1 heat: scale it to its maximum like Grad-CAM's maps.
    const top = extent(rollout.values)[1];
    const heat = rollout.values.map((v) => (top > 0 ? v / top : 0));
    putRgba(canvas.current, composeHeat(image, heat, rollout.rows, rollout.columns, 0.5));
  }, [image, rollout]);
  const w = image ? image.width : rollout.columns;
  const h = image ? image.height : rollout.rows;
  return (
    <figure className="insight-rollout">
      <canvas
        ref={canvas}
        width={w}
        height={h}
        role="img"
        aria-label={`Attention rollout over ${rollout.rows} × ${rollout.columns} image patches${image ? ', laid over the input' : ''}`}
        className="insight-canvas"
        style={fitSize(w, h, 160)}
      />
      <figcaption>Attention rollout over the image patches</figcaption>
    </figure>
  );
}
