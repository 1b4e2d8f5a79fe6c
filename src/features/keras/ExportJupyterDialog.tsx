import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { exportFileName } from '../../doc/exportFile';
import { notebookToIpynb } from '../../graph/keras/toNotebook';
import { useNotebook, useNotebookStoreApi } from '../../store/notebookStore';
import { useEscape } from '../dialog/useEscape';
import { downloadText } from '../notebook/downloadNotebook';

/**
 * "Export as Jupyter notebook": the notebook as an .ipynb that runs on real TensorFlow (Colab, or a
 * local Jupyter), each graph cell as its data, Keras model, compile and fit. Says what becomes what
 * before the download, and offers tf.distribute for a machine with several GPUs.
 */
export function ExportJupyterDialog({ onClose }: { onClose(): void }) {
  const store = useNotebookStoreApi();
  const userData = useNotebook((s) => s.userData);
  const [distribute, setDistribute] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const titleId = useId();
  const download = useRef<HTMLButtonElement>(null);

  useEscape(onClose);
  useEffect(() => download.current?.focus(), []);

  const doc = store.getState().doc;
  const exported = useMemo(
    () =>
      notebookToIpynb(doc, {
        distribute,
        ownData: Object.fromEntries(Object.entries(userData).map(([cellId, data]) => [cellId, data.origin])),
      }),
    [doc, distribute, userData],
  );

  const save = () => {
    const name = exportFileName(doc.title, '.ipynb');
    downloadText(name, `${JSON.stringify(exported.notebook, null, 1)}\n`, 'application/x-ipynb+json');
    setDone(name);
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
      <ul className="keras-notes" aria-label="What the export holds">
        {exported.summary.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {done && <p role="status">Downloaded “{done}”.</p>}
      <div className="training-buttons">
        <button ref={download} type="button" onClick={save}>
          Download .ipynb
        </button>
        <button type="button" onClick={onClose}>
          {done ? 'Close' : 'Cancel'}
        </button>
      </div>
    </div>
  );
}
