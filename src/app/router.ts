import { useSyncExternalStore } from 'react';

// Routes live in the query string (`/?notebook=<id>`): any static host serves
// them without rewrite rules, and the hash stays free for share links.

export type Route = { page: 'home' } | { page: 'notebook'; id: string };

/** Reads the route from a URL. */
export function parseRoute(url: URL): Route {
  const id = url.searchParams.get('notebook');
  return id ? { page: 'notebook', id } : { page: 'home' };
}

/** The URL (path and query) of a route. */
export function routeHref(route: Route): string {
  return route.page === 'notebook' ? `./?notebook=${encodeURIComponent(route.id)}` : './';
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('popstate', onChange);
  return () => window.removeEventListener('popstate', onChange);
};

/** The current location's href, re-rendering on navigation. */
export function useHref(): string {
  return useSyncExternalStore(subscribe, () => window.location.href);
}

/** Navigates within the app without reloading the page. */
export function navigate(route: Route, replace = false): void {
  const href = routeHref(route);
  if (replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  window.dispatchEvent(new PopStateEvent('popstate'));
}
