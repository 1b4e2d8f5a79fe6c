import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { exportFileName } from '../../doc/exportFile';
import { notebookToIpynb } from '../../graph/keras/toNotebook';
import { useNotebook, useNotebookStoreApi } from '../../store/notebookStore';
import { useEscape } from '../dialog/useEscape';
import { downloadBytes, downloadText } from '../notebook/downloadNotebook';
import { useKernelSession } from '../kernel/kernelContext';
import { weightsNpz } from '../../graph/keras/npz';
import type { GraphCell } from '../../doc/types';

/**
 * "Export as Jupyter notebook": the notebook as an .ipynb that runs on real TensorFlow (Colab, or a
 * local Jupyter), each graph cell as its data, Keras model, compile and fit. Says what becomes what
 * before the download, and offers tf.distribute for a machine with several GPUs.
 */
export function ExportJupyterDialog({ onClose }: { onClose(): void }) {
  const store = useNotebookStoreApi();
  const userData = useNotebook((s) => s.userData);
  const [distribute, setDistribute] = useState(false);
  const [withWeights, setWithWeights] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ files: string[]; missing: string[] } | null>(null);
  const kernel = useKernelSession();
  // Models trained in this session: their weights can go along (a model never trained has only its starting ones).
  const runHistory = useNotebook((s) => s.runHistory);
  const trained = useMemo(() => {
    const ids = new Set(runHistory.map((r) => r.cellId));
    return store
      .getState()
      .doc.cells.filter((c): c is GraphCell => c.kind === 'graph' && ids.has(c.id))
      .map((c) => ({ id: c.id, name: c.name }));
  }, [runHistory, store]);
  const titleId = useId();
  const download = useRef<HTMLButtonElement>(null);

  useEscape(onClose);
  useEffect(() => download.current?.focus(), []);

  const doc = store.getState().doc;
  const ownData = useMemo(() => Object.fromEntries(Object.entries(userData).map(([cellId, data]) => [cellId, data.origin])), [userData]);
  const planned = useMemo(
    () => (withWeights ? Object.fromEntries(trained.map((c) => [c.id, `${c.name}.weights.npz`])) : {}),
    [withWeights, trained],
  );
  const exported = useMemo(() => notebookToIpynb(doc, { distribute, ownData, weights: planned }), [doc, distribute, ownData, planned]);

  const save = async () => {
    setBusy(true);
    const files: string[] = [];
    const missing: string[] = [];
    const weights: Record<string, string> = {};
    try {
      // Each trained model's weights as the kernel has them now, written beside the notebook.
      for (const c of withWeights ? trained : []) {
        try {
          const { files: model } = await kernel.ask(c.id, { op: 'exportModel' });
          const file = `${c.name}.weights.npz`;
          downloadBytes(file, weightsNpz(model.weightSpecs, model.weightData).npz, 'application/octet-stream');
          weights[c.id] = file;
          files.push(file);
        } catch {
          missing.push(c.name);
        }
      }
      const name = exportFileName(doc.title, '.ipynb');
      const notebook = notebookToIpynb(doc, { distribute, ownData, weights }).notebook;
      downloadText(name, `${JSON.stringify(notebook, null, 1)}\n`, 'application/x-ipynb+json');
      setDone({ files: [name, ...files], missing });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div role="dialog" aria-modal="true" aria-labelledby={titleId} className="share-dialog keras-dialog">
      <h2 id={titleId}>Export as Jupyter notebook</h2>
      <p className="param-help">
        An .ipynb that runs top to bottom on TensorFlow and Keras 3 (in Colab, or a local Jupyter): each graph cell becomes its data, its
        Keras model, and compile and fit with the same settings. Generated datasets are made by the same generators in NumPy, MNIST comes
        from keras.datasets, and your own CSV file or image folder is read by its name beside the notebook.
      </p>
      <label className="checkbox-row">
        <input type="checkbox" checked={distribute} onChange={(e) => setDistribute(e.target.checked)} />
        Train on several GPUs (tf.distribute)
      </label>
      <p className="param-help">
        Builds and trains each model under tf.distribute.MirroredStrategy(): one copy per GPU of the machine, the batch split between them.
        The road to TensorFlow’s own distributed training; on one GPU or a CPU it trains as before.
      </p>
      <label className="checkbox-row">
        <input type="checkbox" checked={withWeights} disabled={!trained.length} onChange={(e) => setWithWeights(e.target.checked)} />
        Include trained weights
      </label>
      <p className="param-help">
        {trained.length
          ? `The weights ${trained.map((c) => c.name).join(', ')} ${trained.length === 1 ? 'has' : 'have'} now, ` +
            'as a NumPy .npz file each, ' +
            'loaded by the notebook into Keras: it predicts as the model does here.'
          : 'Train a graph cell first: its weights can then go along, as a NumPy .npz file loaded by the notebook.'}
      </p>
      <ul className="keras-notes" aria-label="What the export holds">
        {exported.summary.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {done && (
        <p role="status">
          Downloaded {done.files.map((f) => `“${f}”`).join(', ')}.
          {done.missing.length > 0 && ` No weights for ${done.missing.join(', ')}: its model is not in the kernel now (train it again).`}
        </p>
      )}
      <div className="training-buttons">
        <button ref={download} type="button" disabled={busy} onClick={() => void save()}>
          Download .ipynb
        </button>
        <button type="button" onClick={onClose}>
          {done ? 'Close' : 'Cancel'}
        </button>
      </div>
    </div>
  );
}
