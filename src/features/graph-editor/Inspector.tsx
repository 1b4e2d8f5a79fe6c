import { useId, useState } from 'react';
import { inferGraph, type GraphInfo, type NodeInfo } from '../../graph/infer';
import { formatShape } from '../../graph/shape';
import type { ParamSpec } from '../../graph/types';

/** Parses "28, 28, 1" (and "None" in shapes) into numbers; null when it is not a list of numbers. */
function parseDims(text: string, allowNone: boolean): Array<number | null> | null {
  const parts = text.split(/[,\s]+/).filter(Boolean);
  if (!parts.length) return null;
  const dims = parts.map((p) => (allowNone && /^none$/i.test(p) ? null : Number(p)));
  return dims.every((d) => d === null || Number.isInteger(d)) ? dims : null;
}

interface InspectorProps {
  node: NodeInfo | null;
  info: GraphInfo;
  onChange(patch: Record<string, unknown>): void;
  onTrainable(trainable: boolean): void;
  /** A model block (backbone): cut it at another of its layers; freeze or unfreeze one of its layers. */
  onCut(layerId: string): void;
  onBlockLayerTrainable(layerId: string, trainable: boolean): void;
  /** A model block starts from fresh weights (true) or its pretrained ones. */
  onBlockFresh(fresh: boolean): void;
  onConnectFrom(sourceId: string): void;
  onDisconnect(sourceId: string): void;
}

/** The selected layer's parameters, as a form generated from the catalogue, and its inputs (keyboard wiring). */
export function Inspector({
  node,
  info,
  onChange,
  onTrainable,
  onCut,
  onBlockLayerTrainable,
  onBlockFresh,
  onConnectFrom,
  onDisconnect,
}: InspectorProps) {
  if (!node?.spec) {
    return (
      <aside className="inspector" aria-label="Layer settings">
        <p className="inspector-empty">Select a layer to see and change its settings.</p>
      </aside>
    );
  }
  return (
    <aside className="inspector" aria-label="Layer settings">
      <h3>
        {node.name} <span className="inspector-class">{node.className}</span>
      </h3>
      <p className="inspector-help">{node.spec.help}</p>
      {node.spec.params.length === 0 && !node.block && <p className="inspector-empty">This layer has no settings.</p>}
      {node.block && <BlockFields node={node} onCut={onCut} onLayerTrainable={onBlockLayerTrainable} onFresh={onBlockFresh} />}
      {node.spec.params.map((p) => (
        <ParamField key={`${node.id}:${p.name}`} param={p} value={node.config[p.name]} onChange={(v) => onChange({ [p.name]: v })} />
      ))}
      {(node.frozen || node.trainable + node.nonTrainable > 0) && node.className !== 'Input' && (
        <div className="param param-bool">
          <label>
            <input type="checkbox" checked={!node.frozen} onChange={(e) => onTrainable(e.target.checked)} /> Trainable
          </label>
          <small className="param-help">
            Untick to freeze the layer: training leaves its weights as they are, as Keras does with trainable=False (transfer learning
            freezes a pretrained network and trains a new head on it).
          </small>
        </div>
      )}
      {node.spec.arity !== 'none' && <InputsField node={node} info={info} onConnectFrom={onConnectFrom} onDisconnect={onDisconnect} />}
    </aside>
  );
}

/** A model block's layers: where it is cut, and which of them train (all frozen while the block is). */
function BlockFields({
  node,
  onCut,
  onLayerTrainable,
  onFresh,
}: {
  node: NodeInfo;
  onCut(layerId: string): void;
  onLayerTrainable(layerId: string, trainable: boolean): void;
  onFresh(fresh: boolean): void;
}) {
  const id = useId();
  const startId = useId();
  const block = node.block;
  if (!block) return null;
  // Every layer of the model may be the cut; those up to the cut are what the block computes.
  const whole = inferGraph(block.model.graph);
  const layers = whole.order.filter((l) => whole.nodes[l].className !== 'Input');
  const used = block.info.order.filter((l) => block.info.nodes[l].className !== 'Input');
  return (
    <>
      <div className="param">
        <label htmlFor={id}>Cut at</label>
        <select id={id} value={block.model.cut} onChange={(e) => onCut(e.target.value)}>
          {layers.map((l) => (
            <option key={l} value={l}>
              {whole.nodes[l].name} ({whole.nodes[l].className}, {whole.nodes[l].shape ? formatShape(whole.nodes[l].shape) : '?'})
            </option>
          ))}
        </select>
        <small className="param-help">
          The layer whose output the block gives: cut before the model’s own classifier to reuse its features.
        </small>
      </div>
      <div className="param">
        <label htmlFor={startId}>Start from</label>
        <select id={startId} value={block.model.weights ?? 'pretrained'} onChange={(e) => onFresh(e.target.value === 'fresh')}>
          <option value="pretrained">pretrained weights</option>
          <option value="fresh">fresh weights (from scratch)</option>
        </select>
        <small className="param-help">
          Fresh weights train the same network from scratch (Keras’s weights=None), to see what its pretraining is worth: tick Trainable
          too, or its random weights stay as they are.
        </small>
      </div>
      <ul className="block-layers" aria-label={`Layers of ${node.name}`}>
        {used.map((l) => {
          const layer = block.info.nodes[l];
          const params = layer.trainable + layer.nonTrainable;
          return (
            <li key={l}>
              {params > 0 ? (
                <label>
                  <input
                    type="checkbox"
                    aria-label={`Trainable: ${layer.name}`}
                    checked={!node.frozen && !layer.frozen}
                    disabled={node.frozen}
                    onChange={(e) => onLayerTrainable(l, e.target.checked)}
                  />{' '}
                  {layer.name}
                </label>
              ) : (
                <span className="block-layer-name">{layer.name}</span>
              )}{' '}
              <span className="inspector-class">{layer.className}</span>
              <small className="param-help">
                {layer.shape ? formatShape(layer.shape) : '?'} · {params.toLocaleString('en-US')} params
              </small>
            </li>
          );
        })}
      </ul>
      <small className="param-help">
        {node.frozen
          ? 'The whole model is frozen: tick Trainable below to choose which of its layers train (fine-tuning).'
          : 'Ticked layers train with the rest of the graph; fine-tuning usually trains only the top ones, at a lower learning rate.'}
      </small>
    </>
  );
}

