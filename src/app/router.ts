import { useSyncExternalStore } from 'react';

// Routes live in the query string (`/?notebook=<id>`): any static host serves
// them without rewrite rules, and the hash stays free for share links.

export type Route =
  | { page: 'home' }
  | { page: 'notebook'; id: string }
  | { page: 'shared'; fragment: string }
  /** A shipped tutorial (`/?tutorial=<slug>`): opens the learner's copy of it, made on first visit. */
  | { page: 'tutorial'; slug: string };

/** Reads the route from a URL: a hash with a share link (#v1.…) opens the notebook it carries. */
export function parseRoute(url: URL): Route {
  const id = url.searchParams.get('notebook');
  if (id) return { page: 'notebook', id };
  const slug = url.searchParams.get('tutorial');
  if (slug) return { page: 'tutorial', slug };
  // Any #v…, even a damaged or newer one, is a link: it gets its own error, never the home page.
  if (url.hash.startsWith('#v')) return { page: 'shared', fragment: url.hash.slice(1) };
  return { page: 'home' };
}

/** The URL (path and query) of a route. */
export function routeHref(route: Route): string {
  if (route.page === 'shared') return `./#${route.fragment}`;
  if (route.page === 'tutorial') return `./?tutorial=${encodeURIComponent(route.slug)}`;
  return route.page === 'notebook' ? `./?notebook=${encodeURIComponent(route.id)}` : './';
}

const subscribe = (onChange: () => void) => {
  window.addEventListener('popstate', onChange);
  // A link pasted into the address bar of an open app changes only the hash.
  window.addEventListener('hashchange', onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener('hashchange', onChange);
  };
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
