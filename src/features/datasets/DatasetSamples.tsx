import { useEffect, useMemo, useRef } from 'react';
import type { TensorData } from '../../data/types';
import { SERIES_COLOURS } from '../output/chartColours';
import { imagePixels, labelText, sampleKind, shortNumber, wordIds } from './previewStats';

// The data is shuffled, so its first examples are a fair sample: nothing
// here reads past the first dozen (or, for a scatter, a strided 2,000).
const IMAGES = 12;
const TEXTS = 6;
const ROWS = 5;
const COLUMNS = 8;
const POINTS = 2000;

/** A few examples, shown as what they are: pictures, points, text or numbers. */
export function DatasetSamples({
  data,
  describe,
  featureNames,
}: {
  data: TensorData;
  describe?: (i: number) => string;
  featureNames?: string[];
}) {
  switch (sampleKind(data, !!describe)) {
    case 'images':
      return <ImageSamples data={data} />;
    case 'points':
      return <Scatter data={data} />;
    case 'text':
      return (
        <ol className="dataset-texts" aria-label="Examples">
          {Array.from({ length: Math.min(TEXTS, data.count) }, (_, i) => (
            <li key={i}>
              <span>{describe ? describe(i) : `word ids ${wordIds(data, i).join(' ')}`}</span> → <strong>{labelText(data, i)}</strong>
            </li>
          ))}
        </ol>
      );
    case 'table':
      return <SampleTable data={data} featureNames={featureNames} />;
  }
}

function ImageSamples({ data }: { data: TensorData }) {
  const n = Math.min(IMAGES, data.count);
  // Unscaled pixels (0–255) would all show white; decide from the samples shown alone.
  const max255 = useMemo(() => data.x.subarray(0, n * data.xShape.reduce((a, b) => a * b, 1)).some((v) => v > 1.5), [data, n]);
  return (
    <div className="dataset-samples">
      {Array.from({ length: n }, (_, i) => (
        <SampleImage key={i} data={data} index={i} max255={max255} />
      ))}
    </div>
  );
}

function SampleImage({ data, index, max255 }: { data: TensorData; index: number; max255: boolean }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [h, w] = data.xShape;
  useEffect(() => {
    canvas.current?.getContext('2d')?.putImageData(new ImageData(imagePixels(data, index, max255), w, h), 0, 0);
  }, [data, index, max255, w, h]);
  const label = labelText(data, index);
  return (
    <canvas
      ref={canvas}
      className="dataset-sample"
      width={w}
      height={h}
      role="img"
      aria-label={`sample ${index + 1}: ${label}`}
      title={label}
    />
  );
}

function Scatter({ data }: { data: TensorData }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const shown = Math.min(POINTS, data.count);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    const { width, height } = context.canvas;
    const step = data.count / shown;
    const picks = Array.from({ length: shown }, (_, k) => Math.floor(k * step));
    const xs = picks.map((i) => data.x[i * 2]);
    const ys = picks.map((i) => data.x[i * 2 + 1]);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const px = (v: number) => 6 + ((v - x0) / (x1 - x0 || 1)) * (width - 12);
    const py = (v: number) => height - 6 - ((v - y0) / (y1 - y0 || 1)) * (height - 12);
    context.clearRect(0, 0, width, height);
    picks.forEach((i, k) => {
      context.fillStyle = data.classes ? SERIES_COLOURS[data.y[i] % SERIES_COLOURS.length] : SERIES_COLOURS[0];
      context.fillRect(px(xs[k]) - 1.5, py(ys[k]) - 1.5, 3, 3);
    });
  }, [data, shown]);
  return (
    <figure className="dataset-scatter">
      <canvas
        ref={canvas}
        width={180}
        height={180}
        role="img"
        aria-label={`Scatter of ${shown.toLocaleString('en-US')} points${data.classes ? ', coloured by class' : ''}`}
      />
      {data.classes && (
        <figcaption className="chart-legend">
          {data.classes.map((c, k) => (
            <span key={c}>
              <i style={{ background: SERIES_COLOURS[k % SERIES_COLOURS.length] }} /> {c}
            </span>
          ))}
        </figcaption>
      )}
    </figure>
  );
}

function SampleTable({ data, featureNames }: { data: TensorData; featureNames?: string[] }) {
  const width = data.x.length / data.count;
  const columns = Math.min(COLUMNS, width);
  const name = (j: number) => featureNames?.[j] ?? `x${j + 1}`;
  return (
    <div className="dataset-table">
      <table aria-label="First examples">
        <thead>
          <tr>
            {Array.from({ length: columns }, (_, j) => (
              <th key={j} scope="col">
                {name(j)}
              </th>
            ))}
            {width > columns && <th scope="col">… {width - columns} more</th>}
            <th scope="col">{data.classes ? 'label' : 'target'}</th>
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: Math.min(ROWS, data.count) }, (_, i) => (
            <tr key={i}>
              {Array.from({ length: columns }, (_, j) => (
                <td key={j}>{shortNumber(data.x[i * width + j])}</td>
              ))}
              {width > columns && <td>…</td>}
              <td>{labelText(data, i)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
