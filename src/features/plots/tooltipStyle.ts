/**
 * Where a hover tooltip goes: beside the point, above it unless near the top, and to its left near
 * the right edge, so the plot's paint containment never clips it.
 */
export function tooltipStyle(px: number, py: number, width: number): { left: number; top: number; transform: string } {
  const x = px > width - 170 ? 'calc(-100% - 8px)' : '8px';
  const y = py < 36 ? '8px' : 'calc(-100% - 6px)';
  return { left: px, top: py, transform: `translate(${x}, ${y})` };
}
