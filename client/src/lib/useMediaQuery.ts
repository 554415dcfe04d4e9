// Whether a CSS media query matches now, updated as it changes (rotation, resizing). False on the server.

import { useCallback, useSyncExternalStore } from "react";

/**
 * Screens wide enough for the desktop frame (antd's `lg`, 992 px). Narrower screens — phones, most often on a
 * slow network with a slow processor — load the antd parts of the frame and the dashboard when first needed.
 */
export const WIDE_SCREEN = "(min-width: 992px)";

export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", onChange);
      return () => list.removeEventListener("change", onChange);
    },
    [query],
  );
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(query).matches,
    () => false,
  );
}
