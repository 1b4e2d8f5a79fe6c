import { useMemo, useRef } from 'react';
import { ErrorBoundary } from '../../app/ErrorBoundary';
import { POINT_ROLES } from '../../protocol/boundary';
import type { BoundaryView } from '../../store/boundarySlice';
import { useNotebook } from '../../store/notebookStore';
import { useFrameDraw } from '../plots/useFrameDraw';
import { BOUNDARY_PLOT, boundaryTheme, classColour, drawField, drawOverlay } from './drawBoundary';
import { tickLabel } from './drawLineChart';

/**
 * Under a graph cell trained on 2-D points: the model's prediction over the plane, with the
 * points, redrawn as the kernel sends fields (at epoch ends while it trains) and kept after.
 * Only the field of the cell's latest run shows: a run on other data has none.
 */
export function DecisionBoundary({ cellId }: { cellId: string }) {
  const boundary = useNotebook((s) => {
    const b = s.boundaries[cellId];
    return b && s.outputs[cellId]?.runId === b.runId ? b : undefined;
  });
  if (!boundary) return null;
  return (
    <ErrorBoundary area="the decision boundary">
      <BoundaryFigure boundary={boundary} />
    </ErrorBoundary>
  );
}

/** How many points of each role a run has. */
function roleCounts(b: BoundaryView): Record<(typeof POINT_ROLES)[number], number> {
  const counts = { train: 0, validation: 0, test: 0 };
  for (const r of b.points?.role ?? []) counts[POINT_ROLES[r] ?? 'train']++;
  return counts;
}

function BoundaryFigure({ boundary }: { boundary: BoundaryView }) {
  const field = useRef<HTMLCanvasElement>(null);
  const overlay = useRef<HTMLCanvasElement>(null);
  const { extent, epoch, classes, runId, points } = boundary;
  // Each new field redraws only its own small canvas; the axes and points, once a run.
  useFrameDraw(
    field,
    () => {
      if (field.current) drawField(field.current, boundary, boundaryTheme(field.current).surface);
    },
    boundary,
  );
  const run = useMemo(() => ({ runId, points }), [runId, points]);
  useFrameDraw(
    overlay,
    () => {
      if (overlay.current) drawOverlay(overlay.current, boundary, boundaryTheme(overlay.current));
    },
    run,
  );
  const counts = roleCounts(boundary);
  const when = boundary.final
    ? `after training (${epoch} ${epoch === 1 ? 'epoch' : 'epochs'}), with the weights it kept`
    : epoch === 0
      ? 'before training, with fresh weights'
      : `after epoch ${epoch}`;
  const description =
    `The model's predicted class over x from ${tickLabel(extent.x0)} to ${tickLabel(extent.x1)} ` +
    `and y from ${tickLabel(extent.y0)} to ${tickLabel(extent.y1)}, ${when}, ` +
    `with ${counts.train} training, ${counts.validation} validation and ${counts.test} test points`;
  const { left, top, side, right, bottom } = BOUNDARY_PLOT;
  return (
    <section aria-label="Decision boundary" className="decision-boundary" data-epoch={epoch}>
      <h4>Decision boundary</h4>
      <p className="decision-boundary-note">
        What {boundary.model} predicts at each point of the plane: a strong colour where it is sure, pale near the boundary.
        <br />
        <span className="decision-boundary-when">{when[0].toUpperCase() + when.slice(1)}.</span>
      </p>
      <div className="decision-boundary-plot" style={{ width: left + side + right, height: top + side + bottom }}>
        <canvas ref={field} className="decision-boundary-field" style={{ left, top, width: side, height: side }} />
        <canvas ref={overlay} role="img" aria-label={description} className="decision-boundary-overlay" />
      </div>
      <div className="chart-legend decision-boundary-legend">
        {classes.map((c, k) => (
          <span key={`${k}:${c}`}>
            <i className="swatch" style={{ background: classColour(k) }} /> class {c}
          </span>
        ))}
        <span>
          <i className="mark mark-train" /> training
        </span>
        {counts.validation > 0 && (
          <span>
            <i className="mark mark-validation" /> validation
          </span>
        )}
        <span>
          <i className="mark mark-test" /> test
        </span>
      </div>
    </section>
  );
}
