// Live updates: one EventSource on /api/stream while logged in. Each change notice invalidates just the
// queries it affects, so open pages refetch what changed and nothing else.

import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { keys } from "./keys";
import type { ChangeNotice } from "./types";

export function invalidateFor(queryClient: QueryClient, change: ChangeNotice): Promise<unknown> {
  const invalidate = (queryKey: readonly unknown[]) => queryClient.invalidateQueries({ queryKey });
  const jobs: Promise<unknown>[] = [invalidate(keys.audit.all)];
  switch (change.kind) {
    case "building":
      if (change.id) jobs.push(invalidate(keys.buildings.detail(change.id)));
      jobs.push(invalidate(keys.buildings.lists), invalidate(keys.areas.all), invalidate(keys.zones));
      jobs.push(invalidate(keys.summary.all));
      break;
    case "import":
      jobs.push(invalidate(keys.buildings.all), invalidate(keys.areas.all), invalidate(keys.zones));
      jobs.push(invalidate(keys.summary.all));
      break;
    case "targets":
      jobs.push(invalidate(keys.targets.all), invalidate(keys.summary.all));
      break;
    case "structure":
      jobs.push(invalidate(keys.zones), invalidate(keys.areas.all), invalidate(keys.summary.all));
      jobs.push(invalidate(keys.targets.all), invalidate(keys.buildings.all));
      break;
    case "users":
      // The change may be to the logged-in user (a role, or disabled): ask who we are again.
      jobs.push(invalidate(keys.users), invalidate(keys.targets.all), invalidate(keys.session));
      break;
    case "settings":
      jobs.push(invalidate(keys.settings.all), invalidate(keys.summary.all), invalidate(keys.buildings.lists));
      break;
  }
  return Promise.all(jobs);
}

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
    source.addEventListener("change", onChange);
    source.addEventListener("open", onOpen);
    return () => {
      source.removeEventListener("change", onChange);
      source.removeEventListener("open", onOpen);
      source.close();
    };
  }, [enabled, queryClient]);
}
