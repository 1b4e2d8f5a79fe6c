import { createContext, useContext } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';
import type { NotebookRecord } from '../storage/db';
import { createBoundarySlice, type BoundarySlice } from './boundarySlice';
import { createDocumentSlice, type DocumentSlice } from './documentSlice';
import { createExerciseSlice, type ExerciseSlice } from './exerciseSlice';
import { createKernelSlice, type KernelSlice } from './kernelSlice';
import { createLabSlice, type LabSlice } from './labSlice';
import { createRuntimeSlice, type RuntimeSlice } from './runtimeSlice';
import { createSessionSlice, type SessionSlice } from './sessionSlice';

export type NotebookState = DocumentSlice & SessionSlice & RuntimeSlice & KernelSlice & LabSlice & BoundarySlice & ExerciseSlice;
export type NotebookStore = StoreApi<NotebookState>;

/** A store for one open notebook; made per page rather than at module level, so nothing leaks between notebooks. */
export function createNotebookStore(record: NotebookRecord): NotebookStore {
  const store = createStore<NotebookState>()((...a) => ({
    ...createDocumentSlice(...a),
    ...createSessionSlice(...a),
    ...createRuntimeSlice(...a),
    ...createKernelSlice(...a),
    ...createLabSlice(...a),
    ...createBoundarySlice(...a),
    ...createExerciseSlice(...a),
  }));
  store.setState({
    doc: record.doc,
    baseRev: record.rev,
    trusted: record.trusted,
    origin: record.origin,
    selectedCellId: record.doc.cells[0]?.id ?? null,
  });
  return store;
}

export const NotebookStoreContext = createContext<NotebookStore | null>(null);

/** Reads the open notebook's store through a narrow selector. */
export function useNotebook<T>(selector: (state: NotebookState) => T): T {
  const store = useContext(NotebookStoreContext);
  if (!store) throw new Error('useNotebook outside a notebook page');
  return useStore(store, selector);
}

/** The open notebook's store itself, for event handlers that read state without subscribing. */
export function useNotebookStoreApi(): NotebookStore {
  const store = useContext(NotebookStoreContext);
  if (!store) throw new Error('useNotebookStoreApi outside a notebook page');
  return store;
}
