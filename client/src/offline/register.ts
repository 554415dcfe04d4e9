// Registers the service worker (/sw.js, built by client/pwa/plugin.ts) in production builds: from the next
// visit on the app opens with no network. The dev server has none.

export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  // After the page's own first requests, so installing it (precaching the build) does not slow the first screen.
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch((error: unknown) => {
      console.warn("service worker not registered", error);
    });
  });
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
