import { useEffect, useId, useState } from 'react';
import { builtinDataset } from '../../data/builtin';
import { DATASET_SPECS, datasetSpec, testCountOf, type DatasetName, type OwnDataShape } from '../../data/catalogue';
import type { TensorData } from '../../data/types';
import type { TrainConfig } from '../../doc/trainConfig';
import { useNotebook } from '../../store/notebookStore';
import { DatasetPreview } from '../datasets/DatasetPreview';
import { UserDataPicker } from '../datasets/UserDataPicker';
import { useShippedFiles } from '../kernel/kernelContext';

/**
 * The Dataset select, the learner's own data when chosen, and a preview of what the model will see;
 * `children` (what the model needs to change for this data, as "Set Input shape to …") go under its help line.
 */
export function DatasetChooser({
  cellId,
  config,
  onChange,
  onOwnData,
  children,
}: {
  cellId: string;
  config: TrainConfig;
  onChange(dataset: DatasetName): void;
  onOwnData(data: OwnDataShape): void;
  children?: React.ReactNode;
}) {
  const id = useId();
  const own = useNotebook((s) => s.userData[cellId]);
  const setUserData = useNotebook((s) => s.setUserData);
  const [previewing, setPreviewing] = useState(false);
  return (
    <div className="dataset-chooser">
      <div className="param">
        <label htmlFor={id}>Dataset</label>
        <select id={id} value={config.dataset} onChange={(e) => onChange(e.target.value as DatasetName)}>
          {DATASET_SPECS.map((d) => (
            <option key={d.name} value={d.name}>
              {d.label}
            </option>
          ))}
        </select>
        <button type="button" aria-expanded={previewing} onClick={() => setPreviewing(!previewing)}>
          Preview data
        </button>
      </div>
      <p className="param-help">{datasetSpec(config.dataset).help}</p>
      {children}
      {config.dataset === 'user' && (
        <>
          {own && <p className="param-help">Loaded: {own.note}</p>}
          <UserDataPicker
            onLoad={(data) => {
              setUserData(cellId, {
                name: data.name,
                note: data.note,
                x: data.x,
                xShape: data.xShape,
                y: data.y,
                count: data.count,
                classes: data.classes,
                origin: data.origin,
              });
              onOwnData(data);
            }}
          />
        </>
      )}
      {previewing && <Preview config={config} own={own} />}
    </div>
  );
}

type Previewed = { data: TensorData; testCount: number; describe?: (i: number) => string } | { error: string } | null;

function Preview({ config, own }: { config: TrainConfig; own?: TensorData }) {
  const [shown, setShown] = useState<Previewed>(null);
  const files = useShippedFiles();
  useEffect(() => {
    let live = true;
    (async (): Promise<Previewed> => {
      const spec = datasetSpec(config.dataset);
      const { source } = spec;
      switch (source.kind) {
        case 'own':
          return own
            ? { data: own, testCount: own.testCount ?? testCountOf(own.count) }
            : { error: 'Load a CSV file or an image folder first.' };
        case 'shipped': {
          const data = source.take(source.decode(await files(source.file, spec.label)), config.samples);
          return { data, testCount: data.testCount };
        }
        case 'generated': {
          const data = builtinDataset(config.dataset, config.samples, config.noise, config.seed);
          const texts = (data as { texts?: string[] }).texts;
          return { data, testCount: testCountOf(data.count), describe: texts ? (i) => texts[i] : undefined };
        }
      }
    })().then(
      (p) => live && setShown(p),
      (e: Error) => live && setShown({ error: e.message }),
    );
    return () => {
      live = false;
    };
  }, [config.dataset, config.samples, config.noise, config.seed, own, files]);
  if (!shown) return <p className="param-help">Reading the data…</p>;
  if ('error' in shown) return <p className="param-error">{shown.error}</p>;
  return (
    <DatasetPreview data={shown.data} testCount={shown.testCount} validationSplit={config.validation_split} describe={shown.describe} />
  );
}
