import { useEffect, useRef } from 'react';

/**
 * Calls `onClose` when Escape is pressed anywhere on the page, as a dialog closes. The latest
 * `onClose` is kept in a ref, so a parent that passes a new arrow each render does not re-add the
 * listener (nor re-run a dialog's focus on mount, which shares no effect with this).
 */
export function useEscape(onClose: () => void): void {
  const latest = useRef(onClose);
  latest.current = onClose;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && latest.current();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
