import { useEffect, useId, useRef, useState } from 'react';
import { newId } from '../../doc/ids';
import { inferGraph } from '../../graph/infer';
import { settingsForGraphInput } from '../../training/taskFit';
import type { ModelFiles } from '../../protocol/lab';
import type { ModelGraph } from '../../doc/types';
import type { TrainingSettings } from '../../doc/trainConfig';
import { ModelFileError } from '../../graph/keras/fromKerasConfig';
import { importKerasCode, KERAS_IMPORT_SUPPORT, KerasImportError } from '../../graph/keras/fromKerasPython';
import { graphFromModelFile } from '../../graph/keras/modelFile';
import { useNotebookStoreApi } from '../../store/notebookStore';
import { focusCell } from '../notebook/focusCell';
import { useEscape } from '../dialog/useEscape';
import { useKernelSession } from '../kernel/kernelContext';
import { readModelFiles } from '../lab/modelFiles';

type Outcome =
  | { kind: 'imported'; name: string; layers: number; params: number; notes: string[] }
  | { kind: 'refused'; line: number; reason: string }
  | { kind: 'file-refused'; file: string; reason: string };

const count = (n: number) => n.toLocaleString('en-US');

/**
 * "Import Keras code": Python that builds a Keras model, pasted, becomes a graph cell with the
 * settings of its compile and fit. What cannot be imported is said with its line; the text stays.
 */
export function ImportKerasDialog({ onClose }: { onClose(): void }) {
  const store = useNotebookStoreApi();
  const kernel = useKernelSession();
  const [code, setCode] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const box = useRef<HTMLTextAreaElement>(null);
  const titleId = useId();

  useEscape(onClose);
  useEffect(() => box.current?.focus(), []);

  const add = (graph: ModelGraph, training: TrainingSettings, name: string, notes: string[], python?: string): string | null => {
    const id = store.getState().addImportedGraphCell({ graph, training, name, python });
    if (!id) return null;
    const cell = store.getState().doc.cells.find((c) => c.id === id);
    setOutcome({
      kind: 'imported',
      name: cell?.kind === 'graph' ? cell.name : name,
      layers: graph.nodes.length,
      params: inferGraph(graph).total,
      notes,
    });
    focusCell(id);
    return id;
  };

  const openFiles = async (picked: File[]) => {
    // A TensorFlow.js model comes as model.json and its .bin weights, picked together.
    const file = picked.find((f) => !f.name.toLowerCase().endsWith('.bin')) ?? picked[0];
    const withWeights = file.name.toLowerCase().endsWith('.json') && picked.some((f) => f.name.toLowerCase().endsWith('.bin'));
    let id: string | null;
    let notes: string[];
    let kerasWeights: ModelFiles | undefined;
    try {
      const opened = graphFromModelFile(file.name, new Uint8Array(await file.arrayBuffer()), newId);
      notes = withWeights ? opened.notes.filter((n) => !n.startsWith('The weights files beside model.json')) : opened.notes;
      if (opened.weights) kerasWeights = { modelTopology: null, weightSpecs: opened.weights.specs, weightData: opened.weights.data };
      // Weights are evaluated on the cell's dataset: the one whose examples the model takes, when only one does.
      id = add(opened.graph, kerasWeights ? settingsForGraphInput(opened.graph) : {}, opened.name, notes);
    } catch (e) {
      if (!(e instanceof ModelFileError)) throw e;
      setOutcome({ kind: 'file-refused', file: file.name, reason: e.message });
      return;
    }
    if (!id || (!withWeights && !kerasWeights)) return;
    const cellId = id;
    let said: string;
    try {
      said = await kernel.loadWeights(cellId, kerasWeights ?? (await readModelFiles(picked)));
    } catch (e) {
      said =
        `The layers came over; the weights did not: ${(e as Error).message} ` +
        (kerasWeights
          ? 'Choose the cell’s Dataset, then open the file again.'
          : 'Choose the cell’s Dataset, then use Load weights… under it.');
    }
    setOutcome((o) => (o?.kind === 'imported' ? { ...o, notes: [...o.notes, said] } : o));
  };

  const run = () => {
    try {
      const imported = importKerasCode(code, newId);
      add(imported.graph, imported.settings, imported.modelName, imported.notes, code);
    } catch (e) {
      if (!(e instanceof KerasImportError)) throw e;
      setOutcome({ kind: 'refused', line: e.line, reason: e.reason });
    }
  };

  return (
    <div role="dialog" aria-modal="true" aria-labelledby={titleId} className="share-dialog keras-dialog">
      <h2 id={titleId}>Import Keras code</h2>
      <p className="param-help">
        Paste Python that builds a Keras model (Sequential or the functional API, with compile and fit if you like). It becomes a graph cell
        you can edit and train here; nothing of it runs as Python.
      </p>
      <textarea
        ref={box}
        aria-label="Keras code"
        className="keras-code"
        rows={14}
        spellCheck={false}
        value={code}
        onChange={(e) => {
          setCode(e.target.value);
          setOutcome(null);
        }}
      />
      {outcome?.kind === 'refused' && (
        <div role="alert" className="param-error">
          <p>
            Not imported. Line {outcome.line}: {outcome.reason}
          </p>
          {!outcome.reason.includes(KERAS_IMPORT_SUPPORT) && <p className="param-help">{KERAS_IMPORT_SUPPORT}</p>}
        </div>
      )}
      {outcome?.kind === 'file-refused' && (
        <p role="alert" className="param-error">
          Could not open “{outcome.file}”. {outcome.reason}
        </p>
      )}
      {outcome?.kind === 'imported' && (
        <div role="status">
          <p>
            Imported as graph cell “{outcome.name}”: {outcome.layers} layers, {count(outcome.params)} parameters.
          </p>
          {outcome.notes.length > 0 && (
            <ul className="keras-notes" aria-label="Import notes">
              {outcome.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="training-buttons">
        <button type="button" disabled={!code.trim() || outcome?.kind === 'imported'} onClick={run}>
          Import
        </button>
        <label
          className="button"
          title="A Keras 3 .keras file, Keras's model.to_json(), or a TensorFlow.js model.json (with its .bin weights)"
        >
          Open a saved model…
          <input
            type="file"
            accept=".keras,.json,.bin,application/json"
            multiple
            className="visually-hidden"
            onChange={(e) => {
              const picked = [...(e.currentTarget.files ?? [])];
              e.currentTarget.value = '';
              if (picked.length) void openFiles(picked);
            }}
          />
        </label>
        <button type="button" onClick={onClose}>
          {outcome?.kind === 'imported' ? 'Close' : 'Cancel'}
        </button>
      </div>
    </div>
  );
}
