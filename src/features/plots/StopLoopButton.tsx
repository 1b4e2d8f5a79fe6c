import { useContext, useState } from 'react';
import { KernelSessionContext } from '../kernel/kernelContext';

/**
 * Stop for a learner's own loop, as fit has: it sends the same cooperative stop, and the loop's
 * next append, update or step throws a StoppedError that ends it. Shown while the cell runs.
 */
export function StopLoopButton() {
  // Outside a notebook page (no kernel) there is nothing to stop.
  const kernel = useContext(KernelSessionContext);
  const [stopping, setStopping] = useState(false);
  if (!kernel) return null;
  return (
    <button
      type="button"
      className="stop-loop"
      aria-label="Stop loop"
      disabled={stopping}
      onClick={() => (kernel.stopTraining(), setStopping(true))}
    >
      {stopping ? 'Stopping…' : 'Stop'}
    </button>
  );
}
