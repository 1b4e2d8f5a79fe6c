import { lazy, Suspense, useEffect, useRef } from 'react';
import type { DisplayOutput } from '../../protocol/display';
import { renderMarkdown } from '../markdown/renderMarkdown';
import { InsightView } from '../insight/InsightView';
import { ConfusionMatrix } from './ConfusionMatrix';
import { ValueView } from './ValueView';

const PlotView = lazy(() => import('./PlotView'));

/** What display.* showed. */
export function DisplayOutputView({ output }: { output: DisplayOutput }) {
  switch (output.kind) {
    case 'value':
      return <ValueView value={output.value} />;
    case 'markdown':
      // Same sanitised renderer as markdown cells: raw HTML is shown as text.
      return <div className="markdown-rendered" dangerouslySetInnerHTML={{ __html: renderMarkdown(output.text) }} />;
    case 'table':
      return (
        <div className="output-table">
          <table>
            <thead>
              <tr>
                {output.columns.map((c) => (
                  <th key={c}>{c}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {output.rows.map((row, i) => (
                <tr key={i}>
                  {row.map((v, j) => (
                    <td key={j}>
                      <ValueView value={v} open={false} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {output.more > 0 && <div className="tree-more">… {output.more.toLocaleString()} more rows not shown</div>}
        </div>
      );
    case 'image':
      return <ImageView width={output.width} height={output.height} rgba={output.rgba} />;
    case 'confusion':
      return <ConfusionMatrix classes={output.classes} counts={output.counts} />;
    case 'plot':
      return (
        <Suspense fallback={<div className="chart-placeholder">Drawing…</div>}>
          <PlotView plot={output} />
        </Suspense>
      );
    case 'insight':
      return <InsightView result={output.result} />;
  }
}

function ImageView({ width, height, rgba }: { width: number; height: number; rgba: Uint8ClampedArray }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (ctx) ctx.putImageData(new ImageData(new Uint8ClampedArray(rgba), width, height), 0, 0);
  }, [width, height, rgba]);
  // Small images (a 28×28 digit) are scaled up with sharp pixels, as a learner wants to see them.
  const scale = Math.max(1, Math.floor(160 / Math.max(width, height)));
  return (
    <canvas
      ref={canvas}
      role="img"
      aria-label={`Image ${width}×${height}`}
      width={width}
      height={height}
      className="output-image"
      style={{ width: width * scale, height: height * scale }}
    />
  );
}
