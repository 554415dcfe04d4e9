// Shapes of API responses that shared/ does not define (they are declared in the server's routes).
// Entities themselves (Building, User, Summary…) come from @jiati/shared.

import type { Building, BuildingStage, RecordedStage, Role, StallThresholds } from "@jiati/shared";

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  areaId: number | null;
  zoneId: number | null;
}

export interface StageCounts {
  planned: number;
  signed: number;
  started: number;
  completed: number;
  withdrawn: number;
  blocked: number;
  total: number;
}

export interface ZoneWithCounts {
  id: number;
  name: string;
  sortOrder: number;
  areaCount: number;
  counts: StageCounts;
}

export interface AreaWithCounts {
  id: number;
  name: string;
  zoneId: number;
  zoneName: string;
  sortOrder: number;
  counts: StageCounts;
}

export interface BuildingListItem extends Building {
  areaName: string;
  zoneId: number;
  stage: BuildingStage;
  stalledDays: number | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface AuditRow {
  id: number;
  at: string;
  userId: number | null;
  username: string;
  displayName: string | null;
  action: string;
  entity: string;
  entityId: string;
  areaId: number | null;
  before: unknown;
  after: unknown;
  reason: string;
  requestId: string | null;
}

export interface StageEvent {
  id: number;
  buildingId: number;
  stage: RecordedStage;
  fromDate: string | null;
  toDate: string | null;
  reason: string;
  userId: number | null;
  requestId: string | null;
  at: string;
}

export interface BuildingDetail {
  building: Building;
  area: { id: number; name: string; zoneId: number; zoneName: string } | null;
  history: AuditRow[];
  stageEvents: StageEvent[];
}

type StageValues = Record<RecordedStage, number | null>;

export interface TargetsResponse {
  year: number;
  town: StageValues;
  zones: (StageValues & { zoneId: number })[];
  areas: (StageValues & { areaId: number })[];
  allocation: Record<RecordedStage, { town: number | null; areaSum: number; balanced: boolean }>;
}

export interface TargetLetter {
  areaId: number;
  areaName: string;
  zoneId: number;
  zoneName: string;
  year: number;
  zoneLeader: string;
  secretary: string;
  liaison: string;
  signedOn: string | null;
}

export type { StallThresholds };

/** A change notice from GET /api/stream. */
export interface ChangeNotice {
  kind: "building" | "targets" | "structure" | "users" | "settings" | "import";
  id?: number;
  areaId?: number | null;
  previousAreaId?: number | null;
}
