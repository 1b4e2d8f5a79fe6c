import { useNotebook } from '../../store/notebookStore';
import { useKernelSession } from './kernelContext';

/** Shown until the user trusts a notebook that came from elsewhere; nothing runs before. */
export function TrustNotice() {
  const trusted = useNotebook((s) => s.trusted);
  const origin = useNotebook((s) => s.origin);
  const kernel = useKernelSession();
  if (trusted) return null;
  return (
    <div role="region" aria-label="Untrusted notebook" className="banner banner-info trust-notice">
      <strong>This notebook came from {origin ?? 'outside this browser'}.</strong> Its code has not run. Read it first: code runs sandboxed,
      away from your other notebooks, but it can still use your processor and show you anything.{' '}
      <button type="button" onClick={() => void kernel.trustAndRun()}>
        Trust and run
      </button>
    </div>
  );
}
