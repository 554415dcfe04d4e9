// Which cached queries a change makes stale: one map from the kind of change to the query-key prefixes it
// touches. The client's own mutations and the server's change notices (another user's edit) both go through
// it, so a change refreshes the same pages whoever made it.

import { type QueryClient, type QueryKey, useQueryClient } from "@tanstack/react-query";
import { keys } from "./keys";
import type { ChangeNotice } from "./types";

type ChangeKind = ChangeNotice["kind"];

/** A change as the cache sees it: its kind and, for a building, which one. */
export type Change = Pick<ChangeNotice, "kind" | "id">;

/** Every change is in the change log, so the audit pages go stale with each. */
const STALE_AFTER: Record<ChangeKind, readonly QueryKey[]> = {
  // Its detail page and blocker thread (added by staleKeys), every list, the structure counts and the summaries.
  building: [
    keys.buildings.lists,
    keys.supervision.blockers,
    keys.areas.all,
    keys.zones,
    keys.summary.all,
    keys.reviews.all,
    keys.audit.all,
  ],
  // Any number of buildings, created or changed: their details and blocker threads too.
  import: [
    keys.buildings.all,
    keys.supervision.blockers,
    keys.supervision.threads,
    keys.areas.all,
    keys.zones,
    keys.summary.all,
    keys.reviews.all,
    keys.audit.all,
  ],
  // Targets and letters, and the summaries that compare against them.
  targets: [keys.targets.all, keys.summary.all, keys.reviews.all, keys.audit.all],
  // Zones and areas move counts everywhere: summaries, targets and letters, the buildings' area and zone names.
  structure: [
    keys.zones,
    keys.areas.all,
    keys.summary.all,
    keys.targets.all,
    keys.buildings.all,
    keys.supervision.all,
    keys.areaStatuses.all,
    keys.reviews.all,
    keys.audit.all,
  ],
  // The change may be to the logged-in user (a role, or disabled): ask who we are again. Owners and authors
  // are shown by name, and who may own a blocker may have changed.
  users: [keys.users, keys.targets.all, keys.session, keys.supervision.all, keys.areaStatuses.all, keys.audit.all],
  // An area's status line: the latest lines and that area's history.
  areaStatus: [keys.areaStatuses.all, keys.audit.all],
  // Stall thresholds decide which buildings are stalled in the lists and the summaries.
  settings: [keys.settings.all, keys.summary.all, keys.buildings.lists, keys.audit.all],
  // A year-end review saved, confirmed or reopened (drafts also follow buildings, targets and structure, above).
  review: [keys.reviews.all, keys.audit.all],
  // A briefing generated, edited or issued: the lists and that briefing (its detail is keyed under all).
  briefing: [keys.briefings.all, keys.audit.all],
  // A session ended on some instance: nothing cached here depends on it (the server does not send these).
  session: [],
};

/** The key prefixes a change makes stale. */
function staleKeys(change: Change): QueryKey[] {
  const prefixes = [...STALE_AFTER[change.kind]];
  if (change.kind === "building" && change.id) {
    prefixes.push(keys.buildings.detail(change.id), keys.supervision.thread(change.id));
  }
  return prefixes;
}

/** Marks what a change touches as stale; on-screen queries refetch at once. */
export function invalidateFor(queryClient: QueryClient, change: Change): Promise<unknown> {
  return Promise.all(staleKeys(change).map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}

/** `invalidateFor` bound to the app's query client, for mutations' onSuccess. */
export function useInvalidateFor(): (change: Change) => Promise<unknown> {
  const queryClient = useQueryClient();
  return (change) => invalidateFor(queryClient, change);
}
