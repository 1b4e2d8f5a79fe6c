import { useEffect, useId, useState } from 'react';
import { builtinDataset, testCountOf } from '../../data/builtin';
import type { TensorData } from '../../data/types';
import { DATASETS, type DatasetName, type TrainConfig } from '../../doc/trainConfig';
import { useNotebook } from '../../store/notebookStore';
import { DatasetPreview } from '../datasets/DatasetPreview';
import { UserDataPicker } from '../datasets/UserDataPicker';
import { loadMnistFile } from './mnistFile';

export const DATASET_LABELS: Record<DatasetName, string> = {
  spiral: 'spiral',
  xor: 'xor',
  circles: 'circles',
  gaussian: 'gaussian',
  shapes: 'shapes',
  sine: 'sine',
  sentiment: 'sentiment',
  mnist: 'MNIST digits',
  user: 'your own (CSV or images)',
};

export const DATASET_HELP: Record<DatasetName, string> = {
  spiral: 'Two interleaved spirals of 2-D points (TensorFlow Playground): input shape 2.',
  xor: 'Points labelled by quadrant (TensorFlow Playground): input shape 2.',
  circles: 'A disc inside a ring (TensorFlow Playground): input shape 2.',
  gaussian: 'Two blobs of points (TensorFlow Playground): input shape 2.',
  shapes: 'Circles, squares and triangles drawn in 32×32 grey images: input shape 32, 32, 1.',
  sine: 'Windows of a noisy wave; predict the next value: input shape 30, 1.',
  sentiment: 'Short reviews as 16 word ids, positive or negative: input shape 16 (int32), then an Embedding.',
  mnist:
    'Handwritten digits, 28×28 grey: input shape 28, 28, 1 (Flatten first for Dense layers). Samples picks how many of the 20,000 training digits to use; the 2,000 test digits are always the same. MNIST is by Yann LeCun and Corinna Cortes (CC BY-SA 3.0).',
  user: 'A CSV file (pick the feature columns and the label) or a folder with one sub-folder of images per class. It stays in this tab: load it again after a reload.',
};

/** Classes of each dataset (null: a quantity to predict; undefined: not known until loaded). */
export function datasetClasses(dataset: DatasetName, own: { classes?: string[] } | undefined): number | null | undefined {
  const fixed: Partial<Record<DatasetName, number | null>> = { spiral: 2, xor: 2, circles: 2, gaussian: 2, shapes: 3, sine: null, sentiment: 2, mnist: 10 };
  if (dataset !== 'user') return fixed[dataset];
  return own ? (own.classes?.length ?? null) : undefined;
}

/** The Dataset select, the learner's own data when chosen, and a preview of what the model will see. */
export function DatasetChooser({ cellId, config, onChange, onOwnData }: { cellId: string; config: TrainConfig; onChange(dataset: DatasetName): void; onOwnData(classes: number | null): void }) {
  const id = useId();
  const own = useNotebook((s) => s.userData[cellId]);
  const setUserData = useNotebook((s) => s.setUserData);
  const [previewing, setPreviewing] = useState(false);
  return (
    <div className="dataset-chooser">
      <div className="param">
        <label htmlFor={id}>Dataset</label>
        <select id={id} value={config.dataset} onChange={(e) => onChange(e.target.value as DatasetName)}>
          {DATASETS.map((d) => (
            <option key={d} value={d}>
              {DATASET_LABELS[d]}
            </option>
          ))}
        </select>
        <button type="button" aria-expanded={previewing} onClick={() => setPreviewing(!previewing)}>
          Preview data
        </button>
      </div>
      <p className="param-help">{DATASET_HELP[config.dataset]}</p>
      {config.dataset === 'user' && (
        <>
          {own && <p className="param-help">Loaded: {own.note}</p>}
          <UserDataPicker
            onLoad={(data) => {
              setUserData(cellId, { name: data.name, note: data.note, x: data.x, xShape: data.xShape, y: data.y, count: data.count, classes: data.classes });
              onOwnData(data.classes?.length ?? null);
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
  useEffect(() => {
    let live = true;
    (async (): Promise<Previewed> => {
      if (config.dataset === 'user') return own ? { data: own, testCount: testCountOf(own.count) } : { error: 'Load a CSV file or an image folder first.' };
      if (config.dataset === 'mnist') {
        const { decodeMnist, mnistSubset } = await import('../../data/mnist');
        const data = mnistSubset(decodeMnist(await loadMnistFile()), config.samples);
        return { data, testCount: data.testCount };
      }
      const data = builtinDataset(config.dataset, config.samples, config.noise, config.seed);
      const texts = (data as { texts?: string[] }).texts;
      return { data, testCount: testCountOf(data.count), describe: texts ? (i) => texts[i] : undefined };
    })().then(
      (p) => live && setShown(p),
      (e: Error) => live && setShown({ error: e.message }),
    );
    return () => {
      live = false;
    };
  }, [config.dataset, config.samples, config.noise, config.seed, own]);
  if (!shown) return <p className="param-help">Reading the data…</p>;
  if ('error' in shown) return <p className="param-error">{shown.error}</p>;
  return <DatasetPreview data={shown.data} testCount={shown.testCount} validationSplit={config.validation_split} describe={shown.describe} />;
}
