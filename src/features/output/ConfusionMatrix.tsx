/**
 * A confusion matrix: true classes down, predictions across, the diagonal
 * (correct) in green, errors in red. With onPick, each non-empty cell is a
 * button that shows the examples behind it.
 */
export function ConfusionMatrix({
  classes,
  counts,
  onPick,
  picked,
}: {
  classes: string[];
  counts: number[][];
  onPick?: (truth: number, predicted: number) => void;
  picked?: [number, number];
}) {
  const max = Math.max(1, ...counts.flat());
  const total = counts.flat().reduce((a, b) => a + b, 0);
  const correct = counts.reduce((a, row, i) => a + (row[i] ?? 0), 0);
  return (
    <figure role="region" aria-label="Confusion matrix" className="confusion">
      <figcaption>
        Confusion matrix: {correct} of {total} right ({total ? ((100 * correct) / total).toFixed(1) : 0} %)
      </figcaption>
      <table>
        <thead>
          <tr>
            <th scope="col">true ↓ predicted →</th>
            {classes.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {counts.map((row, i) => (
            <tr key={classes[i]}>
              <th scope="row">{classes[i]}</th>
              {row.map((n, j) => (
                <td
                  key={j}
                  className={i === j ? 'hit' : n ? 'miss' : ''}
                  style={{ '--share': n / max } as React.CSSProperties}
                  title={`${n} ${classes[i]} predicted as ${classes[j]}`}
                >
                  {onPick && n > 0 ? (
                    <button
                      type="button"
                      className="confusion-pick"
                      aria-pressed={picked?.[0] === i && picked?.[1] === j}
                      aria-label={`${n} ${classes[i]} predicted as ${classes[j]}: show them`}
                      onClick={() => onPick(i, j)}
                    >
                      {n}
                    </button>
                  ) : (
                    n
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
