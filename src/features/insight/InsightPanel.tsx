import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { GraphCell } from '../../doc/types';
import type { GraphInfo } from '../../graph/infer';
import type { InsightSpec } from '../../protocol/insight';
import { useNotebook } from '../../store/notebookStore';
import { useKernelSession } from '../kernel/kernelContext';
import { InsightView } from './InsightView';

const CONV = new Set(['Conv2D', 'SeparableConv2D', 'DepthwiseConv2D', 'Conv2DTranspose']);
const ATTENTION = new Set(['MultiHeadAttention', 'TransformerEncoder']);

/** The graph's layers by the names the kernel gives them (a graph's layer names are the model's). */
function layersOf(info: GraphInfo) {
  const nodes = info.order.map((id) => info.nodes[id]).filter((n) => n.className !== 'Input' && n.name);
  return {
    conv: nodes.filter((n) => CONV.has(n.className)).map((n) => n.name),
    attention: nodes.filter((n) => ATTENTION.has(n.className)).map((n) => n.name),
    all: nodes.map((n) => n.name),
  };
}

/** A labelled choice of the model's layers; `emptyLabel` offers "" first (the panel's default layer). */
function LayerSelect({
  id,
  label,
  names,
  emptyLabel,
  value,
  onChange,
}: {
  id: string;
  label: string;
  names: string[];
  emptyLabel?: string;
  value: string;
  onChange: (name: string) => void;
}) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
        {names.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </>
  );
}

/** Which test example to explain: a whole number from 0 (anything else typed becomes one). */
function SampleField({ id, value, onChange }: { id: string; value: number; onChange: (index: number) => void }) {
  return (
    <>
      <label htmlFor={id}>Sample</label>
      <input id={id} type="number" min={0} value={value} onChange={(e) => onChange(Math.max(0, Math.round(Number(e.target.value) || 0)))} />
    </>
  );
}

/**
 * Insight for a graph cell's trained model: where a CNN looks (Grad-CAM, Live at
 * each epoch end while it trains), what attention attends to, what each layer outputs.
 */
