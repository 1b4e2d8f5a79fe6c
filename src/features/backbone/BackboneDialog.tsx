import { useEffect, useId, useRef, useState } from 'react';
import { BACKBONES, type BackboneSpec } from '../../data/backbones';
import type { ModelBlock } from '../../doc/types';
import { newId } from '../../doc/ids';
import { blockFromModelFiles, blockFromModelJson } from '../../graph/backboneBlock';
import type { ModelFiles } from '../../protocol/lab';
import type { SavedModelRecord } from '../../storage/db';
import { keepBackbone, listSavedModels } from '../../storage/modelRepo';
import { useDatabase } from '../../storage/useDatabase';
import { useNotebook } from '../../store/notebookStore';
import { useShippedFiles } from '../kernel/kernelContext';
import { readModelFiles } from '../lab/modelFiles';

/**
 * "Use a model as a backbone": a trained model enters the graph as one layer, frozen, cut before
 * its own classifier, with its trained weights (loaded when the cell trains). The backbones the
 * app ships are listed with what they learned from.
 */
export function BackboneDialog({ onUse, onClose }: { onUse(block: ModelBlock): void; onClose(): void }) {
  const titleId = useId();
  const files = useShippedFiles();
  const db = useDatabase();
  const notebookId = useNotebook((s) => s.doc.id);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<SavedModelRecord[]>([]);
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  useEffect(() => {
    let live = true;
    void listSavedModels(db).then((list) => live && setSaved(list));
    return () => {
      live = false;
    };
  }, [db]);

  const attempt = async (make: () => Promise<ModelBlock>) => {
    setBusy(true);
    setError(null);
    try {
      onUse(await make());
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const use = (spec: BackboneSpec) =>
    attempt(async () => {
      const text = new TextDecoder().decode(await files(spec.model, spec.label));
      return blockFromModelJson(text, { kind: 'shipped', id: spec.id }, spec.cut, newId);
    });
  /** A model of the learner's: its weights are kept beside this notebook (a copy), and the block refers to them. */
  const own = async (model: ModelFiles): Promise<ModelBlock> => {
    const block = blockFromModelFiles(model, { kind: 'saved', key: '' }, newId);
    const key = await keepBackbone(db, notebookId, block.name, newId(), model);
    return { ...block, source: { kind: 'saved', key } };
  };

  return (
    <div
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      className="share-dialog"
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      <h2 id={titleId}>Use a model as a backbone</h2>
      <p className="param-help">
        A trained model becomes one layer of this graph, with what it learned: frozen, and cut before its own classifier. Wire a new head
        after it and press Train. Then, to fine-tune, tick Trainable on it and on its top layers and press Fine-tune: it goes on from the
        trained head at a lower learning rate.
      </p>
      <h3>Shipped with Layerbook</h3>
      <ul className="backbone-list" aria-label="Backbones">
        {BACKBONES.map((spec, i) => (
          <li key={spec.id}>
            <strong>{spec.label}</strong>
            <p className="param-help">{spec.help}</p>
            <button type="button" ref={i === 0 ? first : undefined} disabled={busy} onClick={() => void use(spec)}>
              Use {spec.label}
            </button>
          </li>
        ))}
      </ul>
      <h3>Saved in this browser</h3>
      {saved.length ? (
        <ul className="backbone-list" aria-label="Saved models">
          {saved.map((record) => (
            <li key={record.key}>
              <strong>{record.name}</strong>
              <p className="param-help">
                {record.note} (saved {new Date(record.savedAt).toLocaleString()})
              </p>
              <button type="button" disabled={busy} onClick={() => void attempt(() => own(record.files))}>
                Use {record.name}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="param-help">None yet: a graph cell’s Save model keeps its trained model here.</p>
      )}
      <h3>From files</h3>
      <label className="param">
        A TensorFlow.js model.json and its weights (.bin), picked together
        <input
          type="file"
          multiple
          accept=".json,.bin"
          aria-label="Open a model.json and its weights"
          disabled={busy}
          onChange={(e) => {
            const picked = [...(e.target.files ?? [])];
            e.target.value = '';
            if (picked.length) void attempt(async () => own(await readModelFiles(picked)));
          }}
        />
      </label>
      {error && (
        <p role="alert" className="param-error">
          {error}
        </p>
      )}
      <div className="training-buttons">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </div>
  );
}
