import { useEffect, useMemo, useRef, useState } from 'react';
import type { ActivationsResult } from '../../protocol/insight';
import { divergingColour, gradientCss, viridisColour } from './heatColours';
import { colourMap, fitSize, putRgba } from './drawHeat';
import { HeatLegend } from './GradCamGrid';
import { channelOf, extent, featureGrid, normalise } from './resample';

/** More maps than this are more than a learner can take in, and cost a canvas each. */
const MAX_CHANNELS = 64;

/**
 * What one layer puts out for one example: a small image per channel for
 * convolutions (and one steps × units image for sequences), or a strip of
 * bars around 0 for a flat vector.
 */
export function ActivationsView({ result, controls }: { result: ActivationsResult; controls?: React.ReactNode }) {
  const grid = useMemo(() => featureGrid(result.shape), [result.shape]);
  const sequence = result.shape.length === 2;
  const shown = grid.kind === 'maps' ? Math.min(grid.channels, MAX_CHANNELS) : 0;
  return (
    <figure role="region" aria-label="Activations" className="insight activations">
      <figcaption>
        Layer {result.layer}: output shape [{result.shape.join(' × ')}]{result.index !== undefined && <> for sample {result.index}</>}
        {grid.kind === 'maps' &&
          (sequence
            ? ' · steps down, units across, scaled to its own min..max'
            : ' · each channel scaled to its own ' +
              `min..max${grid.channels > MAX_CHANNELS ? ` · first ${MAX_CHANNELS} of ${grid.channels} channels` : ''}`)}
      </figcaption>
      {controls && <div className="insight-controls">{controls}</div>}
      {grid.kind === 'maps' ? (
        <>
          <HeatLegend low="min" high="max" caption="of each map" gradient={gradientCss(viridisColour)} />
          <ul className={sequence ? 'insight-grid' : 'insight-grid activation-maps'}>
            {Array.from({ length: shown }, (_, k) => (
              <ChannelMap
                key={k}
                values={result.values}
                grid={grid}
                k={k}
                label={sequence ? `${grid.height} steps × ${grid.width} units` : `Channel ${k + 1} of ${grid.channels}`}
                size={sequence ? 320 : 64}
              />
            ))}
          </ul>
        </>
      ) : (
        <VectorStrip values={result.values} length={grid.length} />
      )}
    </figure>
  );
}

type Maps = Extract<ReturnType<typeof featureGrid>, { kind: 'maps' }>;

function ChannelMap({ values, grid, k, label, size }: { values: Float32Array; grid: Maps; k: number; label: string; size: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const channel = useMemo(() => channelOf(values, grid, k), [values, grid, k]);
  const [lo, hi] = extent(channel);
  useEffect(() => {
    putRgba(canvas.current, colourMap(normalise(channel), grid.height, grid.width, viridisColour));
  }, [channel, grid.height, grid.width]);
  return (
    <li className="activation-map" title={`${label}: ${lo.toPrecision(3)} to ${hi.toPrecision(3)}`}>
      <canvas
        ref={canvas}
        width={grid.width}
        height={grid.height}
        role="img"
        aria-label={label}
        className="insight-canvas"
        style={fitSize(grid.width, grid.height, size)}
      />
      <span className="insight-index">{k + 1}</span>
    </li>
  );
}

const STRIP_WIDTH = 480;
const STRIP_HEIGHT = 64;

/** A flat vector as bars up (positive, red) and down (negative, blue) from a middle line. */
function VectorStrip({ values, length }: { values: Float32Array; length: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<string | null>(null);
  const [lo, hi] = extent(values.subarray(0, length));
  const maxAbs = Math.max(Math.abs(lo), Math.abs(hi));
  // Whole pixels per bar keep bars evenly wide; a long vector gets one pixel each.
  const bar = Math.max(1, Math.floor(STRIP_WIDTH / Math.max(1, length)));
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    const mid = STRIP_HEIGHT / 2;
    ctx.clearRect(0, 0, bar * length, STRIP_HEIGHT);
    for (let i = 0; i < length; i++) {
      const v = values[i];
      const h = maxAbs > 0 && Number.isFinite(v) ? (Math.abs(v) / maxAbs) * (mid - 1) : 0;
      ctx.fillStyle = `rgb(${divergingColour(v, maxAbs).join(' ')})`;
      ctx.fillRect(i * bar, v >= 0 ? mid - h : mid, bar, Math.max(h, 1));
    }
    ctx.fillStyle = 'rgba(128, 128, 128, 0.6)';
    ctx.fillRect(0, mid, bar * length, 1);
  }, [values, length, bar, maxAbs]);
  const onMove = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const i = Math.floor(((e.clientX - box.left) / box.width) * length);
    setHover(i >= 0 && i < length ? `unit ${i}: ${values[i].toPrecision(4)}` : null);
  };
  return (
    <div className="activation-vector">
      <HeatLegend
        low={(-maxAbs).toPrecision(3)}
        high={maxAbs.toPrecision(3)}
        caption="blue below 0, red above"
        gradient={gradientCss((t) => divergingColour(2 * t - 1, 1))}
      />
      <canvas
        ref={canvas}
        width={bar * length}
        height={STRIP_HEIGHT}
        role="img"
        aria-label={`${length} values from ${lo.toPrecision(3)} to ${hi.toPrecision(3)}`}
        className="insight-canvas activation-strip"
        style={{ width: Math.min(bar * length, STRIP_WIDTH), height: STRIP_HEIGHT }}
        onMouseMove={onMove}
        onMouseLeave={() => setHover(null)}
      />
      <p className="insight-status" aria-live="polite">
        {hover ?? 'Point at a bar to read its unit and value.'}
      </p>
    </div>
  );
}
