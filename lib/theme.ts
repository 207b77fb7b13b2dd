/**
 * Dark mode: the reader's choice (`localStorage.theme`, "dark" or "light") or else the system's.
 * The script below runs in <head> before the page is painted, so the right theme shows from the
 * first frame; the toggle button (components/theme-toggle.tsx) changes and stores the choice.
 */

export const THEME_STORAGE_KEY = 'theme';

/** Inline, blocking, a few hundred bytes: sets `dark` on <html> and the matching `color-scheme`. */
export const themeScript = `(function(){try{var s=localStorage.getItem('${THEME_STORAGE_KEY}');var d=s?s==='dark':matchMedia('(prefers-color-scheme: dark)').matches;var r=document.documentElement;r.classList.toggle('dark',d);r.style.colorScheme=d?'dark':'light'}catch(e){}})()`;
