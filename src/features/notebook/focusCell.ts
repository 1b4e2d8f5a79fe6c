/** Puts keyboard focus on a cell's frame (command mode), once React has rendered it. */
export function focusCell(cellId: string | null | undefined): void {
  if (!cellId) return;
  document.querySelector<HTMLElement>(`[data-cell-id="${CSS.escape(cellId)}"]`)?.focus();
}