export function InsightPanel({ cell, info }: { cell: GraphCell; info: GraphInfo }) {
  const kernel = useKernelSession();
  const results = useNotebook((s) => s.insights[cell.id]);
  const setInsight = useNotebook((s) => s.setInsight);
  const running = useNotebook((s) => ['queued', 'running'].includes(s.outputs[cell.id]?.state ?? ''));
  const classes = useNotebook((s) => s.evaluations[cell.id]?.evaluation?.classes);
  const layers = useMemo(() => layersOf(info), [info]);
  const [errors, setErrors] = useState<Partial<Record<InsightSpec['kind'], string>>>({});
  // A layer chosen before the graph lost it is not asked for: each select shows, and its
  // panel uses, its default layer instead.
  const stillThere = (name: string, names: string[]) => (names.includes(name) ? name : '');
  const [chosenCamLayer, setCamLayer] = useState('');
  const camLayer = stillThere(chosenCamLayer, layers.conv);
  const [classIndex, setClassIndex] = useState(-1);
  const [count, setCount] = useState(8);
  // The grid shows test examples first, first + 1, …: a learner can page through the test split.
  const [first, setFirst] = useState(0);
  const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);
  const [live, setLive] = useState(false);
  const [chosenAttLayer, setAttLayer] = useState('');
  const attLayer = stillThere(chosenAttLayer, layers.attention);
  const [attSample, setAttSample] = useState(0);
  const [chosenActLayer, setActLayer] = useState('');
  const actLayer = stillThere(chosenActLayer, layers.all);
  const [actSample, setActSample] = useState(0);
  const id = useId();

  const camSpec = (): Extract<InsightSpec, { kind: 'gradCam' }> => ({
    kind: 'gradCam',
    indices: range(first, count),
    layer: camLayer || undefined,
    classIndex: classIndex < 0 ? null : classIndex,
  });
  const show = (spec: InsightSpec) => {
    setErrors((e) => ({ ...e, [spec.kind]: undefined }));
    kernel.ask(cell.id, { op: 'insight', spec }).then(
      (r) => setInsight(cell.id, r.result),
      (e: Error) => setErrors((x) => ({ ...x, [spec.kind]: e.message })),
    );
  };
  const liveRef = useRef(false);
  const watch = (on: boolean, spec: InsightSpec = camSpec()) => {
    setLive(on);
    liveRef.current = on;
    kernel.ask(cell.id, { op: 'watch', spec: on ? spec : null }).catch((e: Error) => {
      // Refused (no such layer, say): Live is off, and the panel says why.
      setLive(false);
      liveRef.current = false;
      setErrors((x) => ({ ...x, gradCam: e.message }));
    });
  };
  // The kernel stopped Live during a run (its question failed after an epoch): the switch goes
  // off and the panel says why, as the run's output does.
  const liveStop = useNotebook((s) => s.liveStops[cell.id]);
  const setLiveStop = useNotebook((s) => s.setLiveStop);
  useEffect(() => {
    if (!liveStop) return;
    setLive(false);
    liveRef.current = false;
    setErrors((x) => ({ ...x, [liveStop.kind]: `Live stopped: ${liveStop.error}` }));
    setLiveStop(cell.id, null);
  }, [liveStop, setLiveStop, cell.id]);
  // Closing the panel switches Live off in the kernel too: it would otherwise go on computing
  // heatmaps at every epoch end for a panel that is gone, and show Live off when reopened.
  useEffect(
    () => () => {
      if (liveRef.current) kernel.ask(cell.id, { op: 'watch', spec: null }).catch(() => {});
    },
    [kernel, cell.id],
  );
  // Changing what Live watches while it is on watches the new choice from the next epoch.
  const rewatch = (spec: InsightSpec) => live && watch(true, spec);
  const shownClasses = (results?.gradCam?.kind === 'gradCam' ? results.gradCam.classes : undefined) ?? classes ?? [];
  const error = (kind: InsightSpec['kind']) =>
    errors[kind] && (
      <p role="alert" className="param-error">
        {errors[kind]}
      </p>
    );

  const camControls = (
    <div className="insight-controls">
      <LayerSelect
        id={`${id}-cam-layer`}
        label="Target layer"
        names={layers.conv}
        emptyLabel="Last convolution"
        value={camLayer}
        onChange={(v) => (setCamLayer(v), rewatch({ ...camSpec(), layer: v || undefined }))}
      />
      <label htmlFor={`${id}-class`}>Class</label>
      <select
        id={`${id}-class`}
        value={classIndex}
        onChange={(e) => (
          setClassIndex(Number(e.target.value)),
          rewatch({ ...camSpec(), classIndex: Number(e.target.value) < 0 ? null : Number(e.target.value) })
        )}
      >
        <option value={-1}>Predicted class</option>
        {shownClasses.map((c, i) => (
          <option key={c} value={i}>
            {c}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-count`}>Samples</label>
      <input
        id={`${id}-count`}
        type="number"
        min={1}
        max={32}
        value={count}
        onChange={(e) => {
          const n = Math.max(1, Math.min(32, Math.round(Number(e.target.value) || 1)));
          setCount(n);
          rewatch({ ...camSpec(), indices: range(first, n) });
        }}
      />
      <label htmlFor={`${id}-first`}>From sample</label>
      <input
        id={`${id}-first`}
        type="number"
        min={0}
        value={first}
        onChange={(e) => {
          const from = Math.max(0, Math.round(Number(e.target.value) || 0));
          setFirst(from);
          rewatch({ ...camSpec(), indices: range(from, count) });
        }}
      />
      <button
        type="button"
        disabled={running}
        title={running ? 'Training: switch Live on to watch the heatmaps at each epoch end' : 'Grad-CAM for these test examples'}
        onClick={() => show(camSpec())}
      >
        Show heatmaps
      </button>
      <label className="switch" title="Recompute these heatmaps at every epoch end of the next Train runs">
        <input type="checkbox" role="switch" aria-label="Live" checked={live} onChange={(e) => watch(e.target.checked)} /> Live
      </label>
    </div>
  );
  const attControls = (
    <div className="insight-controls">
      <LayerSelect
        id={`${id}-att-layer`}
        label="Attention layer"
        names={layers.attention}
        emptyLabel="Last attention layer"
        value={attLayer}
        onChange={setAttLayer}
      />
      <SampleField id={`${id}-att-sample`} value={attSample} onChange={setAttSample} />
      <button type="button" disabled={running} onClick={() => show({ kind: 'attention', index: attSample, layer: attLayer || undefined })}>
        Show attention
      </button>
    </div>
  );
  const actControls = (
    <div className="insight-controls">
      <LayerSelect id={`${id}-act-layer`} label="Layer" names={layers.all} value={actLayer || layers.all[0]} onChange={setActLayer} />
      <SampleField id={`${id}-act-sample`} value={actSample} onChange={setActSample} />
      <button
        type="button"
        disabled={running}
        onClick={() => show({ kind: 'activations', index: actSample, layer: actLayer || layers.all[0] })}
      >
        Show activations
      </button>
    </div>
  );

  const section = (kind: InsightSpec['kind'], label: string, controls: React.ReactNode, hint: string) => {
    const result = results?.[kind];
    return (
      <div key={kind}>
        {result ? (
          <InsightView result={result} controls={controls} />
        ) : (
          <figure role="region" aria-label={label} className="insight-empty">
            {controls}
            <p className="param-help">{hint}</p>
          </figure>
        )}
        {error(kind)}
      </div>
    );
  };

  return (
    <section className="insight-panel" aria-label="Insight">
      {layers.conv.length > 0 &&
        section(
          'gradCam',
          'Grad-CAM',
          camControls,
          'Grad-CAM shows where the model looks for a class: the heat is high where the convolution features that raise its score are. ' +
            'Train, then Show heatmaps, or switch Live on before Train to watch it form.',
        )}
      {layers.attention.length > 0 &&
        section(
          'attention',
          'Attention map',
          attControls,
          'Which positions each position attends to, per head and averaged. Train, then Show attention.',
        )}
      {section(
        'activations',
        'Activations',
        actControls,
        'What a layer outputs for one example: one image per channel of a convolution, a strip of values for other layers.',
      )}
    </section>
  );
}
