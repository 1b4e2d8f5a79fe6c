import { useId, useState } from 'react';
import type { TrainConfig } from '../../doc/trainConfig';
import { fineTuneProblem, fineTuneProblems, suggestedFineTune, type FineTune } from '../../training/fineTune';
import { useNotebook } from '../../store/notebookStore';

/** What was typed as a number ('' is none, not 0). */
const typed = (text: string): number => (text.trim() === '' ? NaN : Number(text));

/**
 * Fine-tune, the second phase of transfer learning as Keras tutorials run it: after a Train with the
 * backbone frozen, the learner unfreezes its top layers and goes on from the weights that run ended
 * with, at a much lower learning rate (a tenth is suggested). The run history keeps both phases as
 * one run. Shown once the cell has a run to go on from; what it suggests follows the cell's settings
 * until the learner types their own.
 */
export function FineTuneControls({
  cellId,
  config,
  blocked,
  onFineTune,
}: {
  cellId: string;
  config: TrainConfig;
  /** Why Fine-tune cannot start now (as Train cannot), or null. */
  blocked: string | null;
  onFineTune(fineTune: FineTune): void;
}) {
  const rateId = useId();
  const epochsId = useId();
  const [rate, setRate] = useState<string | null>(null);
  const [epochs, setEpochs] = useState<string | null>(null);
  const last = useNotebook((s) => s.runHistory.findLast((r) => r.cellId === cellId));
  if (!last) return null;
  const suggested = suggestedFineTune(config);
  const rateText = rate ?? String(suggested.learningRate);
  const epochsText = epochs ?? String(suggested.epochs);
  const chosen = { learningRate: typed(rateText), epochs: typed(epochsText) };
  const problems = fineTuneProblems(chosen);
  const why = blocked ?? fineTuneProblem(last.settings, config, last.number) ?? problems.learningRate ?? problems.epochs ?? null;
  return (
    // Its own region beside Training settings: its fields are not the cell's settings (not saved), and
    // their names must not shadow those of Training settings (Learning rate, Epochs) for a screen reader's search.
    <section className="fine-tune" aria-label="Fine-tune">
      <h4>Fine-tune</h4>
      <p className="param-help">
        Go on from the weights run {last.number} ended with, each layer’s Trainable as it is now: unfreeze the backbone’s top layers first.
        Keras tutorials fine-tune at a much lower learning rate, so what the backbone learned is adapted, not overwritten; a tenth of this
        cell’s is suggested. The run history shows both phases as one run.
      </p>
      <div className="param">
        <label htmlFor={rateId}>Fine-tune learning rate</label>
        <input
          id={rateId}
          type="number"
          step="any"
          value={rateText}
          onChange={(e) => setRate(e.target.value)}
          aria-invalid={problems.learningRate !== undefined || undefined}
        />
      </div>
      <div className="param">
        <label htmlFor={epochsId}>Fine-tune epochs</label>
        <input
          id={epochsId}
          type="number"
          step={1}
          value={epochsText}
          onChange={(e) => setEpochs(e.target.value)}
          aria-invalid={problems.epochs !== undefined || undefined}
        />
      </div>
      <button
        type="button"
        disabled={why !== null}
        title={why ?? `Train ${chosen.epochs} more epochs from run ${last.number}'s weights at learning rate ${chosen.learningRate}`}
        onClick={() => why === null && onFineTune(chosen)}
      >
        Fine-tune
      </button>
      {why && why !== blocked && <small className="param-error">{why}</small>}
    </section>
  );
}
