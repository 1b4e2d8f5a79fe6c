interface TopClassesProps {
  classes: readonly string[];
  /** One score per class, in the classes' order; shown as given, not renormalised. */
  probabilities: ArrayLike<number>;
  /** How many of the best classes to list. */
  k?: number;
  /** The true class's name, when the input came from the data set rather than a drawing. */
  truth?: string;
}

const percent = (p: number) => (Number.isFinite(p) ? `${(100 * p).toFixed(1)} %` : '—');

/** The k most probable classes as horizontal bars, best first, with the answer in the caption for screen readers and tests. */
export function TopClasses({ classes, probabilities, k = 5, truth }: TopClassesProps) {
  const n = Math.min(classes.length, probabilities.length);
  // NaN (a model that diverged) sorts last rather than poisoning the order;
  // equal scores keep the classes' order, so the list does not flicker.
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => rank(probabilities[b]) - rank(probabilities[a]) || a - b);
  const top = order.slice(0, Math.max(1, Math.floor(k)));
  const best = order[0];
  const bestValid = best !== undefined && Number.isFinite(probabilities[best]);
  const right = truth !== undefined && bestValid && classes[best] === truth;
  return (
    <figure role="region" aria-label="Prediction" className="top-classes">
      <figcaption>Predicted: {bestValid ? `${classes[best]} (${percent(probabilities[best])})` : '—'}</figcaption>
      {truth !== undefined && (
        <p className={`top-classes-truth ${right ? 'right' : 'wrong'}`}>
          true label: {truth} · {right ? '✓ right' : '✗ wrong'}
        </p>
      )}
      <ol>
        {top.map((i, place) => {
          const p = probabilities[i];
          const share = Number.isFinite(p) ? Math.min(100, Math.max(0, 100 * p)) : 0;
          return (
            <li
              key={i}
              className={[place === 0 && bestValid ? 'top' : '', classes[i] === truth ? 'truth' : ''].join(' ').trim() || undefined}
            >
              <span className="top-classes-label">
                {classes[i]} — {percent(p)}
              </span>
              <span className="top-classes-track" aria-hidden="true">
                <span className="top-classes-bar" style={{ width: `${share}%` }} />
              </span>
            </li>
          );
        })}
      </ol>
    </figure>
  );
}

function rank(p: number): number {
  return Number.isNaN(p) ? -Infinity : p;
}
