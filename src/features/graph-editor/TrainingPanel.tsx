import { useEffect, useId, useRef, useState } from 'react';
import { datasetSpec, trainExamplesOf } from '../../data/catalogue';
import {
  DEFAULT_TRAIN_CONFIG,
  fieldInUse,
  METRICS,
  MONITORS,
  scheduleOf,
  settingProblems,
  trainConfigOf,
  trainingSteps,
  type MetricName,
  type SettingProblem,
  type TrainConfig,
  type TrainField,
} from '../../doc/trainConfig';
import { DatasetChooser } from '../lab/DatasetChooser';
import { schedulePreview } from '../../training/schedules';
import { drawLineChart } from '../training/drawLineChart';
import { StoppingStatus } from '../training/StoppingStatus';
import type { GraphCell } from '../../doc/types';
import type { GraphInfo } from '../../graph/infer';
import { LOSSES, OPTIMIZERS } from '../../training/compileSpec';
import { describeTaskProblems, settingsForDataset, settingsForOwnData, taskProblems } from '../../training/taskFit';
import { useNotebook } from '../../store/notebookStore';
import { useKernelSession } from '../kernel/kernelContext';
import { TaskProblemList, useApplyFix } from './TaskProblems';
import { FineTuneControls } from './FineTuneControls';

const PLATEAU_NEEDS_CONSTANT =
  'ReduceLROnPlateau is off while a schedule sets the learning rate at every batch: choose the constant schedule to use it.';

