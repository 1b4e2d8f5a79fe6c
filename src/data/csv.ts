// CSV as learners bring it: quoted fields (with commas, quotes and line breaks
// inside), CRLF or LF, a header row, empty cells. Anything that is not a
// table gets an error saying what is wrong and where.

/** Largest CSV accepted; the browser keeps the whole table in memory. */
export const MAX_CSV_BYTES = 50 * 1024 * 1024;

export class CsvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvError';
  }
}

export interface CsvTable {
  header: string[];
  /** Cells as text; an empty cell is ''. */
  rows: string[][];
}

/** Parses CSV text with a header row; throws CsvError in a learner's words. */
export function parseCsv(text: string, delimiter = ','): CsvTable {
  if (text.length > MAX_CSV_BYTES) throw new CsvError(`This file is over ${MAX_CSV_BYTES / 1024 / 1024} MB; use a smaller sample of it.`);
  // Control characters other than tab and line breaks do not occur in text tables.
  const sample = text.slice(0, 4096);
  const binary = (sample.match(/[\u0000-\u0008\u000e-\u001f]/g) ?? []).length;
  if (binary > sample.length * 0.01)
    throw new CsvError('This file does not look like text: is it a spreadsheet (.xlsx) or an image? Save it as CSV first.');

  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  let line = 1;
  let quoteStart = 0;
  const text2 = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < text2.length; i++) {
    const c = text2[i];
    if (quoted) {
      if (c === '"') {
        if (text2[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      quoteStart = line;
    } else if (c === delimiter) {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text2[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      line++;
    } else field += c;
  }
  if (quoted) throw new CsvError(`A quoted field opened on line ${quoteStart} never closes: a " is missing.`);
  if (field !== '' || record.length) {
    record.push(field);
    records.push(record);
  }
  const nonEmpty = records.filter((r) => !(r.length === 1 && r[0].trim() === ''));
  if (!nonEmpty.length) throw new CsvError('This file is empty.');
  const [header, ...rows] = nonEmpty;
  if (!rows.length) throw new CsvError('This file has a header row but no data rows.');
  const names = header.map((h) => h.trim());
  if (names.some((h) => h === '')) throw new CsvError('A column in the header row has no name.');
  const dupe = names.find((h, i) => names.indexOf(h) !== i);
  if (dupe) throw new CsvError(`Two columns are both called "${dupe}".`);
  rows.forEach((r, i) => {
    if (r.length !== names.length) {
      throw new CsvError(
        `Row ${i + 2} has ${r.length} cells but the header has ${names.length} columns. A field with a comma in it needs "quotes".`,
      );
    }
  });
  return { header: names, rows };
}

export interface CsvDatasetOptions {
  features: string[];
  label: string;
  /** Scale each feature to mean 0 and standard deviation 1. */
  normalize: boolean;
}

export interface CsvDataset {
  x: Float32Array;
  xShape: number[];
  y: Float32Array;
  count: number;
  /** Class names when the label is categorical; absent for a numeric target (regression). */
  classes?: string[];
  /** Per feature: the mean and spread used to normalise, to apply to new inputs too. */
  stats: Array<{ mean: number; std: number }>;
  /** Empty feature cells, filled with their column's mean. */
  filled: number;
}

/** Turns chosen columns into features and a label; empty cells get the column mean. */
export function csvToDataset(table: CsvTable, { features, label, normalize }: CsvDatasetOptions): CsvDataset {
  const col = (name: string) => {
    const i = table.header.indexOf(name);
    if (i < 0) throw new CsvError(`There is no column "${name}".`);
    return i;
  };
  if (!features.length) throw new CsvError('Choose at least one feature column.');
  if (features.includes(label)) throw new CsvError(`"${label}" cannot be both a feature and the label.`);
  const featureCols = features.map(col);
  const labelCol = col(label);
  const rows = table.rows.filter((r) => r[labelCol].trim() !== '');
  if (!rows.length) throw new CsvError(`Every row's "${label}" is empty.`);
  const count = rows.length;
  const x = new Float32Array(count * features.length);
  let filled = 0;
  const stats = featureCols.map((c, f) => {
    const values = rows.map((r, i) => {
      const cell = r[c].trim();
      if (cell === '') return NaN;
      const v = Number(cell);
      if (!Number.isFinite(v))
        throw new CsvError(
          `Column "${features[f]}" has "${cell.slice(0, 30)}" in row ${table.rows.indexOf(rows[i]) + 2}: features must be numbers.`,
        );
      return v;
    });
    const known = values.filter((v) => !Number.isNaN(v));
    if (!known.length) throw new CsvError(`Column "${features[f]}" has no numbers at all.`);
    const mean = known.reduce((a, b) => a + b, 0) / known.length;
    const std = Math.sqrt(known.reduce((a, b) => a + (b - mean) ** 2, 0) / known.length) || 1;
    values.forEach((v, i) => {
      if (Number.isNaN(v)) filled++;
      const value = Number.isNaN(v) ? mean : v;
      x[i * features.length + f] = normalize ? (value - mean) / std : value;
    });
    return { mean, std };
  });
  const labels = rows.map((r) => r[labelCol].trim());
  const numeric = labels.every((l) => Number.isFinite(Number(l)));
  const distinct = [...new Set(labels)];
  // A numeric label with few distinct whole values is a class; otherwise a quantity to predict.
  const categorical = !numeric || (distinct.length <= 20 && labels.every((l) => Number.isInteger(Number(l))));
  const classes = categorical ? distinct.sort((a, b) => (numeric ? Number(a) - Number(b) : a.localeCompare(b))) : undefined;
  const y = new Float32Array(labels.map((l) => (classes ? classes.indexOf(l) : Number(l))));
  return { x, xShape: [features.length], y, count, classes, stats, filled };
}
