import { useEffect, useSyncExternalStore } from 'react';

export type ThemePreference = 'system' | 'light' | 'dark';
const KEY = 'layerbook:theme';
const media = () => window.matchMedia('(prefers-color-scheme: dark)');

function readPreference(): ThemePreference {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

const subscribe = (onChange: () => void) => {
  const m = media();
  m.addEventListener('change', onChange);
  window.addEventListener('storage', onChange);
  window.addEventListener('layerbook-theme', onChange);
  return () => {
    m.removeEventListener('change', onChange);
    window.removeEventListener('storage', onChange);
    window.removeEventListener('layerbook-theme', onChange);
  };
};

/** Stores the user's choice; 'system' follows the operating system. */
export function setThemePreference(pref: ThemePreference): void {
  try {
    if (pref === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, pref);
  } catch {
    // Storage may be blocked; the choice then lasts for this page only.
  }
  window.dispatchEvent(new Event('layerbook-theme'));
}

/** The preference and the theme it resolves to, kept on <html data-theme>. */
export function useTheme(): { preference: ThemePreference; theme: 'light' | 'dark' } {
  const preference = useSyncExternalStore(subscribe, readPreference);
  const systemDark = useSyncExternalStore(subscribe, () => media().matches);
  const theme = preference === 'system' ? (systemDark ? 'dark' : 'light') : preference;
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.colorScheme = theme;
  }, [theme]);
  return { preference, theme };
}
