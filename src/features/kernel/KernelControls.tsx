import { BACKENDS, type BackendChoice } from '../../protocol/messages';
import { useNotebook } from '../../store/notebookStore';
import { useKernelSession } from './kernelContext';

/** Run all, Interrupt, Restart kernel and the Backend menu. */
export function KernelControls() {
  const kernel = useKernelSession();
  const status = useNotebook((s) => s.kernel.status);
  const choice = useNotebook((s) => s.kernel.choice);
  const available = useNotebook((s) => s.kernel.available);
  const trusted = useNotebook((s) => s.trusted);
  const busy = status === 'busy' || status === 'interrupting';

  return (
    <span className="kernel-controls">
      <button type="button" onClick={() => kernel.runAll()} disabled={!trusted} title="Run every code cell, top to bottom">
        Run all
      </button>
      <button type="button" onClick={() => void kernel.interrupt()} disabled={!busy} title="Stop the running cell (I, I)">
        Interrupt
      </button>
      <button type="button" onClick={() => void kernel.restart()} title="Start a fresh kernel: variables are lost (0, 0)">
        Restart kernel
      </button>
      <label className="backend-select">
        Backend
        <select value={choice} onChange={(e) => void kernel.restart(e.target.value as BackendChoice)}>
          <option value="auto">auto</option>
          {BACKENDS.map((b) => (
            <option key={b} value={b} disabled={available.length > 0 && !available.includes(b) && b !== choice}>
              {b}
            </option>
          ))}
        </select>
      </label>
    </span>
  );
}