/** Keras's compile and fit, as a form: dataset, loss, optimizer and the rest; Train, Pause, Resume, Stop. */
export function TrainingPanel({ cell, info }: { cell: GraphCell; info: GraphInfo }) {
  // Each field is checked on its own: one being typed (or wrong) shows its message and keeps its
  // text, the others keep theirs, and Train waits until all are valid.
  const stored = cell.training ?? {};
  const config = trainConfigOf(stored);
  const problems = settingProblems(stored, config);
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
  /** A number field: what the learner typed (kept in the document as typed), its message, and where it goes. */
  const number = (field: TrainField, step: number | 'any') => ({
    step,
    value: stored[field] ?? config[field],
    problem: problems.find((p) => p.field === field),
    onChange: (typed: number | string) => canEdit && setTrainConfig(cell.id, { [field]: typed }),
  });
  const own = useNotebook((s) => s.userData[cell.id]);
  // The model against its data and loss (the Input's shape, the last layer, the loss for the
  // labels, an autoencoder's output): what does not fit is said with its fix, and Train waits.
  const misfits = taskProblems(info, datasetSpec(config.dataset), config, own);
  const blocking = misfits.filter((p) => p.blocking);
  const applyFix = useApplyFix(cell);
  // The kernel leaves ReduceLROnPlateau out under a schedule, which sets the rate at every batch.
  const scheduled = config.schedule !== 'constant';
  // Why Train (and Fine-tune) cannot start now, or null.
  const trainBlocked = !trusted
    ? 'Trust this notebook to train'
    : !info.ok
      ? 'Fix the graph first'
      : running
        ? 'This cell is training'
        : problems.length
          ? `Fix ${problems.map((p) => p.label).join(', ')} first`
          : blocking.length
            ? describeTaskProblems(blocking)
            : null;
  const toggleMetric = (m: MetricName, on: boolean) =>
    set({ metrics: on ? METRICS.filter((x) => x === m || config.metrics.includes(x)) : config.metrics.filter((x) => x !== m) });

  return (
    <>
      <section className="training-panel" aria-label="Training settings">
        <DatasetChooser
          cellId={cell.id}
          config={config}
          // The dataset's preset (loss, samples, epochs …) where the learner has not changed the old one's.
          onChange={(dataset) => set(settingsForDataset(info, config, datasetSpec(dataset), own))}
          // New data of the learner's own: the loss follows its labels, as it does for a dataset chosen.
          onOwnData={(data) => set(settingsForOwnData(info, config, own, data))}
        >
          <TaskProblemList problems={misfits.filter((p) => p.kind === 'input')} label="The Input for this data" onFix={applyFix} plain />
        </DatasetChooser>
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
          <Field label="Target">
            {(id) => (
              <select
                id={id}
                value={config.target}
                onChange={(e) => set({ target: e.target.value as TrainConfig['target'] })}
                title="What the model learns to output: the dataset's labels, or its own input (an autoencoder, trained with mse)"
              >
                <option value="labels">the labels</option>
                <option value="input">the input (autoencoder)</option>
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
          {fieldInUse('momentum', config) && <NumberField label="Momentum" {...number('momentum', 0.05)} />}
          {fieldInUse('weight_decay', config) && <NumberField label="Weight decay" {...number('weight_decay', 0.001)} />}
          <NumberField label="Learning rate" {...number('learning_rate', 'any')} />
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
          <NumberField label="Epochs" {...number('epochs', 1)} />
          <NumberField label="Batch size" {...number('batch_size', 1)} />
          <NumberField label="Validation split" {...number('validation_split', 0.05)} />
          <NumberField label="Samples" {...number('samples', 10)} />
          {fieldInUse('noise', config) && <NumberField label="Noise" {...number('noise', 0.05)} />}
          {/* Seeds the generated data, the starting weights, the shuffling and Dropout: the same seed trains the same run. */}
          <NumberField label="Seed" {...number('seed', 1)} />
          <NumberField label="Patience" {...number('patience', 1)} />
          <Field label="Monitor">
            {(id) => (
              <select
                id={id}
                value={config.monitor}
                onChange={(e) => set({ monitor: e.target.value as TrainConfig['monitor'] })}
                title="What EarlyStopping, ReduceLROnPlateau and Keep best weights watch"
              >
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
              <input type="checkbox" checked={config.metrics.includes(m)} onChange={(e) => toggleMetric(m, e.target.checked)} />{' '}
              {m === 'mae' ? 'MAE' : m}
            </label>
          ))}
        </fieldset>
        <div className="training-callbacks">
          <label title="Stop when the monitored value has not improved for Patience epochs">
            <input type="checkbox" checked={config.early_stopping} onChange={(e) => set({ early_stopping: e.target.checked })} />{' '}
            EarlyStopping
          </label>
          <label title="When EarlyStopping stops a run, put back the weights of its best epoch (Keras's restore_best_weights)">
            <input
              type="checkbox"
              checked={config.restore_best_weights}
              disabled={!config.early_stopping}
              onChange={(e) => set({ restore_best_weights: e.target.checked })}
            />{' '}
            Restore best weights
          </label>
          <label
            title={
              scheduled ? PLATEAU_NEEDS_CONSTANT : 'Halve the learning rate when the validation loss has not improved for Patience epochs'
            }
          >
            <input
              type="checkbox"
              checked={config.reduce_lr_on_plateau}
              disabled={scheduled}
              onChange={(e) => set({ reduce_lr_on_plateau: e.target.checked })}
            />{' '}
            ReduceLROnPlateau
          </label>
          <label
            title={
              'When the run ends, put back the weights of the epoch with the best monitored value ' +
              "(Keras's ModelCheckpoint with save_best_only)"
            }
          >
            <input type="checkbox" checked={config.keep_best} onChange={(e) => set({ keep_best: e.target.checked })} /> Keep best weights
          </label>
        </div>
        {scheduled && config.reduce_lr_on_plateau && <p className="param-help">{PLATEAU_NEEDS_CONSTANT}</p>}
        {scheduled && <SchedulePreview config={config} trainExamples={trainExamplesOf(datasetSpec(config.dataset), config.samples, own)} />}
        <TaskProblemList problems={misfits.filter((p) => p.kind === 'output')} label="The model for this data" onFix={applyFix} />
        <SettingsProblems
          problems={problems}
          onDefault={(field) => canEdit && setTrainConfig(cell.id, { [field]: DEFAULT_TRAIN_CONFIG[field] })}
        />
        <div className="training-buttons">
          <button
            type="button"
            disabled={trainBlocked !== null}
            title={trainBlocked ?? 'Train this model on the dataset with these settings (fresh weights)'}
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
      <FineTuneControls
        cellId={cell.id}
        config={config}
        blocked={trainBlocked}
        onFineTune={(fineTune) => {
          setPaused(false);
          kernel.trainGraphCell(cell.id, fineTune);
        }}
      />
    </>
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

/** A number setting: shows what the learner typed, and its problem beside it while it has one. */
function NumberField({
  label,
  value,
  step,
  problem,
  onChange,
}: {
  label: string;
  value: unknown;
  step: number | 'any';
  problem?: SettingProblem;
  onChange(typed: number | string): void;
}) {
  const messageId = useId();
  return (
    <Field label={label}>
      {(id) => (
        <>
          <input
            id={id}
            type="number"
            value={typeof value === 'number' || typeof value === 'string' ? value : ''}
            step={step}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? messageId : undefined}
            // A number is kept as a number, in range or not; text that is not one yet (empty, "1e") as typed.
            onChange={(e) =>
              onChange(e.target.value !== '' && Number.isFinite(Number(e.target.value)) ? Number(e.target.value) : e.target.value)
            }
          />
          {problem && (
            <small id={messageId} className="param-error">
              {problem.message}
            </small>
          )}
        </>
      )}
    </Field>
  );
}

/**
 * What stops Train while a setting is not valid, said where the learner presses Train, each with a
 * way back to its default: a value typed half-way, or a choice a hand-edited file got wrong (which
 * its select cannot show), is put right from here.
 */
function SettingsProblems({ problems, onDefault }: { problems: SettingProblem[]; onDefault(field: TrainField): void }) {
  if (!problems.length) return null;
  return (
    <div className="param-error settings-problems" role="status" aria-label="Settings to fix">
      Train needs {problems.length === 1 ? 'one setting' : `${problems.length} settings`} fixed:{' '}
      {problems.map((p) => (
        <span key={p.field}>
          {p.message}{' '}
          <button type="button" className="link-button" onClick={() => onDefault(p.field)}>
            Use the default ({String(DEFAULT_TRAIN_CONFIG[p.field])})
          </button>{' '}
        </span>
      ))}
    </div>
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
    drawLineChart(canvas.current, [{ name: 'learning rate', colour: '#8b5cf6', points }], {
      text: style.getPropertyValue('--muted'),
      grid: style.getPropertyValue('--border'),
    });
  });
  const last = points[points.length - 1].y;
  return (
    <figure className="param" aria-label="Learning rate schedule">
      <canvas
        ref={canvas}
        className="schedule-preview"
        role="img"
        aria-label={`Learning rate from ${config.learning_rate} to ${Number(last.toPrecision(3))} over ${steps} batches`}
      />
      <small className="param-help">
        From {config.learning_rate} to {Number(last.toPrecision(3))} over {steps.toLocaleString('en-US')} batches.
      </small>
    </figure>
  );
}
