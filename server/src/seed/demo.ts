// The demo programme (docs/DOMAIN.md § Demo programme): Xinjing town's 33 residential areas in six zones, about 1,500 candidate
// buildings, stage dates from mid-2020 to today (about 100 completed in 2021), annual targets (122 for
// each stage in 2022) allocated to the areas, target letters, and demo accounts. Generated from a fixed
// seed; every row is marked is_demo and names no real person.

import {
  addDays,
  addressKey,
  addressSortKey,
  daysBetween,
  RECORDED_STAGES,
  STAGE_DATE_FIELD,
  yearOf,
} from "@jiati/shared";
import { asc, eq, isNotNull, sql } from "drizzle-orm";
import { hashPassword } from "../auth/passwords";
import type { Db, Tx } from "../core/db";
import {
  areaStatuses,
  areas,
  blockerNotes,
  buildings,
  stageEvents,
  targetLetters,
  targets,
  users,
  zones,
} from "../core/db/schema";
import { createRandom } from "./random";

export const DEMO_AREAS: readonly (readonly [name: string, pinyin: string])[] = [
  ["平塘", "pingtang"],
  ["刘一", "liuyi"],
  ["刘二", "liuer"],
  ["刘三", "liusan"],
  ["刘四", "liusi"],
  ["新泾", "xinjing"],
  ["曙光", "shuguang"],
  ["淞二", "songer"],
  ["淞三", "songsan"],
  ["淞四", "songsi"],
  ["淞五", "songwu"],
  ["林泉", "linquan"],
  ["虹康", "hongkang"],
  ["绿一", "lvyi"],
  ["绿五", "lvwu"],
  ["绿八", "lvba"],
  ["绿十一", "lvshiyi"],
  ["绿十二", "lvshier"],
  ["程桥", "chengqiao"],
  ["定威", "dingwei"],
  ["北虹", "beihong"],
  ["双流", "shuangliu"],
  ["天山星城", "tianshanxingcheng"],
  ["新渔东路", "xinyudonglu"],
  ["屈家桥", "qujiaqiao"],
  ["华松", "huasong"],
  ["中泾", "zhongjing"],
  ["福泉", "fuquan"],
  ["淮阴", "huaiyin"],
  ["怡景苑", "yijingyuan"],
  ["新泾北苑", "xinjingbeiyuan"],
  ["南洋新都", "nanyangxindu"],
  ["虹九", "hongjiu"],
];

const ZONE_NAMES = ["第一片区", "第二片区", "第三片区", "第四片区", "第五片区", "第六片区"];
const ROADS = [
  "天山西路",
  "哈密路",
  "剑河路",
  "仙霞西路",
  "北渔路",
  "新渔东路",
  "双流路",
  "淞虹路",
  "福泉路",
  "协和路",
  "平塘路",
  "绥宁路",
  "威宁路",
  "泉口路",
  "广顺路",
];
const COMPANIES = ["日立电梯", "三菱电梯", "奥的斯电梯", "通力电梯", "迅达电梯", "康力电梯"];
const BLOCKERS = ["low_floor_opposition", "low_floor_opposition", "pipelines", "funding", "approval", "other"] as const;
const BLOCKER_NOTES: Record<string, string> = {
  low_floor_opposition: "一、二楼部分居民担心采光和噪音，正在协调",
  pipelines: "燃气管线需迁移，等待燃气公司排期",
  funding: "部分业主出资分摊未谈妥",
  approval: "规划审批材料补正中",
  other: "施工单位调整，待重新进场",
};

/** Progress notes on demo blockers, by category: what a secretary or the task force would write. */
const PROGRESS_NOTES: Record<string, readonly string[]> = {
  low_floor_opposition: [
    "上门走访一楼住户，解释采光和噪音影响评估",
    "组织楼组协调会，低层住户提出补偿诉求",
    "请设计单位调整井道位置，减少对二楼遮挡",
  ],
  pipelines: ["燃气公司已现场踏勘，等待迁移方案", "迁移方案已确定，排期下月施工", "自来水管线需同步迁移，已报水务"],
  funding: ["业主出资分摊方案第二稿已发楼组长", "两户对分摊比例有异议，继续协商", "补贴申请材料已提交街道"],
  approval: ["规划审批材料补正后重新递交", "消防意见已回复，等待批复", "审批窗口要求补充结构安全鉴定"],
  other: ["原施工单位退出，正在重新比选", "新施工单位已确定，待签补充协议", "施工围挡方案与物业协商中"],
};

