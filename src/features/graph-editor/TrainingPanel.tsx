import { useEffect, useId, useRef, useState } from 'react';
import { testCountOf } from '../../data/builtin';
import { METRICS, MONITORS, scheduleOf, trainConfigOf, trainingSteps, type DatasetName, type MetricName, type TrainConfig } from '../../doc/trainConfig';
import { DatasetChooser, datasetClasses } from '../lab/DatasetChooser';
import { schedulePreview } from '../../training/schedules';
import { drawLineChart } from '../training/drawLineChart';
import { StoppingStatus } from '../training/StoppingStatus';
import type { GraphCell } from '../../doc/types';
import type { GraphInfo } from '../../graph/infer';
import { LOSSES, OPTIMIZERS, suggestLoss } from '../../training/compileSpec';
import { useNotebook } from '../../store/notebookStore';
import { useKernelSession } from '../kernel/kernelContext';

/** The built-in datasets whose generator takes a noise level (TF Playground's Noise slider). */
const NOISY = new Set<DatasetName>(['spiral', 'xor', 'circles', 'gaussian', 'shapes', 'sine']);
const PLATEAU_NEEDS_CONSTANT = 'ReduceLROnPlateau is off while a schedule sets the learning rate at every batch: choose the constant schedule to use it.';

/** The model's last layer: how many outputs, and its activation. */
function lastLayer(info: GraphInfo): { units: number; activation: string } | null {
  const out = info.outputs[0] ? info.nodes[info.outputs[0]] : undefined;
  if (!out?.shape) return null;
  return { units: out.shape[out.shape.length - 1] ?? 0, activation: String(out.config.activation ?? 'linear') };
}

