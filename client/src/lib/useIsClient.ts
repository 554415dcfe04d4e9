// False while rendered on the server (the page's first screen, the login page), true in the browser's app.

import { useSyncExternalStore } from "react";

const never = () => () => undefined;

export function useIsClient(): boolean {
  return useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
}
