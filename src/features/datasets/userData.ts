import { shuffled } from '../../data/builtin';
import { csvToDataset, type CsvTable } from '../../data/csv';
import { imagesToDataset } from '../../data/images';
import type { OwnDataOrigin } from '../../data/ownDataOrigin';
import type { TensorData } from '../../data/types';
import { MAX_IMAGES, type ImageFolderRead } from './readImageFolder';

// The pure half of the data picker: what to offer by default, and the
// dataset and its one-line note once the learner has chosen.

/** A learner's own data, ready to train on, with a line saying what it is. */
export type UserDataset = TensorData & {
  name: string;
  source: 'csv' | 'images';
  classes?: string[];
  /** One line, e.g. "iris.csv: 150 rows, 4 features, label species (3 classes), normalised". */
  note: string;
  /** CSV only: the columns used as features, in order. */
  featureNames?: string[];
  /** CSV only: each feature's mean and spread, to normalise new inputs the same way. */
  stats?: Array<{ mean: number; std: number }>;
  /** The file or folder and how it was read: an exported Jupyter notebook reads it the same way. */
  origin: OwnDataOrigin;
};

export interface CsvChoice {
  features: string[];
  label: string;
  normalize: boolean;
}

/** Fixed, so the same file always splits the same way. */
const CSV_SEED = 7;
const fmt = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, one: string, many = `${one}s`) => `${fmt(n)} ${n === 1 ? one : many}`;

/** Columns whose filled cells (in the first 500 rows) are all numbers. */
export function numericColumns(table: CsvTable): string[] {
  const sample = table.rows.slice(0, 500);
  return table.header.filter((_, c) => {
    const cells = sample.map((r) => r[c].trim()).filter((v) => v !== '');
    return cells.length > 0 && cells.every((v) => Number.isFinite(Number(v)));
  });
}

/** The last column as the label, every other numeric-looking column as a feature, normalised. */
export function defaultCsvChoice(table: CsvTable): CsvChoice {
  const label = table.header[table.header.length - 1];
  return { label, features: numericColumns(table).filter((c) => c !== label), normalize: true };
}

/** The chosen columns as a dataset, in a seeded shuffled order; throws CsvError in a learner's words. */
export function csvUserDataset(table: CsvTable, fileName: string, choice: CsvChoice, delimiter = ','): UserDataset {
  const data = csvToDataset(table, choice);
  // Files are often sorted by label (iris is): unshuffled, the test split from the end would be one class.
  const { stats, filled, ...tensors } = shuffled(data, CSV_SEED);
  const target = data.classes
    ? `label ${choice.label} (${plural(data.classes.length, 'class', 'classes')})`
    : `target ${choice.label} (a number to predict)`;
  const parts = [
    `${fileName}: ${plural(data.count, 'row')}, ${plural(choice.features.length, 'feature')}, ${target}`,
    choice.normalize ? 'normalised' : 'not normalised',
  ];
  const dropped = table.rows.length - data.count;
  if (dropped) parts.push(`${plural(dropped, 'row')} with no ${choice.label} left out`);
  if (filled) parts.push(`${plural(filled, 'empty cell')} filled with the column's mean`);
  return {
    ...tensors,
    name: fileName,
    source: 'csv',
    note: parts.join(', '),
    featureNames: [...choice.features],
    stats,
    origin: {
      kind: 'csv',
      file: fileName,
      delimiter,
      features: [...choice.features],
      label: choice.label,
      normalize: choice.normalize,
      classes: data.classes,
    },
  };
}

/** Images read from a folder as a dataset, with a note on what was read and what was not. */
export function imageUserDataset(folderName: string, read: ImageFolderRead, size: number, channels: 1 | 3): UserDataset {
  const data = imagesToDataset(read.images, { size, channels });
  const classList = data.classes.length <= 5 ? ` (${data.classes.join(', ')})` : '';
  return {
    ...data,
    name: folderName,
    source: 'images',
    origin: { kind: 'images', folder: folderName, size, channels, classes: [...data.classes] },
    note:
      `${folderName}: ${plural(data.count, 'image')}, ${plural(data.classes.length, 'class', 'classes')}${classList}, ` +
      `${size} × ${size} ${channels === 1 ? 'grey' : 'RGB'}`,
  };
}

/** What reading a folder left out, in a sentence, or '' when it read everything. */
export function leftOutNote(read: Pick<ImageFolderRead, 'skipped' | 'unlabelled' | 'unreadable' | 'leftOut'>): string {
  const parts: string[] = [];
  if (read.skipped)
    parts.push(
      `skipped ${plural(read.skipped, 'file')} that ` +
        `${read.skipped === 1 ? 'is not a png, jpg, gif, webp or bmp image' : 'are not png, jpg, gif, webp or bmp images'}`,
    );
  if (read.unlabelled) parts.push(`skipped ${plural(read.unlabelled, 'image')} outside a class folder`);
  if (read.unreadable) parts.push(`could not read ${plural(read.unreadable, 'image')} (damaged, or a format this browser cannot open)`);
  if (read.leftOut)
    parts.push(`left out ${plural(read.leftOut, 'image')}: Layerbook reads at most ${fmt(MAX_IMAGES)}, taken evenly across the folders`);
  if (!parts.length) return '';
  const text = parts.join('; ');
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
}

/** The delimiter of the header line: comma, or semicolon or tab as some spreadsheets save "CSV". */
export function guessDelimiter(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  const counts = [',', ';', '\t'].map((d) => [d, header.split(d).length - 1] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

/** An error as a sentence for the learner: ours already are; others get a lead-in. */
export function messageOf(e: unknown, doing: string): string {
  if (e instanceof Error && (e.name === 'CsvError' || e.name === 'ImageDataError')) return e.message;
  return `Could not ${doing}: ${e instanceof Error ? e.message : String(e)}. Try again, or try another file.`;
}