/** Status lines of some demo areas: where they stand, in the register secretaries write in. */
const AREA_STATUS_LINES = [
  "三幢楼低层居民仍有顾虑，本周再次协调",
  "两台已开工，一台等规划审批",
  "签约进度正常，完工节点集中在下季度",
  "资金分摊谈妥一幢，另一幢下周召开业主大会",
  "燃气管线迁移排期已定，预计月底复工",
  "新签约三幢，均已报送开工信息",
];

/** Signings per year (2020 counts from July): the pace that yields ~100 completions in 2021 and ~122 in 2022. */
const SIGNINGS_PER_YEAR: Record<number, number> = { 2020: 60, 2021: 118, 2022: 126, 2023: 132, 2024: 140, 2025: 148 };
const LATER_SIGNINGS = 150;
const TOWN_TARGETS: Record<number, number> = { 2021: 100, 2022: 122, 2023: 130, 2024: 140, 2025: 150 };
const LATER_TARGET = 150;

export const DEMO_SEED = 20221122;

export function demoAccounts(): {
  username: string;
  displayName: string;
  role: string;
  area?: string;
  zone?: string;
}[] {
  return [
    { username: "admin", displayName: "专班管理员（演示）", role: "taskforce" },
    { username: "leader", displayName: "镇领导（演示）", role: "leader" },
    ...ZONE_NAMES.map((zone, index) => ({
      username: `leader${index + 1}`,
      displayName: `${zone}包片领导（演示）`,
      role: "leader",
      zone,
    })),
    ...DEMO_AREAS.map(([name, pinyin]) => ({
      username: `sj-${pinyin}`,
      displayName: `${name}居民区书记（演示）`,
      role: "secretary",
      area: name,
    })),
  ];
}

/** Largest-remainder allocation of `total` in proportion to `weights`, adding up exactly. */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((weight) => (total * weight) / sum);
  const result = raw.map(Math.floor);
  let left = total - result.reduce((a, b) => a + b, 0);
  const order = raw.map((value, index) => ({ index, rest: value - Math.floor(value) })).sort((a, b) => b.rest - a.rest);
  for (const { index } of order) {
    if (left-- <= 0) break;
    result[index] = (result[index] ?? 0) + 1;
  }
  return result;
}

export async function isEmpty(db: Db): Promise<boolean> {
  const result = (await db.execute(sql`select exists (select 1 from zones) as present`)) as unknown as {
    rows: { present: boolean }[];
  };
  return !result.rows[0]?.present;
}

/** Whether the demo's `admin` account exists (its login is worth announcing at start-up). */
export async function hasDemoAccounts(db: Db): Promise<boolean> {
  const result = (await db.execute(
    sql`select exists (select 1 from users where username = 'admin' and is_demo) as present`,
  )) as unknown as { rows: { present: boolean }[] };
  return Boolean(result.rows[0]?.present);
}

type ZoneRow = typeof zones.$inferSelect;
type AreaRow = typeof areas.$inferSelect;
type Draft = typeof buildings.$inferInsert & { areaIndex: number };
type BuildingRow = typeof buildings.$inferSelect;

/** Loads the demo programme into an empty database, as of `today`. */
export async function seedDemo(db: Db, options: { today: string; password: string }): Promise<void> {
  const random = createRandom(DEMO_SEED);
  const { today } = options;
  const passwordHash = await hashPassword(options.password);

  await db.transaction(async (tx) => {
    const { zoneRows, areaRows } = await insertStructure(tx);
    // The random draws happen in this order, so the same seed gives the same programme.
    const drafts = draftBuildings(random, areaRows);
    shuffle(random, drafts);
    progressBuildings(random, drafts, today);
    blockOrWithdrawSome(random, drafts, today);
    await insertBuildingsWithEvents(tx, drafts, today);
    await insertTargetsAndLetters(tx, { zoneRows, areaRows, drafts, today });
    await insertAccounts(tx, { zoneRows, areaRows, passwordHash });
    // Drawn from a random of its own, so the programme above stays as it was before supervision existed.
    await superviseBlockers(tx, createRandom(DEMO_SEED + 1), today);
  });
}

