import { useMemo } from 'react';
import { classBalance } from '../../data/balance';
import type { TensorData } from '../../data/types';
import { DatasetSamples } from './DatasetSamples';
import { shortNumber, splitCounts, targetSummary } from './previewStats';

const fmt = (n: number) => n.toLocaleString('en-US');
/** More bars than this would push the samples out of sight; the rest are summed up. */
const MAX_BARS = 20;

export interface DatasetPreviewProps {
  data: TensorData;
  /** Examples held back at the end for Evaluate. */
  testCount: number;
  /** The fraction of the training part fit() keeps for validation. */
  validationSplit: number;
  /** Example i as text, e.g. a sentence from its word ids. */
  describe?: (i: number) => string;
  /** Names of the features, for a table of feature vectors (a CSV's columns). */
  featureNames?: string[];
}

/** What the model will see: size, split, class balance and a few examples. */
export function DatasetPreview({ data, testCount, validationSplit, describe, featureNames }: DatasetPreviewProps) {
  const split = splitCounts(data.count, testCount, validationSplit);
  const classes = data.classes;
  // Over every label once per dataset, never per render: 12,000 labels are cheap, re-counting on each keystroke is not.
  const balance = useMemo(() => (classes ? classBalance(data.y, classes.length) : null), [data.y, classes]);
  const target = useMemo(() => (classes ? null : targetSummary(data.y)), [data.y, classes]);
  const shape = data.xShape.length === 1 ? plural(data.xShape[0], 'value') : data.xShape.join(' × ');
  const kind = classes ? plural(classes.length, 'class', 'classes') : 'a number to predict';

  return (
    <section className="dataset-preview" aria-label="Dataset preview">
      <p className="dataset-summary">
        {plural(data.count, 'example')} · each {shape} · {kind}
      </p>
      <p className="dataset-split">
        Train {fmt(split.train)} · Validation {fmt(split.validation)} · Test {fmt(split.test)}
      </p>
      {balance && classes && <ClassBalance counts={balance} classes={classes} />}
      {target && (
        <p className="dataset-target">
          Target: min {shortNumber(target.min)} · mean {shortNumber(target.mean)} · max {shortNumber(target.max)}
        </p>
      )}
      {data.count > 0 && <DatasetSamples data={data} describe={describe} featureNames={featureNames} />}
    </section>
  );
}

function ClassBalance({ counts, classes }: { counts: number[]; classes: string[] }) {
  const most = Math.max(1, ...counts);
  const shown = counts.slice(0, MAX_BARS);
  const rest = counts.slice(MAX_BARS).reduce((a, b) => a + b, 0);
  const fewest = Math.min(...counts);
  return (
    <figure className="dataset-balance">
      <figcaption>Examples per class</figcaption>
      <ul aria-label="Examples per class">
        {shown.map((n, c) => (
          <li key={c}>
            <span className="dataset-balance-name">{classes[c]}</span>
            <span className="dataset-balance-track" aria-hidden="true">
              <span className="dataset-balance-bar" style={{ width: `${(n / most) * 100}%` }} />
            </span>
            <span className="dataset-balance-count">{fmt(n)}</span>
          </li>
        ))}
      </ul>
      {rest > 0 && (
        <p className="param-help">
          and {plural(rest, 'example')} in {counts.length - MAX_BARS} more classes
        </p>
      )}
      {fewest * 3 < most && (
        <p className="param-help">
          {fewest === 0
            ? 'A class has no examples at all: the model cannot learn it.'
            : 'The classes are unbalanced: a model can score well by guessing the largest class, ' +
              'so look at the confusion matrix, not just accuracy.'}
        </p>
      )}
    </figure>
  );
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${fmt(n)} ${n === 1 ? one : many}`;
}
