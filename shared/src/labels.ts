// Chinese names of the domain's fixed vocabularies, shared by the API's messages, the UI and the Excel ledger.

import type { BlockerCategory, BuildingStage, RecordedStage, Role } from "./vocabulary";

export const STAGE_LABELS: Record<BuildingStage, string> = {
  planned: "意向/征询中",
  signed: "签约",
  started: "开工",
  completed: "完工",
};

export const STAGE_DATE_LABELS: Record<RecordedStage, string> = {
  signed: "签约日期",
  started: "开工日期",
  completed: "完工日期",
};

export const BLOCKER_LABELS: Record<BlockerCategory, string> = {
  low_floor_opposition: "低层居民反对",
  pipelines: "管线迁移",
  funding: "资金",
  approval: "审批",
  other: "其他",
};

export const ROLE_LABELS: Record<Role, string> = {
  taskforce: "加梯专班",
  secretary: "居民区书记",
  leader: "领导",
};

/** Field names as the UI and the ledger show them. */
export const FIELD_LABELS: Record<string, string> = {
  areaId: "居民区",
  estate: "小区",
  address: "地址",
  floors: "层数",
  households: "户数",
  elderlyHouseholds: "60岁以上老人户数",
  elevatorCompany: "电梯公司",
  consentRate: "同意率",
  costWan: "总造价(万元)",
  subsidyWan: "补贴(万元)",
  notes: "备注",
  signedOn: "签约日期",
  startedOn: "开工日期",
  completedOn: "完工日期",
  blockerCategory: "受阻类别",
  blockerNote: "受阻说明",
  blockerOwner: "督办责任人",
  blockerDueOn: "督办截止日期",
  withdrawn: "撤销",
  reason: "原因",
  date: "日期",
  stage: "阶段",
};
