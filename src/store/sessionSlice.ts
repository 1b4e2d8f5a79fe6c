import type { StateCreator } from 'zustand';
import type { Access } from './access';

/** What the user is looking at; never saved with the document. */
export interface SessionSlice {
  selectedCellId: string | null;
  /** The cell in edit mode (Jupyter's), or null in command mode. */
  editingCellId: string | null;
  selectCell(cellId: string | null): void;
  /** Enters edit mode on a cell (selecting it), or leaves edit mode with null. */
  setEditing(cellId: string | null): void;
}

export const createSessionSlice: StateCreator<SessionSlice & { access: Access }, [], [], SessionSlice> = (set, get) => ({
  selectedCellId: null,
  editingCellId: null,
  selectCell(cellId) {
    // Selecting another cell leaves edit mode, as clicking away does in Jupyter.
    const { editingCellId } = get();
    set({ selectedCellId: cellId, editingCellId: editingCellId === cellId ? editingCellId : null });
  },
  setEditing(cellId) {
    // A read-only tab cannot edit, so it never enters edit mode.
    if (cellId !== null && get().access !== 'write') return;
    set(cellId === null ? { editingCellId: null } : { editingCellId: cellId, selectedCellId: cellId });
  },
});