/** Keras's compile and fit, as a form: dataset, loss, optimizer and the rest; Train, Pause, Resume, Stop. */
export function TrainingPanel({ cell, info }: { cell: GraphCell; info: GraphInfo }) {
  const config = trainConfigOf(cell.training);
  const setTrainConfig = useNotebook((s) => s.setTrainConfig);
  const canEdit = useNotebook((s) => s.access === 'write');
  const trusted = useNotebook((s) => s.trusted);
  const state = useNotebook((s) => s.outputs[cell.id]?.state ?? '');
  const running = state === 'queued' || state === 'running';
  // Stop and Pause act on the kernel's training: only while this cell's run is the one going.
  const active = state === 'running';
  const kernel = useKernelSession();
  const [paused, setPaused] = useState(false);
  // Stop ends the run only once the batches already sent to the device are done (up to
  // MAX_LAG_MS in the kernel, 3 s), and a graph cell's run then evaluates its test split. Until the
  // run has ended the panel says so, rather than leave Stop looking as if it did nothing.
  const [stopping, setStopping] = useState(false);
  useEffect(() => {
    if (!active) setStopping(false);
  }, [active]);
  const set = (patch: Partial<TrainConfig>) => canEdit && setTrainConfig(cell.id, patch);
  const own = useNotebook((s) => s.userData[cell.id]);
  const last = lastLayer(info);
  const classes = datasetClasses(config.dataset, own);
  const advice = last && classes !== undefined ? suggestLoss(classes, last.units, last.activation) : null;
  // The kernel leaves ReduceLROnPlateau out under a schedule, which sets the rate at every batch.
  const scheduled = config.schedule !== 'constant';
  const toggleMetric = (m: MetricName, on: boolean) => set({ metrics: on ? METRICS.filter((x) => x === m || config.metrics.includes(x)) : config.metrics.filter((x) => x !== m) });

  return (
    <section className="training-panel" aria-label="Training settings">
      <DatasetChooser
        cellId={cell.id}
        config={config}
        onChange={(dataset) => {
          // The loss follows the dataset's labels unless the learner chose otherwise since.
          const c = datasetClasses(dataset, own);
          const suggested = last && c !== undefined ? suggestLoss(c, last.units, last.activation).loss : config.loss;
          set({ dataset, loss: suggested });
        }}
        // New data of the learner's own: the loss follows its labels, as it does for a dataset chosen.
        onOwnData={(c) => last && set({ loss: suggestLoss(c, last.units, last.activation).loss })}
      />
      <div className="training-fields">
        <Field label="Loss">
          {(id) => (
            <select id={id} value={config.loss} onChange={(e) => set({ loss: e.target.value as TrainConfig['loss'] })}>
              {Object.entries(LOSSES).map(([name, l]) => (
                <option key={name} value={name} title={l.label}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Optimizer">
          {(id) => (
            <select id={id} value={config.optimizer} onChange={(e) => set({ optimizer: e.target.value as TrainConfig['optimizer'] })}>
              {OPTIMIZERS.map((o) => (
                <option key={o}>{o}</option>
              ))}
            </select>
          )}
        </Field>
        {config.optimizer === 'sgd' && <NumberField label="Momentum" value={config.momentum} step={0.05} onChange={(v) => set({ momentum: v })} />}
        {config.optimizer === 'adamw' && <NumberField label="Weight decay" value={config.weight_decay} step={0.001} onChange={(v) => set({ weight_decay: v })} />}
        <NumberField label="Learning rate" value={config.learning_rate} step="any" onChange={(v) => set({ learning_rate: v })} />
        <Field label="Schedule">
          {(id) => (
            <select id={id} value={config.schedule} onChange={(e) => set({ schedule: e.target.value as TrainConfig['schedule'] })}>
              <option value="constant">constant</option>
              <option value="exponential">exponential decay</option>
              <option value="polynomial">polynomial decay</option>
              <option value="cosine">cosine decay</option>
            </select>
          )}
        </Field>
        <NumberField label="Epochs" value={config.epochs} step={1} onChange={(v) => set({ epochs: v })} />
        <NumberField label="Batch size" value={config.batch_size} step={1} onChange={(v) => set({ batch_size: v })} />
        <NumberField label="Validation split" value={config.validation_split} step={0.05} onChange={(v) => set({ validation_split: v })} />
        <NumberField label="Samples" value={config.samples} step={10} onChange={(v) => set({ samples: v })} />
        {NOISY.has(config.dataset) && <NumberField label="Noise" value={config.noise} step={0.05} onChange={(v) => set({ noise: v })} />}
        <NumberField label="Patience" value={config.patience} step={1} onChange={(v) => set({ patience: v })} />
        <Field label="Monitor">
          {(id) => (
            <select id={id} value={config.monitor} onChange={(e) => set({ monitor: e.target.value as TrainConfig['monitor'] })} title="What EarlyStopping, ReduceLROnPlateau and Keep best weights watch">
              {MONITORS.map((m) => (
                <option key={m}>{m}</option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <fieldset className="training-metrics">
        <legend>Metrics</legend>
        {METRICS.map((m) => (
          <label key={m} title={m === 'mae' ? 'Mean absolute error: for numbers to predict' : `${m}: for classes`}>
            <input type="checkbox" checked={config.metrics.includes(m)} onChange={(e) => toggleMetric(m, e.target.checked)} /> {m === 'mae' ? 'MAE' : m}
          </label>
        ))}
      </fieldset>
      <div className="training-callbacks">
        <label title="Stop when the monitored value has not improved for Patience epochs">
          <input type="checkbox" checked={config.early_stopping} onChange={(e) => set({ early_stopping: e.target.checked })} /> EarlyStopping
        </label>
        <label title="When EarlyStopping stops a run, put back the weights of its best epoch (Keras's restore_best_weights)">
          <input type="checkbox" checked={config.restore_best_weights} disabled={!config.early_stopping} onChange={(e) => set({ restore_best_weights: e.target.checked })} /> Restore best weights
        </label>
        <label title={scheduled ? PLATEAU_NEEDS_CONSTANT : 'Halve the learning rate when the validation loss has not improved for Patience epochs'}>
          <input type="checkbox" checked={config.reduce_lr_on_plateau} disabled={scheduled} onChange={(e) => set({ reduce_lr_on_plateau: e.target.checked })} /> ReduceLROnPlateau
        </label>
        <label title="When the run ends, put back the weights of the epoch with the best monitored value (Keras's ModelCheckpoint with save_best_only)">
          <input type="checkbox" checked={config.keep_best} onChange={(e) => set({ keep_best: e.target.checked })} /> Keep best weights
        </label>
      </div>
      {scheduled && config.reduce_lr_on_plateau && <p className="param-help">{PLATEAU_NEEDS_CONSTANT}</p>}
      {scheduled && <SchedulePreview config={config} trainExamples={trainExamples(config, own?.count)} />}
      {advice?.warning && <p className="param-error">{advice.warning}</p>}
      <div className="training-buttons">
        <button
          type="button"
          disabled={!trusted || !info.ok || running}
          title={info.ok ? 'Train this model on the dataset with these settings (fresh weights)' : 'Fix the graph first'}
          onClick={() => {
            setPaused(false);
            kernel.trainGraphCell(cell.id);
          }}
        >
          Train
        </button>
        {paused ? (
          <button type="button" disabled={!active || stopping} onClick={() => (kernel.pauseTraining(false), setPaused(false))}>
            Resume
          </button>
        ) : (
          <button type="button" disabled={!active || stopping} onClick={() => (kernel.pauseTraining(true), setPaused(true))}>
            Pause
          </button>
        )}
        <button type="button" disabled={!active || stopping} onClick={() => (kernel.stopTraining(), setPaused(false), setStopping(true))}>
          Stop
        </button>
        <StoppingStatus stopping={stopping && active} />
      </div>
    </section>
  );
}

function Field({ label, children }: { label: string; children: (id: string) => React.ReactNode }) {
  const id = useId();
  return (
    <div className="param">
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}

function NumberField({ label, value, step, onChange }: { label: string; value: number; step: number | 'any'; onChange(v: number): void }) {
  return (
    <Field label={label}>
      {(id) => (
        <input
          id={id}
          type="number"
          value={value}
          step={step}
          // Out-of-range values are refused by the settings' schema and fall back to the defaults.
          onChange={(e) => e.target.value !== '' && Number.isFinite(Number(e.target.value)) && onChange(Number(e.target.value))}
        />
      )}
    </Field>
  );
}

/** The learning rate over the run, drawn before training starts. */
function SchedulePreview({ config, trainExamples }: { config: TrainConfig; trainExamples: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const steps = trainingSteps(config, trainExamples);
  const points = schedulePreview(scheduleOf(config, steps), config.learning_rate, steps);
  useEffect(() => {
    if (!canvas.current) return;
    const style = getComputedStyle(canvas.current);
    drawLineChart(canvas.current, [{ name: 'learning rate', colour: '#8b5cf6', points }], { text: style.getPropertyValue('--muted'), grid: style.getPropertyValue('--border') });
  });
  const last = points[points.length - 1].y;
  return (
    <figure className="param" aria-label="Learning rate schedule">
      <canvas ref={canvas} className="schedule-preview" role="img" aria-label={`Learning rate from ${config.learning_rate} to ${Number(last.toPrecision(3))} over ${steps} batches`} />
      <small className="param-help">
        From {config.learning_rate} to {Number(last.toPrecision(3))} over {steps.toLocaleString('en-US')} batches.
      </small>
    </figure>
  );
}

/** Examples left for fit() after the test split: MNIST's test digits are apart from Samples. */
function trainExamples(config: TrainConfig, ownCount: number | undefined): number {
  if (config.dataset === 'mnist') return Math.min(config.samples, 20_000);
  const count = config.dataset === 'user' ? (ownCount ?? 0) : config.samples;
  return count - testCountOf(count);
}
