import { memo } from 'react';
import type { DisplayOutput } from '../../protocol/display';
import { renderMarkdown } from '../markdown/renderMarkdown';
import { InsightView } from '../insight/InsightView';
import { HeatmapView } from '../plots/HeatmapView';
import { HistogramView } from '../plots/HistogramView';
import { ImageGrid } from '../plots/ImageGrid';
import { ProgressView } from '../plots/ProgressView';
import { ConfusionMatrix } from './ConfusionMatrix';
import { PlotView } from './PlotView';
import { RgbaCanvas } from './RgbaCanvas';
import { ValueView } from './ValueView';

/**
 * What display.* showed. `running`: the cell's run has not ended, so a live plot or progress bar
 * offers Stop. Memoised: a live output changes up to once a frame, and only it need render again.
 */
export const DisplayOutputView = memo(function DisplayOutputView({
  output,
  running = false,
}: {
  output: DisplayOutput;
  running?: boolean;
}) {
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
      // Drawn on a canvas in the page's own bundle: a plot is on screen within a frame of arriving.
      return <PlotView plot={output} running={running} />;
    case 'images':
      return <ImageGrid images={output.images} columns={output.columns} title={output.title} />;
    case 'heatmap':
      return <HeatmapView heatmap={output} />;
    case 'histogram':
      return <HistogramView histogram={output} />;
    case 'progress':
      return <ProgressView progress={output} running={running} />;
    case 'insight':
      return <InsightView result={output.result} />;
  }
});

function ImageView({ width, height, rgba }: { width: number; height: number; rgba: Uint8ClampedArray }) {
  // Small images (a 28×28 digit) are scaled up with sharp pixels, as a learner wants to see them.
  const scale = Math.max(1, Math.floor(160 / Math.max(width, height)));
  return <RgbaCanvas width={width} height={height} rgba={rgba} scale={scale} label={`Image ${width}×${height}`} className="output-image" />;
}
