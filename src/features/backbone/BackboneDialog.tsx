import { useEffect, useId, useRef, useState } from 'react';
import { BACKBONES, type BackboneSpec } from '../../data/backbones';
import type { ModelBlock } from '../../doc/types';
import { newId } from '../../doc/ids';
import { blockFromModelJson } from '../../graph/backboneBlock';
import { useShippedFiles } from '../kernel/kernelContext';

/**
 * "Use a model as a backbone": a trained model enters the graph as one layer, frozen, cut before
 * its own classifier, with its trained weights (loaded when the cell trains). The backbones the
 * app ships are listed with what they learned from.
 */
export function BackboneDialog({ onUse, onClose }: { onUse(block: ModelBlock): void; onClose(): void }) {
  const titleId = useId();
  const files = useShippedFiles();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);

  const use = async (spec: BackboneSpec) => {
    setBusy(true);
    setError(null);
    try {
      const text = new TextDecoder().decode(await files(spec.model, spec.label));
      onUse(blockFromModelJson(text, spec.id, spec.cut, newId));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
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
        after it and train. To fine-tune, tick Trainable on it and on its top layers and train again: each Train starts from its trained
        weights and a fresh head.
      </p>
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
