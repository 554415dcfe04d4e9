// Registers the service worker (/sw.js, built by client/pwa/plugin.ts) in production builds: from the next
// visit on the app opens with no network. The dev server has none.

/** How long after the page's load the first visit installs the worker. */
const AFTER_LOAD_MS = 4000;

export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch((error: unknown) => {
      console.warn("service worker not registered", error);
    });
  };
  // After the page's own first requests. A page the worker already controls registers it then (a no-op, or the
  // check for a new build); a first visit waits until the page has settled, then for an idle moment: installing
  // precaches the whole build, and taking control refetches the page's reads (onFirstControl) — on a phone's
  // network and CPU, work that would compete with the first screen and the user's first taps.
  const firstVisit = !navigator.serviceWorker.controller;
  const afterLoad = () => {
    if (!firstVisit) return register();
    setTimeout(() => {
      if ("requestIdleCallback" in window) requestIdleCallback(register, { timeout: AFTER_LOAD_MS });
      else register();
    }, AFTER_LOAD_MS);
  };
  if (document.readyState === "complete") afterLoad();
  else window.addEventListener("load", afterLoad, { once: true });
}

/**
 * Calls `onControl` when a service worker takes over a page it did not control (the first visit): the reads
 * made before went past it, so asking them again puts them in its cache for offline use.
 */
export function onFirstControl(onControl: () => void): () => void {
  if (!("serviceWorker" in navigator) || navigator.serviceWorker.controller) return () => undefined;
  const listener = () => onControl();
  navigator.serviceWorker.addEventListener("controllerchange", listener, { once: true });
  return () => navigator.serviceWorker.removeEventListener("controllerchange", listener);
}
