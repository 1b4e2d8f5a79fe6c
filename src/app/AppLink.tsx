import type { ReactNode } from 'react';
import { navigate, routeHref, type Route } from './router';

/** A real link (open in new tab works) that navigates in place on a plain click. */
export function AppLink({ to, className, children }: { to: Route; className?: string; children: ReactNode }) {
  return (
    <a
      href={routeHref(to)}
      className={className}
      onClick={(e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}