async function insertStructure(tx: Tx): Promise<{ zoneRows: ZoneRow[]; areaRows: AreaRow[] }> {
  const zoneRows = await tx
    .insert(zones)
    .values(ZONE_NAMES.map((name, index) => ({ name, sortOrder: index + 1, isDemo: true })))
    .returning();
  const zoneOf = (index: number) => {
    const zone = zoneRows[Math.floor((index * ZONE_NAMES.length) / DEMO_AREAS.length)];
    if (!zone) throw new Error("demo zone missing");
    return zone.id;
  };
  const areaRows = await tx
    .insert(areas)
    .values(DEMO_AREAS.map(([name], index) => ({ name, zoneId: zoneOf(index), sortOrder: index + 1, isDemo: true })))
    .returning();
  return { zoneRows, areaRows };
}

/** Candidate buildings: 30–62 per area, along one or two roads of the area. */
function draftBuildings(random: ReturnType<typeof createRandom>, areaRows: AreaRow[]): Draft[] {
  const drafts: Draft[] = [];
  areaRows.forEach((area, areaIndex) => {
    const count = random.int(30, 62);
    const road = ROADS[areaIndex % ROADS.length];
    const firstLane = 100 + areaIndex * 37;
    const estates = [`${area.name}一村`, `${area.name}二村`, `${area.name}新苑`].slice(0, random.int(1, 3));
    for (let n = 0; n < count; n++) {
      const lane = firstLane + Math.floor(n / 20) * 2;
      const address = `${road} ${lane}弄 ${(n % 20) + 1}号`;
      const floors = random.pick([5, 6, 6, 6, 7]);
      const households = floors * random.pick([2, 2, 3, 4]);
      drafts.push({
        areaIndex,
        areaId: area.id,
        estate: estates[n % estates.length] ?? "",
        address,
        addressKey: addressKey(address),
        addressSort: addressSortKey(address),
        floors,
        households,
        elderlyHouseholds: Math.min(households, random.int(Math.floor(households / 4), Math.ceil(households * 0.8))),
        notes: "",
        isDemo: true,
      });
    }
  });
  return drafts;
}

function shuffle<T>(random: ReturnType<typeof createRandom>, items: T[]): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    const item = items[i] as T;
    items[i] = items[j] as T;
    items[j] = item;
  }
}

/** Signs buildings year by year at the programme's pace, then starts and completes most of them. */
function progressBuildings(random: ReturnType<typeof createRandom>, drafts: Draft[], today: string): void {
  const currentYear = yearOf(today);
  let cursor = 0;
  for (let year = 2020; year <= currentYear; year++) {
    const first = year === 2020 ? "2020-07-01" : `${year}-01-01`;
    const last = year === currentYear ? today : `${year}-12-31`;
    const span = daysBetween(first, last);
    const fullYear = year === 2020 ? 183 : 365;
    const count = Math.round(((SIGNINGS_PER_YEAR[year] ?? LATER_SIGNINGS) * (span + 1)) / fullYear);
    for (const draft of drafts.slice(cursor, cursor + count))
      progressOne(random, draft, addDays(first, random.int(0, span)), today);
    cursor += count;
  }
}

function progressOne(random: ReturnType<typeof createRandom>, draft: Draft, signedOn: string, today: string): void {
  draft.signedOn = signedOn;
  draft.consentRate = random.int(78, 100);
  draft.elevatorCompany = random.pick(COMPANIES);
  const costWan = random.int(55, 80);
  draft.costWan = costWan;
  draft.subsidyWan = Math.min(28, Math.round(costWan * 0.4));
  if (random.chance(0.03)) return; // a few signings that never start (stalled)
  const startedOn = addDays(signedOn, random.around(55, 60, 12, 200));
  if (startedOn > today) return;
  draft.startedOn = startedOn;
  if (random.chance(0.03)) return;
  const completedOn = addDays(startedOn, random.around(115, 80, 50, 330));
  if (completedOn > today) return;
  draft.completedOn = completedOn;
}

/** Blockers on some buildings still in progress or being consulted; a few withdrawals. */
function blockOrWithdrawSome(random: ReturnType<typeof createRandom>, drafts: Draft[], today: string): void {
  for (const draft of drafts) {
    if (draft.completedOn) continue;
    if (random.chance(draft.signedOn ? 0.08 : 0.04)) {
      const category = random.pick(BLOCKERS);
      draft.blockerCategory = category;
      draft.blockerNote = BLOCKER_NOTES[category];
      draft.blockedSince = addDays(today, -random.int(5, 150));
    } else if (!draft.startedOn && random.chance(0.01)) {
      draft.withdrawn = true;
      draft.notes = "业主意见反复，撤销申请";
    }
  }
}