function ParamField({ param, value, onChange }: { param: ParamSpec; value: unknown; onChange(v: unknown): void }) {
  const id = useId();
  const help = <small className="param-help">{param.help}</small>;
  switch (param.kind) {
    case 'bool':
      return (
        <div className="param param-bool">
          <label>
            <input type="checkbox" checked={Boolean(value)} onChange={(e) => onChange(e.target.checked)} /> {param.name}
          </label>
          {help}
        </div>
      );
    case 'enum':
      return (
        <div className="param">
          <label htmlFor={id}>{param.name}</label>
          <select id={id} value={String(value)} onChange={(e) => onChange(e.target.value)}>
            {param.options.map((o) => (
              <option key={o}>{o}</option>
            ))}
          </select>
          {help}
        </div>
      );
    case 'int':
    case 'float':
      return (
        <div className="param">
          <label htmlFor={id}>{param.name}</label>
          <input
            id={id}
            type="number"
            value={String(value)}
            min={param.min}
            max={param.max}
            step={param.kind === 'int' ? 1 : 'any'}
            // An empty or half-typed number is kept as typed; inference then says what is wrong.
            onChange={(e) => onChange(e.target.value === '' ? e.target.value : Number(e.target.value))}
          />
          {help}
        </div>
      );
    case 'ints':
    case 'dims':
      return <DimsField id={id} param={param} value={value as Array<number | null>} onChange={onChange} help={help} />;
  }
}

/** A tuple typed as "28, 28, 1": committed when it parses, kept as typed while it does not. */
function DimsField({
  id,
  param,
  value,
  onChange,
  help,
}: {
  id: string;
  param: ParamSpec;
  value: Array<number | null>;
  onChange(v: unknown): void;
  help: React.ReactNode;
}) {
  const shown = (value ?? []).map((d) => (d === null ? 'None' : String(d))).join(', ');
  const [text, setText] = useState(shown);
  const [bad, setBad] = useState(false);
  // Set from elsewhere (a fix on the training panel, "Set Input shape to 28, 28, 1"; undo): the
  // field shows the new value, unless what is typed already says it (as "28,28,1" does).
  const [last, setLast] = useState(shown);
  if (shown !== last) {
    setLast(shown);
    if (parseDims(text, param.kind === 'dims')?.join() !== (value ?? []).join()) {
      setText(shown);
      setBad(false);
    }
  }
  return (
    <div className="param">
      <label htmlFor={id}>{param.name}</label>
      <input
        id={id}
        value={text}
        aria-invalid={bad}
        onChange={(e) => {
          setText(e.target.value);
          const dims = parseDims(e.target.value, param.kind === 'dims');
          setBad(!dims);
          if (dims) onChange(dims);
        }}
      />
      {bad && (
        <small className="param-error">
          Write whole numbers separated by commas{param.kind === 'dims' ? ' (None for a free length)' : ''}.
        </small>
      )}
      {help}
    </div>
  );
}

/** What feeds this layer, with a way to wire and unwire without a mouse. */
function InputsField({
  node,
  info,
  onConnectFrom,
  onDisconnect,
}: Omit<InspectorProps, 'onChange' | 'onTrainable' | 'onCut' | 'onBlockLayerTrainable' | 'onBlockFresh' | 'node'> & { node: NodeInfo }) {
  const id = useId();
  const candidates = Object.values(info.nodes).filter((n) => n.id !== node.id && !node.inputs.includes(n.id));
  return (
    <div className="param">
      <span className="param-title">inputs</span>
      <ul className="inputs-list">
        {node.inputs.map((source) => (
          <li key={source}>
            {info.nodes[source].name}{' '}
            <button
              type="button"
              className="link-button"
              aria-label={`Disconnect ${info.nodes[source].name}`}
              onClick={() => onDisconnect(source)}
            >
              disconnect
            </button>
          </li>
        ))}
        {!node.inputs.length && <li className="inspector-empty">none yet</li>}
      </ul>
      <label htmlFor={id}>Connect input from</label>
      <select id={id} value="" onChange={(e) => e.target.value && onConnectFrom(e.target.value)}>
        <option value="">choose a layer…</option>
        {candidates.map((n) => (
          <option key={n.id} value={n.id}>
            {n.name}
          </option>
        ))}
      </select>
    </div>
  );
}
