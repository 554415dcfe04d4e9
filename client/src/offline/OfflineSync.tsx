// Runs the outbox for the logged-in user while the app is open (offline/queue.ts), refreshing what each sent
// change touches; and makes sure the service worker keeps what the app needs to open offline: the session,
// and the page's reads made before it took over the page.

import { hashKey, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { invalidateFor } from "../api/invalidation";
import { keys } from "../api/keys";
import { servedWithPage } from "../firstScreen";
import { startOutbox } from "./queue";
import { onFirstControl } from "./register";

export function OfflineSync({ userId }: { userId: number }) {
  const queryClient = useQueryClient();
  useEffect(
    () => startOutbox(userId, (item) => void invalidateFor(queryClient, { kind: "building", id: item.buildingId })),
    [userId, queryClient],
  );
  // Not what came with the server's page: it was never fetched, so there is no earlier answer to keep.
  useEffect(
    () =>
      onFirstControl(
        () => void queryClient.invalidateQueries({ predicate: (query) => !servedWithPage.has(query.queryHash) }),
      ),
    [queryClient],
  );
  // The session as the service worker keeps it: after a log-in (whose answer it does not keep) it has none,
  // and without one the app would not open offline.
  useEffect(() => {
    if (navigator.onLine && navigator.serviceWorker?.controller && !servedWithPage.has(hashKey(keys.session))) {
      void queryClient.refetchQueries({ queryKey: keys.session, exact: true });
    }
  }, [queryClient]);
  return null;
}
