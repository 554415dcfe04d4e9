// Shapes of API responses, declared once in @jiati/shared (zod schemas the server also uses for its
// OpenAPI description) and only re-exported here for the client's imports. Type-only: no zod at run time.

export type {
  AreaWithCounts,
  AuditRow,
  BuildingDetail,
  BuildingListItem,
  ChangeNotice,
  Organization,
  Page,
  SessionUser,
  StageCounts,
  StageEvent,
  StallThresholds,
  TargetLetter,
  TargetsResponse,
  ZoneWithCounts,
} from "@jiati/shared";
