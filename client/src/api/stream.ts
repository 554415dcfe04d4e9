// Live updates: one EventSource on /api/stream while logged in. Each change notice invalidates just the
// queries it affects (the map in invalidation.ts), so open pages refetch what changed and nothing else.

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { invalidateFor } from "./invalidation";
import type { ChangeNotice } from "./types";

/** Opens the change stream for as long as the calling component is mounted (the logged-in layout). */
export function useChangeStream(enabled: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof EventSource === "undefined") return;
    const source = new EventSource("/api/stream", { withCredentials: true });
    let opened = false;
    const onChange = (event: MessageEvent<string>) => {
      try {
        void invalidateFor(queryClient, JSON.parse(event.data) as ChangeNotice);
      } catch {
        // A malformed notice: ignore it; the next one or a refetch on focus catches up.
      }
    };
    const onOpen = () => {
      // After a reconnect, notices may have been missed: refresh what is on screen.
      if (opened) void queryClient.invalidateQueries();
      opened = true;
    };
    // The server may have missed changes (its database connection came back): everything may be stale.
    const onResync = () => void queryClient.invalidateQueries();
    source.addEventListener("change", onChange);
    source.addEventListener("open", onOpen);
    source.addEventListener("resync", onResync);
    return () => {
      source.removeEventListener("resync", onResync);
      source.removeEventListener("change", onChange);
      source.removeEventListener("open", onOpen);
      source.close();
    };
  }, [enabled, queryClient]);
}
