import { DATASET_SPECS, type DatasetName } from './catalogue';

// A code cell loads a dataset by name (`await lb.datasets.load('mnist')`). A shipped one lives on
// the page, so the page reads the names from the cell's source and sends those sets as it runs it.
const LOAD_CALL = /\blb\s*\.\s*datasets\s*\.\s*load\s*\(\s*(['"`])([A-Za-z0-9_-]+)\1/g;

/** The shipped datasets a cell's source loads by a literal name, each once, in order. */
export function shippedDatasetsIn(source: string): DatasetName[] {
  const names = new Set<DatasetName>();
  for (const match of source.matchAll(LOAD_CALL)) {
    const spec = DATASET_SPECS.find((d) => d.name === match[2]);
    if (spec?.source.kind === 'shipped') names.add(spec.name);
  }
  return [...names];
}
