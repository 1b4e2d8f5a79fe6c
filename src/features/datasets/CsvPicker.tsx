import { useId, useRef, useState } from 'react';
import { MAX_CSV_BYTES, parseCsv, type CsvTable } from '../../data/csv';
import { csvUserDataset, defaultCsvChoice, guessDelimiter, messageOf, numericColumns, type CsvChoice, type UserDataset } from './userData';

/** A CSV file: pick it, choose feature columns and the label, then use it. */
export function CsvPicker({ onLoad }: { onLoad(data: UserDataset): void }) {
  const fileId = useId();
  const headingId = useId();
  const labelId = useId();
  const [file, setFile] = useState<{ name: string; table: CsvTable; numeric: Set<string>; delimiter: string } | null>(null);
  const [choice, setChoice] = useState<CsvChoice | null>(null);
  const [error, setError] = useState('');
  const [loaded, setLoaded] = useState('');
  // A second file picked while the first is still being read wins.
  const latest = useRef(0);

  async function read(picked: File | undefined) {
    const ticket = ++latest.current;
    setError('');
    setLoaded('');
    setFile(null);
    setChoice(null);
    if (!picked) return;
    if (picked.size > MAX_CSV_BYTES) {
      setError(`${picked.name} is over ${MAX_CSV_BYTES / 1024 / 1024} MB; use a smaller sample of it.`);
      return;
    }
    try {
      const text = await picked.text();
      const delimiter = guessDelimiter(text);
      const table = parseCsv(text, delimiter);
      if (ticket !== latest.current) return;
      setFile({ name: picked.name, table, numeric: new Set(numericColumns(table)), delimiter });
      setChoice(defaultCsvChoice(table));
    } catch (e) {
      if (ticket === latest.current) setError(messageOf(e, `read ${picked.name}`));
    }
  }

  function use() {
    if (!file || !choice) return;
    try {
      const data = csvUserDataset(file.table, file.name, choice, file.delimiter);
      setError('');
      setLoaded(`Loaded ${data.note}.`);
      onLoad(data);
    } catch (e) {
      setLoaded('');
      setError(messageOf(e, 'use this data'));
    }
  }

  const toggle = (column: string, on: boolean) => {
    if (!file || !choice) return;
    setChoice({ ...choice, features: file.table.header.filter((c) => (c === column ? on : choice.features.includes(c))) });
  };

  const setNormalize = (normalize: boolean) => {
    if (choice) setChoice({ ...choice, normalize });
  };

  return (
    <div className="user-data-part" role="group" aria-labelledby={headingId}>
      <h4 id={headingId} className="user-data-title">
        A table (CSV)
      </h4>
      <div className="param">
        <label htmlFor={fileId}>CSV file</label>
        <input
          id={fileId}
          type="file"
          accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values"
          onChange={(e) => void read(e.target.files?.[0])}
        />
        <small className="param-help">A table with a header row; one column is what to predict. The file stays in this browser.</small>
      </div>
      {file && choice && (
        <>
          <fieldset className="user-data-columns">
            <legend>Feature columns</legend>
            {file.table.header
              .filter((c) => c !== choice.label)
              .map((c) => (
                <label key={c}>
                  <input type="checkbox" checked={choice.features.includes(c)} onChange={(e) => toggle(c, e.target.checked)} /> {c}
                  {!file.numeric.has(c) && <span className="param-help"> (text)</span>}
                </label>
              ))}
          </fieldset>
          <div className="param">
            <label htmlFor={labelId}>Label column</label>
            <select
              id={labelId}
              value={choice.label}
              // The label cannot also be a feature; dropping it here saves an error on "Use this data".
              onChange={(e) =>
                setChoice({ ...choice, label: e.target.value, features: choice.features.filter((c) => c !== e.target.value) })
              }
            >
              {file.table.header.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </div>
          <label className="user-data-check">
            <input type="checkbox" checked={choice.normalize} onChange={(e) => setNormalize(e.target.checked)} /> Normalise features
          </label>
          <p className="param-help">
            {file.table.rows.length.toLocaleString('en-US')} rows. Normalising scales each feature to mean 0 and spread 1, which helps most
            networks train.
          </p>
          <button type="button" onClick={use}>
            Use this data
          </button>
        </>
      )}
      {error && (
        <p role="alert" className="param-error">
          {error}
        </p>
      )}
      {loaded && (
        <p role="status" className="param-help">
          {loaded}
        </p>
      )}
    </div>
  );
}
