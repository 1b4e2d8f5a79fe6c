import { useEffect, useId, useRef, useState } from 'react';
import type { GradCamItem, GradCamResult } from '../../protocol/insight';
import { gradientCss } from './heatColours';
import { composeHeat, fitSize, percent, putRgba } from './drawHeat';

/** Longer side of each example on screen, in CSS pixels. */
const TILE = 112;

/**
 * Grad-CAM for some examples: each input with the heat of the class explained
 * laid over it, and what the model predicted beside the truth. `controls`
 * (layer, class, examples) are the panel's; opacity is only a way of looking,
 * so it stays here.
 */
export function GradCamGrid({ result, controls }: { result: GradCamResult; controls?: React.ReactNode }) {
  const [opacity, setOpacity] = useState(0.5);
  const opacityId = useId();
  return (
    <figure role="region" aria-label="Grad-CAM" className="insight gradcam">
      <figcaption>
        Target layer {result.layer} ({result.height} × {result.width} grid)
        {result.epoch !== undefined && <>, after epoch {result.epoch}</>}
      </figcaption>
      {controls && <div className="insight-controls">{controls}</div>}
      <div className="insight-controls">
        <label htmlFor={opacityId}>Opacity</label>
        <input
          id={opacityId}
          type="range"
          min={0}
          max={1}
          step={0.05}
          value={opacity}
          onChange={(e) => setOpacity(Number(e.target.value))}
        />
        <output htmlFor={opacityId}>{opacity.toFixed(2)}</output>
      </div>
      <HeatLegend low="0" high="1" caption="heat for the class explained, scaled to its maximum" />
      {result.items.length === 0 ? (
        <p className="insight-empty">No examples to explain.</p>
      ) : (
        <ul className="insight-grid">
          {result.items.map((item, i) => (
            <GradCamTile key={item.index ?? `input-${i}`} item={item} result={result} opacity={opacity} />
          ))}
        </ul>
      )}
    </figure>
  );
}

function GradCamTile({ item, result, opacity }: { item: GradCamItem; result: GradCamResult; opacity: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const image = item.sample?.kind === 'image' ? item.sample : undefined;
  const { height, width } = result;
  useEffect(() => {
    putRgba(canvas.current, composeHeat(image, item.heat, height, width, opacity));
  }, [image, item.heat, height, width, opacity]);
  const name = (k: number | undefined) => (k === undefined ? undefined : (result.classes[k] ?? `class ${k}`));
  const explained = name(item.classIndex);
  const predicted = name(item.predicted);
  const truth = name(item.truth);
  const other = item.classIndex !== item.predicted;
  // The probability sent is the explained class's, so it goes with that class's name.
  const prediction = other ? `predicted ${predicted}` : `predicted ${predicted} ${percent(item.probability)}`;
  const parts = [prediction, truth !== undefined && `true ${truth}`, other && `explains: ${explained} ${percent(item.probability)}`];
  const wrong = item.truth !== undefined && item.truth !== item.predicted;
  const who = item.index !== undefined ? `Sample ${item.index}` : 'Input';
  const over = image ? 'over the input' : 'alone (no input image)';
  const label =
    `${who}: heatmap for ${explained} ${over}, predicted ${predicted}` +
    (other ? '' : ` (${percent(item.probability)})`) +
    (truth !== undefined ? `, true ${truth}` : '') +
    (other ? `; ${explained} has ${percent(item.probability)}` : '') +
    (wrong ? ' (wrong)' : '');
  const w = image ? image.width : width;
  const h = image ? image.height : height;
  return (
    <li className={wrong ? 'insight-tile wrong' : 'insight-tile'}>
      <canvas ref={canvas} width={w} height={h} role="img" aria-label={label} className="insight-canvas" style={fitSize(w, h, TILE)} />
      {item.index !== undefined && <span className="insight-index">#{item.index}</span>}
      <span className="insight-tile-text">{parts.filter(Boolean).join(' · ')}</span>
      {wrong && <strong className="insight-wrong">✗ wrong</strong>}
    </li>
  );
}

/** The colour scale as a small gradient with its two ends and what it measures. */
export function HeatLegend({
  low,
  high,
  caption,
  gradient = gradientCss(),
}: {
  low: string;
  high: string;
  caption: string;
  gradient?: string;
}) {
  return (
    <div className="insight-legend">
      <span>{low}</span>
      <span className="insight-legend-bar" style={{ background: gradient }} aria-hidden="true" />
      <span>{high}</span>
      <span className="insight-legend-caption">{caption}</span>
    </div>
  );
}
