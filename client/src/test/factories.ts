// Valid records for the client's tests, built from overrides so a test states only what matters to it.

import type { Building, BuildingListItem } from "@jiati/shared";

let nextId = 1;

export function buildBuilding(overrides: Partial<Building> = {}): Building {
  const id = overrides.id ?? nextId++;
  return {
    id,
    areaId: 3,
    estate: "天山西路小区",
    address: `天山西路 799弄 ${id}号`,
    floors: 6,
    households: 24,
    elderlyHouseholds: 10,
    elevatorCompany: "",
    consentRate: null,
    costWan: null,
    subsidyWan: null,
    notes: "",
    signedOn: null,
    startedOn: null,
    completedOn: null,
    blockerCategory: null,
    blockerNote: "",
    blockedSince: null,
    blockerOwnerId: null,
    blockerDueOn: null,
    withdrawn: false,
    version: 1,
    isDemo: false,
    createdAt: "2024-01-10T02:00:00.000Z",
    updatedAt: "2024-01-10T02:00:00.000Z",
    ...overrides,
  };
}

/** A row of the building list; its stage should agree with its dates when a test reads both. */
export function buildListItem(overrides: Partial<BuildingListItem> = {}): BuildingListItem {
  return {
    ...buildBuilding(overrides),
    areaName: "新泾",
    zoneId: 1,
    stage: "planned",
    stalledDays: null,
    blockedDays: null,
    blockerOwner: null,
    lastBlockerNote: null,
    overdue: false,
    ...overrides,
  };
}
