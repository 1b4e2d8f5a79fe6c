import type { StateCreator } from 'zustand';
import type { Boundary, BoundaryPoints } from '../protocol/boundary';

/** A graph cell's latest decision boundary: the run it belongs to, its model, and the run's points (sent once). */
export interface BoundaryView extends Omit<Boundary, 'points'> {
  runId: string;
  model: string;
  points?: BoundaryPoints;
}

/**
 * Decision boundaries of graph cells trained on 2-D points, by cell id: runtime only, one per
 * cell (the latest field replaces the one before), read by the cell's view alone (DESIGN.md rule 4).
 */
export interface BoundarySlice {
  boundaries: Record<string, BoundaryView>;
  setBoundary(cellId: string, runId: string, model: string, boundary: Boundary): void;
}

export const createBoundarySlice: StateCreator<BoundarySlice, [], [], BoundarySlice> = (set, get) => ({
  boundaries: {},
  setBoundary(cellId, runId, model, boundary) {
    const before = get().boundaries[cellId];
    // The points come with a run's first field; later fields of the same run keep them.
    const points = boundary.points ?? (before?.runId === runId ? before.points : undefined);
    set({ boundaries: { ...get().boundaries, [cellId]: { ...boundary, runId, model, points } } });
  },
});
