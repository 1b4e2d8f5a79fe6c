import { flushSync } from 'react-dom';
import { newId } from '../../doc/ids';
import { graphFromKerasJson } from '../../graph/fromKerasJson';
import { useNotebookStoreApi } from '../../store/notebookStore';
import { focusCell } from '../notebook/focusCell';

/** Turns a model's JSON (from a cell's output) into a new graph cell below the selected cell. */
export function useOpenAsGraph(): (topology: unknown) => void {
  const store = useNotebookStoreApi();
  return (topology) => {
    let graph;
    try {
      ({ graph } = graphFromKerasJson(topology, () => newId()));
    } catch (e) {
      // The topology comes from the kernel's own toJSON; failing here is a bug to report, not a learner's error.
      console.error('Layerbook: could not open this model as a graph', e);
      return;
    }
    let id: string | null = null;
    flushSync(() => {
      id = store.getState().addGraphCell(undefined, graph);
    });
    focusCell(id);
    document.querySelector(`[data-cell-id="${id}"]`)?.scrollIntoView({ block: 'start' });
  };
}
