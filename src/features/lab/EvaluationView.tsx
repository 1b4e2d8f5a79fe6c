import { useState } from 'react';
import type { Evaluation, SampleList } from '../../protocol/lab';
import { ConfusionMatrix } from '../output/ConfusionMatrix';
import { SampleView } from './SampleView';

const pct = (v: number | undefined) => (v === undefined ? '—' : `${(v * 100).toFixed(1)} %`);

/** Evaluate's report: test loss and accuracy, per-class precision, recall and F1, and the confusion matrix. */
export function EvaluationView({
  evaluation,
  loadSamples,
}: {
  evaluation: Evaluation;
  loadSamples(truth: number, predicted: number): Promise<SampleList>;
}) {
  const [picked, setPicked] = useState<[number, number] | null>(null);
  const [list, setList] = useState<SampleList | null>(null);
  const [error, setError] = useState<string | null>(null);

  const pick = (truth: number, predicted: number) => {
    setPicked([truth, predicted]);
    setError(null);
    loadSamples(truth, predicted).then(setList, (e: Error) => setError(e.message));
  };

  return (
    <div className="evaluation">
      <table className="metrics-table" aria-label="Test metrics">
        <caption>
          Test split: {evaluation.count.toLocaleString('en-US')} examples · loss {evaluation.loss.toPrecision(4)}
          {evaluation.accuracy !== undefined && ` · accuracy ${pct(evaluation.accuracy)}`}
          {evaluation.mae !== undefined && ` · mean absolute error ${evaluation.mae.toPrecision(4)}`}
        </caption>
        {evaluation.perClass && (
          <>
            <thead>
              <tr>
                <th scope="col">class</th>
                <th scope="col">precision</th>
                <th scope="col">recall</th>
                <th scope="col">F1</th>
                <th scope="col">support</th>
              </tr>
            </thead>
            <tbody>
              {evaluation.perClass.map((m) => (
                <tr key={m.name}>
                  <th scope="row">{m.name}</th>
                  <td>{pct(m.precision)}</td>
                  <td>{pct(m.recall)}</td>
                  <td>{pct(m.f1)}</td>
                  <td>{m.support}</td>
                </tr>
              ))}
              {evaluation.macro && (
                <tr className="macro">
                  <th scope="row">macro average</th>
                  <td>{pct(evaluation.macro.precision)}</td>
                  <td>{pct(evaluation.macro.recall)}</td>
                  <td>{pct(evaluation.macro.f1)}</td>
                  <td>{evaluation.macro.support}</td>
                </tr>
              )}
            </tbody>
          </>
        )}
      </table>
      {evaluation.confusion && evaluation.classes && (
        <>
          <ConfusionMatrix classes={evaluation.classes} counts={evaluation.confusion} onPick={pick} picked={picked ?? undefined} />
          <p className="param-help">Press a number to see the test examples behind it.</p>
        </>
      )}
      {error && (
        <p role="alert" className="param-error">
          {error}
        </p>
      )}
      {list && picked && (
        <section className="sample-list" aria-label="Samples">
          <h4>
            {list.total} test example{list.total === 1 ? '' : 's'} of {list.truth} predicted as {list.predicted}
            {list.total > list.samples.length && ` (the ${list.samples.length} most confident shown)`}
          </h4>
          <div className="sample-grid">
            {list.samples.map((s) => (
              <figure key={s.index}>
                <SampleView sample={s.view} label={`test example ${s.index}: ${list.truth}, predicted ${list.predicted}`} />
                <figcaption>
                  #{s.index} · {pct(s.confidence)}
                </figcaption>
              </figure>
            ))}
          </div>
        </section>
      )}
    </div>
  );
}