/** The candidate list was drawn up before the programme's first signing (1 July 2020). */
const DEMO_LISTED_AT = new Date("2020-06-01T10:00:00+08:00");

/** A demo event recorded at 10:00 in Shanghai on `date`. */
const recordedOn = (date: string) => new Date(`${date}T10:00:00+08:00`);

/**
 * The buildings, and their event log as the office would have written it (docs/DOMAIN.md § As of a date): each
 * stage date recorded on its day, each blocker on its blocked-since day, each withdrawal some weeks after the
 * signing (or the consultation) it ended — so past days' figures replay as plausibly as today's.
 */
async function insertBuildingsWithEvents(tx: Tx, drafts: Draft[], today: string): Promise<void> {
  const inserted: BuildingRow[] = [];
  for (let i = 0; i < drafts.length; i += 500) {
    const chunk = drafts
      .slice(i, i + 500)
      .map(({ areaIndex: _areaIndex, ...values }) => ({ ...values, createdAt: DEMO_LISTED_AT }));
    inserted.push(...(await tx.insert(buildings).values(chunk).returning()));
  }
  const events = inserted.flatMap((building) => demoEvents(building, today));
  for (let i = 0; i < events.length; i += 1000) await tx.insert(stageEvents).values(events.slice(i, i + 1000));
}

/** One demo building's event log. */
function demoEvents(building: BuildingRow, today: string): (typeof stageEvents.$inferInsert)[] {
  const base = { buildingId: building.id, reason: "演示数据" };
  const events: (typeof stageEvents.$inferInsert)[] = [];
  for (const stage of RECORDED_STAGES) {
    const date = building[STAGE_DATE_FIELD[stage]];
    if (date) events.push({ ...base, stage, toDate: date, at: recordedOn(date) });
  }
  if (building.blockerCategory && building.blockedSince) {
    events.push({
      ...base,
      stage: "blocker",
      blockerCategory: building.blockerCategory,
      blockerNote: building.blockerNote,
      blockedSince: building.blockedSince,
      at: recordedOn(building.blockedSince),
    });
  }
  if (building.withdrawn) {
    // No random draw here, so the programme stays what the seed made it: a date fixed by the building's id.
    const withdrawnOn = addDays(building.signedOn ?? "2021-03-01", 30 + (building.id % 60));
    events.push({
      ...base,
      stage: "withdrawn",
      withdrawn: true,
      at: recordedOn(withdrawnOn < today ? withdrawnOn : today),
    });
  }
  return events;
}

/** Targets: the town's, allocated to areas in proportion to their candidate buildings; a letter per area. */
async function insertTargetsAndLetters(
  tx: Tx,
  input: { zoneRows: ZoneRow[]; areaRows: AreaRow[]; drafts: Draft[]; today: string },
): Promise<void> {
  const { zoneRows, areaRows, drafts, today } = input;
  const weights = areaRows.map((area) => drafts.filter((draft) => draft.areaId === area.id).length);
  const targetRows: (typeof targets.$inferInsert)[] = [];
  const letterRows: (typeof targetLetters.$inferInsert)[] = [];
  for (let year = 2021; year <= yearOf(today); year++) {
    const town = TOWN_TARGETS[year] ?? LATER_TARGET;
    const shares = allocate(town, weights);
    for (const stage of RECORDED_STAGES) {
      targetRows.push({ year, stage, value: town });
      areaRows.forEach((area, index) => {
        targetRows.push({ year, stage, areaId: area.id, value: shares[index] ?? 0 });
      });
    }
    for (const area of areaRows) {
      const zoneIndex = zoneRows.findIndex((zone) => zone.id === area.zoneId);
      letterRows.push({
        year,
        areaId: area.id,
        zoneLeader: `${ZONE_NAMES[zoneIndex]}包片领导（演示）`,
        secretary: `${area.name}居民区书记（演示）`,
        liaison: `机关联络员${String.fromCharCode(65 + (area.id % 26))}（演示）`,
        signedOn: `${year}-02-${String(10 + (area.id % 15)).padStart(2, "0")}`,
      });
    }
  }
  await tx.insert(targets).values(targetRows);
  await tx.insert(targetLetters).values(letterRows.filter((letter) => (letter.signedOn ?? "") <= today));
}

