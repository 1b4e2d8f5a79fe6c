import { useContext, useEffect, useState } from 'react';
import { registerSW } from 'virtual:pwa-register';
import { ReloadGuardContext } from './reloadGuard';

/**
 * Registers the service worker (the offline app) and, when a new version has been
 * downloaded, says so with a Reload button. Nothing reloads by itself: Reload waits
 * while training runs or edits are unsaved, and says which.
 */
export function UpdateNotice() {
  const guard = useContext(ReloadGuardContext);
  const [update, setUpdate] = useState<((reload?: boolean) => Promise<void>) | null>(null);
  const [blocked, setBlocked] = useState<string[]>([]);

  useEffect(() => {
    if (!('serviceWorker' in navigator)) return;
    const updateSW = registerSW({
      onNeedRefresh: () => setUpdate(() => updateSW),
      onRegisterError: (e: unknown) => console.warn('The offline app could not be installed:', e),
    });
  }, []);

  if (!update) return null;
  const reload = () => {
    const reasons = guard?.reasons() ?? [];
    setBlocked(reasons);
    if (!reasons.length) void update(true);
  };
  return (
    <div role="status" className="banner banner-info update-notice">
      <span>New version available</span>{' '}
      <button type="button" onClick={reload}>
        Reload
      </button>
      {blocked.length > 0 && (
        <span className="param-help"> Not yet: {blocked.join('; ')}. Reload when that is done; nothing is lost by waiting.</span>
      )}
    </div>
  );
}
