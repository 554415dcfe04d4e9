import type { Building } from "@jiati/shared";
import { QueryClient, QueryClientProvider, type QueryKey } from "@tanstack/react-query";
import { act, renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useCreateBuilding, usePatchBuilding, useRecordStage } from "./buildings";
import { type Change, invalidateFor } from "./invalidation";
import { keys } from "./keys";
import { useCommitImport } from "./ledger";
import { usePutStallSettings } from "./settings";
import { useCreateArea, useCreateZone, useRenameZone, useUpdateArea } from "./structure";
import { useAddBlockerNote } from "./supervision";
import { usePutLetter, usePutTargets } from "./targets";
import { useCreateUser, usePatchUser } from "./users";

/** One cached query under each kind of key the app uses. */
const CACHED: Record<string, QueryKey> = {
  session: keys.session,
  zones: keys.zones,
  areaList: keys.areas.list(),
  area: keys.areas.detail(3),
  buildingList: keys.buildings.list({ areaId: 3, page: 1 }),
  areaBuildings: keys.buildings.list({ areaId: 3, all: true }),
  building7: keys.buildings.detail(7),
  building8: keys.buildings.detail(8),
  summary: keys.summary.of(2024, null),
  targets: keys.targets.year(2024),
  letters: keys.targets.letters(2024),
  users: keys.users,
  audit: keys.audit.list({}),
  importRows: keys.imports.rows("token", "all", 0),
  stall: keys.settings.stall,
  review: keys.reviews.year(2024),
};

function filledCache(): QueryClient {
  const queryClient = new QueryClient();
  for (const key of Object.values(CACHED)) queryClient.setQueryData(key, { items: [] });
  return queryClient;
}

function staleIn(queryClient: QueryClient): string[] {
  return Object.entries(CACHED)
    .filter(([, key]) => queryClient.getQueryState(key)?.isInvalidated)
    .map(([name]) => name)
    .sort();
}

/** What goes stale when the server's change notice arrives. */
async function staleAfterNotice(change: Change): Promise<string[]> {
  const queryClient = filledCache();
  await invalidateFor(queryClient, change);
  return staleIn(queryClient);
}

describe("a change notice from the server", () => {
  it("about one building refreshes it, every building list, the counts, the summaries and the change log", async () => {
    expect(await staleAfterNotice({ kind: "building", id: 7 })).toEqual(
      ["area", "areaBuildings", "areaList", "audit", "building7", "buildingList", "review", "summary", "zones"].sort(),
    );
  });

  it("about one building leaves other buildings' pages, targets, users and settings cached", async () => {
    const stale = await staleAfterNotice({ kind: "building", id: 7 });
    for (const name of ["building8", "targets", "letters", "users", "session", "stall"]) {
      expect(stale).not.toContain(name);
    }
  });

  it("about an import refreshes every building's page too, since any of them may have changed", async () => {
    expect(await staleAfterNotice({ kind: "import" })).toEqual(
      [
        "area",
        "areaBuildings",
        "areaList",
        "audit",
        "building7",
        "building8",
        "buildingList",
        "review",
        "summary",
        "zones",
      ].sort(),
    );
  });

  it("about targets refreshes the targets, the letters and the summaries compared against them", async () => {
    expect(await staleAfterNotice({ kind: "targets" })).toEqual(["audit", "letters", "review", "summary", "targets"]);
  });

  it("about zones and areas refreshes everything that shows counts or area names", async () => {
    expect(await staleAfterNotice({ kind: "structure" })).toEqual(
      [
        "area",
        "areaBuildings",
        "areaList",
        "audit",
        "building7",
        "building8",
        "buildingList",
        "letters",
        "review",
        "summary",
        "targets",
        "zones",
      ].sort(),
    );
  });

  it("about users asks again who is logged in, since the change may be to them", async () => {
    expect(await staleAfterNotice({ kind: "users" })).toEqual(["audit", "letters", "session", "targets", "users"]);
  });

  it("about settings refreshes the stall thresholds, the building lists and the summaries", async () => {
    expect(await staleAfterNotice({ kind: "settings" })).toEqual(
      ["areaBuildings", "audit", "buildingList", "stall", "summary"].sort(),
    );
  });

  it("about a year-end review refreshes the reviews and the change log only", async () => {
    expect(await staleAfterNotice({ kind: "review" })).toEqual(["audit", "review"]);
  });

  it("never makes an import preview's pages stale", async () => {
    for (const kind of ["building", "import", "targets", "structure", "users", "settings", "session"] as const) {
      expect(await staleAfterNotice({ kind, id: 7 })).not.toContain("importRows");
    }
  });
});

interface MutationCase {
  name: string;
  notice: Change;
  answer: unknown;
  hook: () => { mutateAsync: (input: never) => Promise<unknown> };
  input: unknown;
}

describe("the client's own changes", () => {
  afterEach(() => vi.unstubAllGlobals());

  const building = { id: 7, areaId: 3, version: 2, signedOn: null, startedOn: null, completedOn: null };
  const ofBuilding7 = { kind: "building", id: 7 } as const;
  /** Each mutation, the notice the server sends everyone for it, its answer, and what the page sends it. */
  const cases: MutationCase[] = [
    {
      name: "recording a stage",
      notice: ofBuilding7,
      answer: building,
      hook: () => useRecordStage(7),
      input: { base: building },
    },
    {
      name: "editing a building",
      notice: ofBuilding7,
      answer: building,
      hook: () => usePatchBuilding(7),
      input: { base: building },
    },
    {
      name: "adding a blocker note",
      notice: ofBuilding7,
      answer: { id: 1 },
      hook: () => useAddBlockerNote(building as unknown as Building),
      input: { text: "已约谈" },
    },
    { name: "adding a building", notice: ofBuilding7, answer: building, hook: useCreateBuilding, input: {} },
    { name: "committing an import", notice: { kind: "import" }, answer: {}, hook: useCommitImport, input: {} },
    { name: "saving targets", notice: { kind: "targets" }, answer: { year: 2024 }, hook: usePutTargets, input: {} },
    { name: "saving a letter", notice: { kind: "targets" }, answer: {}, hook: usePutLetter, input: { areaId: 3 } },
    { name: "adding a zone", notice: { kind: "structure" }, answer: {}, hook: useCreateZone, input: {} },
    { name: "renaming a zone", notice: { kind: "structure" }, answer: {}, hook: useRenameZone, input: { id: 1 } },
    { name: "adding an area", notice: { kind: "structure" }, answer: {}, hook: useCreateArea, input: {} },
    { name: "moving an area", notice: { kind: "structure" }, answer: {}, hook: useUpdateArea, input: { id: 3 } },
    { name: "adding a user", notice: { kind: "users" }, answer: {}, hook: useCreateUser, input: {} },
    { name: "changing a user", notice: { kind: "users" }, answer: {}, hook: usePatchUser, input: { id: 5, patch: {} } },
    {
      name: "saving the stall thresholds",
      notice: { kind: "settings" },
      answer: {},
      hook: usePutStallSettings,
      input: {},
    },
  ];

  for (const { name, notice, answer, hook, input } of cases) {
    it(`${name} makes stale what the server's notice of it does`, async () => {
      vi.stubGlobal("fetch", async () => new Response(JSON.stringify(answer), { status: 200 }));
      const queryClient = filledCache();
      const wrapper = ({ children }: { children: ReactNode }) => (
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      );
      const { result } = renderHook(hook, { wrapper });
      await act(() => result.current.mutateAsync(input as never));
      expect(staleIn(queryClient)).toEqual(await staleAfterNotice(notice));
    });
  }
});
