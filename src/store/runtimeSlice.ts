import type { StateCreator } from 'zustand';
import type { Access } from './access';
import type { SessionSlice } from './sessionSlice';

export type SaveStatus =
  | { state: 'saved' }
  | { state: 'unsaved' }
  | { state: 'saving' }
  | { state: 'failed'; message: string }
  | { state: 'conflict'; message: string };

/** Runtime state: how this tab stands with storage; never saved with the document. */
export interface RuntimeSlice {
  access: Access;
  /** The stored rev this tab's document is based on. */
  baseRev: number;
  save: SaveStatus;
  trusted: boolean;
  /** Where an untrusted notebook came from, for the trust notice. */
  origin?: string;
  setAccess(access: Access): void;
  setTrusted(trusted: boolean): void;
  setSaveStatus(save: SaveStatus): void;
  setBaseRev(rev: number): void;
}

export const createRuntimeSlice: StateCreator<RuntimeSlice & SessionSlice, [], [], RuntimeSlice> = (set) => ({
  access: 'pending',
  baseRev: 0,
  save: { state: 'saved' },
  trusted: true,
  setAccess(access) {
    set(access === 'write' ? { access } : { access, editingCellId: null });
  },
  setSaveStatus: (save) => set({ save }),
  setTrusted: (trusted) => set({ trusted }),
  setBaseRev: (baseRev) => set({ baseRev }),
});
