import { useEffect, useId, useState } from 'react';
import { datasetSpec, predictModeOf } from '../../data/catalogue';
import { trainConfigOf } from '../../doc/trainConfig';
import type { GraphCell } from '../../doc/types';
import type { GraphInfo } from '../../graph/infer';
import { useNotebook } from '../../store/notebookStore';
import { useKernelSession } from '../kernel/kernelContext';
import { EvaluationView } from './EvaluationView';
import { downloadBlob, readModelFiles, toModelJson } from './modelFiles';
import { PredictPanel } from './PredictPanel';
import { InsightPanel } from '../insight/InsightPanel';

/** After training: Evaluate, Predict, Save model, Download model and Load weights for a graph cell's model. */
export function ModelLab({ cell, info }: { cell: GraphCell; info: GraphInfo }) {
  const kernel = useKernelSession();
  const state = useNotebook((s) => s.evaluations[cell.id]);
  const trusted = useNotebook((s) => s.trusted);
  const running = useNotebook((s) => ['queued', 'running'].includes(s.outputs[cell.id]?.state ?? ''));
  const userData = useNotebook((s) => s.userData[cell.id]);
  const runCount = useNotebook((s) => s.runHistory.filter((r) => r.cellId === cell.id).length);
  const [predicting, setPredicting] = useState(false);
  // Open while training too: Live heatmaps are watched during a run.
  const [insight, setInsight] = useState(false);
  const [notice, setNotice] = useState<{ text: string; error?: boolean } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const fileId = useId();
  const config = trainConfigOf(cell.training);
  const mode = predictModeOf(datasetSpec(config.dataset), userData);
  const busy = running || !trusted;

  useEffect(() => {
    let live = true;
    kernel.savedModel(cell.id).then(
      (r) => live && setSaved(r ? `${new Date(r.savedAt).toLocaleString()}: ${r.note}` : null),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [kernel, cell.id, cell.name]);

  const act = (work: () => Promise<string | void>) => {
    setNotice(null);
    work().then(
      (text) => text && setNotice({ text }),
      (e: Error) => setNotice({ text: e.message, error: true }),
    );
  };

  return (
    <section className="model-lab" aria-label="Trained model">
      <div className="training-buttons">
        <button
          type="button"
          disabled={busy}
          title="Loss, accuracy, precision and recall on the test split, and the confusion matrix"
          onClick={() => void kernel.evaluate(cell.id)}
        >
          Evaluate
        </button>
        <button
          type="button"
          disabled={busy}
          aria-expanded={predicting}
          title="Try the trained model on a drawing, a sentence or a test sample"
          onClick={() => setPredicting(!predicting)}
        >
          Predict
        </button>
        <button
          type="button"
          disabled={!trusted}
          aria-expanded={insight}
          title="Grad-CAM heatmaps, attention maps and activations of this model"
          onClick={() => setInsight(!insight)}
        >
          Insight
        </button>
        <button
          type="button"
          disabled={busy}
          title="Keep the trained weights in this browser, beside the notebook"
          onClick={() =>
            act(async () => {
              const message = await kernel.saveModel(cell.id);
              const record = await kernel.savedModel(cell.id);
              if (record) setSaved(`${new Date(record.savedAt).toLocaleString()}: ${record.note}`);
              return message;
            })
          }
        >
          Save model
        </button>
        <button
          type="button"
          disabled={busy}
          title="model.json and its weights, as tf.loadLayersModel reads them"
          onClick={() =>
            act(async () => {
              const { files } = await kernel.ask(cell.id, { op: 'exportModel' });
              const weightsName = `${cell.name}.weights.bin`;
              downloadBlob(new Blob([JSON.stringify(toModelJson(files, weightsName))], { type: 'application/json' }), `${cell.name}.json`);
              downloadBlob(new Blob([files.weightData], { type: 'application/octet-stream' }), weightsName);
              return `Downloaded ${cell.name}.json and ${weightsName}: load them with tf.loadLayersModel, or with Load weights here.`;
            })
          }
        >
          Download model
        </button>
        <label className="file-button" htmlFor={fileId} aria-disabled={busy}>
          Load weights…
        </label>
        <input
          id={fileId}
          type="file"
          accept=".json,.bin"
          multiple
          hidden
          disabled={busy}
          aria-label="Load weights (model.json with its .bin)"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            act(async () => kernel.loadWeights(cell.id, await readModelFiles(files)));
          }}
        />
        {saved && (
          <button type="button" disabled={busy} title={`Saved ${saved}`} onClick={() => act(() => kernel.loadWeights(cell.id, 'saved'))}>
            Load saved model
          </button>
        )}
      </div>
      {saved && <p className="param-help">Saved in this browser {saved}.</p>}
      {notice && (
        <p role={notice.error ? 'alert' : 'status'} className={notice.error ? 'param-error' : 'param-help'}>
          {notice.text}
        </p>
      )}
      {state?.error && (
        <p role="alert" className="param-error">
          {state.error}
        </p>
      )}
      {state?.busy && <p className="param-help">Evaluating on the test split…</p>}
      {state?.evaluation && (
        <EvaluationView
          key={state.seq}
          evaluation={state.evaluation}
          loadSamples={(truth, predicted) => kernel.ask(cell.id, { op: 'samples', truth, predicted, limit: 24 }).then((r) => r.list)}
        />
      )}
      {/* A new run's model gets a fresh panel; while training, Predict waits. */}
      {insight && <InsightPanel cell={cell} info={info} />}
      {predicting && !running && (
        <PredictPanel
          key={`${cell.name}:${runCount}`}
          mode={mode}
          predict={(input) => kernel.ask(cell.id, { op: 'predict', input }).then((r) => r.prediction)}
        />
      )}
    </section>
  );
}
