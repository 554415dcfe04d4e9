// What a briefing's head and week are (docs/DOMAIN.md § Weekly briefing), without zod: its ISO week, how its days
// are written, its title and issue line — shared by the server's .docx and the client's page.

import { addDays, daysBetween, shanghaiDate, yearOf } from "./dates";

export const BRIEFING_STATUSES = ["draft", "issued"] as const;
export type BriefingStatus = (typeof BRIEFING_STATUSES)[number];

/** 下一步工作: at most this many characters. */
export const NEXT_STEPS_MAX = 2000;

/**
 * The ISO week a day falls in, `YYYY-Www` (weeks start on Monday; week 1 holds the year's first Thursday):
 * a briefing's week, one per scope.
 */
export function isoWeekOf(date: string): string {
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = addDays(date, 3 - weekday);
  const year = yearOf(thursday);
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** The Monday and Sunday of an ISO week `YYYY-Www`. */
export function isoWeekDays(week: string): { monday: string; sunday: string } {
  const year = Number(week.slice(0, 4));
  const number = Number(week.slice(6));
  // 4 January is always in week 1.
  const jan4 = `${year}-01-04`;
  const weekday = (new Date(`${jan4}T00:00:00Z`).getUTCDay() + 6) % 7;
  const monday = addDays(jan4, -weekday + (number - 1) * 7);
  return { monday, sunday: addDays(monday, 6) };
}

/** 11月29日: a day as the town's newsletters write it (the year is the briefing's). */
export function chineseMonthDay(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

/** 2022年11月29日. */
export function chineseDate(date: string): string {
  return `${yearOf(date)}年${chineseMonthDay(date)}`;
}

/** The fourth section's title: the task force's own text follows it. */
export const NEXT_STEPS_TITLE = "四、下一步工作";
/** The briefing's title as printed: 加装电梯工作简报. */
export const BRIEFING_TITLE = "加装电梯工作简报";

/** The head's issue line: 第3期 (a zone's: 第一片区　第3期); a draft has no number yet. */
export function briefingIssueLine(briefing: { issueNo: number | null; zoneId: number | null; scopeName: string }) {
  const number = briefing.issueNo == null ? "（草稿）" : `第${briefing.issueNo}期`;
  return briefing.zoneId == null ? number : `${briefing.scopeName}　${number}`;
}

/** The day printed in the head: the day it was issued (Shanghai), a draft's as-of day. */
export function briefingDay(briefing: { issuedAt: string | null; asOf: string }): string {
  return briefing.issuedAt ? shanghaiDate(new Date(briefing.issuedAt)) : briefing.asOf;
}

/** The figures table's heads, on the page and in the .docx. */
export const BRIEFING_FIGURE_HEADS = ["阶段", "年度目标", "应完成", "实际", "完成率", "本周新增"] as const;
