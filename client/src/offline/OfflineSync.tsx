// Runs the outbox for the logged-in user while the app is open (offline/queue.ts), refreshing what each sent
// change touches; and, the first time the service worker takes over the page, asks the page's reads again so
// they are kept for offline use.

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { invalidateFor } from "../api/invalidation";
import { startOutbox } from "./queue";
import { onFirstControl } from "./register";

export function OfflineSync({ userId }: { userId: number }) {
  const queryClient = useQueryClient();
  useEffect(
    () => startOutbox(userId, (item) => void invalidateFor(queryClient, { kind: "building", id: item.buildingId })),
    [userId, queryClient],
  );
  useEffect(() => onFirstControl(() => void queryClient.invalidateQueries()), [queryClient]);
  return null;
}
