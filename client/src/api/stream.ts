// Live updates: one EventSource on /api/stream while logged in. Each change notice invalidates just the
// queries it affects (the map in invalidation.ts), so open pages refetch what changed and nothing else; a
// `resync` (changes may have been missed, or made since the server rendered the page's figures) refetches all.

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { takeStreamSince } from "../firstScreen";
import { invalidateFor } from "./invalidation";
import type { ChangeNotice } from "./types";

/** Opens the change stream for as long as the calling component is mounted (the logged-in layout). */
export function useChangeStream(enabled: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof EventSource === "undefined") return;
    // The page's first screen came from the server: the stream says at once if anything changed since.
    const since = takeStreamSince();
    const url = since ? `/api/stream?since=${encodeURIComponent(since)}` : "/api/stream";
    const source = new EventSource(url, { withCredentials: true });
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