/** Demo accounts share the demo password, so they share its hash. */
async function insertAccounts(
  tx: Tx,
  input: { zoneRows: ZoneRow[]; areaRows: AreaRow[]; passwordHash: string },
): Promise<void> {
  const areaByName = new Map(input.areaRows.map((area) => [area.name, area.id]));
  const zoneByName = new Map(input.zoneRows.map((zone) => [zone.name, zone.id]));
  await tx.insert(users).values(
    demoAccounts().map((account) => ({
      username: account.username,
      displayName: account.displayName,
      role: account.role,
      areaId: account.area ? areaByName.get(account.area) : null,
      zoneId: account.zone ? zoneByName.get(account.zone) : null,
      passwordHash: input.passwordHash,
      isDemo: true,
    })),
  );
}

/**
 * Blocker supervision on some demo blockers (docs/DOMAIN.md § Blocker supervision): an owner (the area's
 * secretary, sometimes the task force's admin) and a due date — some already past, so overdue items show —
 * a few dated progress notes; and status lines for some areas. Deterministic from `random`.
 */
async function superviseBlockers(tx: Tx, random: ReturnType<typeof createRandom>, today: string): Promise<void> {
  const accounts = await tx.select({ id: users.id, role: users.role, areaId: users.areaId }).from(users);
  const admin = accounts.find((account) => account.role === "taskforce");
  const secretaryOf = new Map(accounts.filter((a) => a.role === "secretary").map((a) => [a.areaId, a.id]));
  const blocked = await tx
    .select({
      id: buildings.id,
      areaId: buildings.areaId,
      category: buildings.blockerCategory,
      since: buildings.blockedSince,
    })
    .from(buildings)
    .where(isNotNull(buildings.blockerCategory))
    .orderBy(asc(buildings.id));
  const notes: (typeof blockerNotes.$inferInsert)[] = [];
  for (const building of blocked) {
    if (!building.since || !building.category || !random.chance(0.7)) continue;
    const ownerId = (random.chance(0.75) ? secretaryOf.get(building.areaId) : admin?.id) ?? null;
    // Due from about three weeks ago to a month ahead, and at least a week after the blocker was set.
    const wanted = addDays(today, random.int(-25, 35));
    const dueOn = [wanted, addDays(building.since, 7)].sort().at(-1) ?? wanted;
    await tx
      .update(buildings)
      .set({ blockerOwnerId: ownerId, blockerDueOn: dueOn })
      .where(eq(buildings.id, building.id));
    const span = Math.max(0, daysBetween(building.since, today));
    const texts = PROGRESS_NOTES[building.category] ?? [];
    const count = Math.min(texts.length, random.int(0, 3));
    const days = Array.from({ length: count }, () => random.int(0, span)).sort((a, b) => a - b);
    days.forEach((day, index) => {
      notes.push({
        buildingId: building.id,
        blockedSince: building.since as string,
        text: texts[index] ?? "",
        userId: ownerId,
        at: new Date(`${addDays(building.since as string, day)}T${String(9 + index * 2).padStart(2, "0")}:30:00+08:00`),
      });
    });
  }
  if (notes.length) await tx.insert(blockerNotes).values(notes);
  await insertAreaStatuses(tx, random, today, secretaryOf);
}

/** A status line for about a third of the areas, written by their secretary in the last two weeks. */
async function insertAreaStatuses(
  tx: Tx,
  random: ReturnType<typeof createRandom>,
  today: string,
  secretaryOf: Map<number | null, number>,
): Promise<void> {
  const areaRows = await tx.select({ id: areas.id }).from(areas).orderBy(asc(areas.sortOrder), asc(areas.id));
  const lines: (typeof areaStatuses.$inferInsert)[] = [];
  for (const area of areaRows) {
    if (!random.chance(0.35)) continue;
    const date = addDays(today, -random.int(0, 13));
    lines.push({
      areaId: area.id,
      text: random.pick(AREA_STATUS_LINES),
      date,
      userId: secretaryOf.get(area.id) ?? null,
      at: new Date(`${date}T17:00:00+08:00`),
    });
  }
  if (lines.length) await tx.insert(areaStatuses).values(lines);
}
