import { useNotebook } from '../../store/notebookStore';

const STATUS_TEXT = {
  off: 'not started (starts on first run)',
  starting: 'starting',
  idle: 'idle',
  busy: 'busy',
  interrupting: 'interrupting',
  failed: 'failed',
} as const;

/** Always on screen: the kernel's state and backend, as Jupyter's status bar shows them. */
export function StatusBar() {
  const kernel = useNotebook((s) => s.kernel);
  const text = `Kernel: ${STATUS_TEXT[kernel.status]}${kernel.backend ? ` · ${kernel.backend}` : ''}`;
  return (
    <footer className="status-bar">
      <span role="status" className={`kernel-status kernel-${kernel.status}`}>
        {text}
      </span>
      {kernel.error && <span className="kernel-error">{kernel.error}</span>}
      {kernel.notes.length > 0 && (
        <span className="kernel-notes" title={kernel.notes.join('\n')}>
          {kernel.notes[kernel.notes.length - 1]}
        </span>
      )}
    </footer>
  );
}
