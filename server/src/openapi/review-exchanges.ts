// The OpenAPI test's requests for the year-end review (see exchanges.ts; docs/DOMAIN.md § Year-end review): the
// success, a year without a review (400) or before the programme (404), a role that may not, a stale version and
// a review in the wrong state (409). Each request first puts the year's stored review in the state it needs.

import { DEFAULT_AWARD_RULE } from "@jiati/shared";
import { eq } from "drizzle-orm";
import { yearReviews } from "../core/db/schema";
import type { RouteCases, Scenario } from "./exchanges";
import type { Context } from "./world";

const scenario = (status: number, as: Scenario["as"], why: string, request: Scenario["request"]): Scenario => ({
  status,
  as,
  why,
  request,
});

/** The world's programme starts in 2020 (docs/DOMAIN.md § Year-end review: nothing to review before it). */
const BEFORE_PROGRAMME = 2015;
/** The world's today is in June 2022: this year has no review yet. */
const OPEN_YEAR = 2022;

/** Puts `year`'s stored review at version 1, a draft or confirmed; its path. */
async function reviewIn({ t }: Context, year: number, state: "draft" | "confirmed"): Promise<string> {
  await t.db.delete(yearReviews).where(eq(yearReviews.year, year));
  const none = { actual: 0, target: null, percent: null, met: null };
  await t.db.insert(yearReviews).values({
    year,
    rule: DEFAULT_AWARD_RULE,
    overrides: [],
    ...(state === "confirmed"
      ? {
          status: "confirmed",
          frozen: {
            asOf: `${year}-12-31`,
            rows: [],
            town: { signed: none, started: none, completed: none },
            confirmedBy: "专班",
          },
          confirmedAt: t.clock.now(),
        }
      : {}),
  });
  return `/api/reviews/${year}`;
}

const body = { rule: DEFAULT_AWARD_RULE, overrides: [] };
const saveBody = (excellentCount: number) => ({ rule: { ...DEFAULT_AWARD_RULE, excellentCount }, overrides: [] });

export const REVIEW_CASES: RouteCases[] = [
  {
    method: "get",
    route: "/reviews",
    scenarios: [scenario(200, "leader", "the years", async () => ({ path: "/api/reviews" }))],
  },
  {
    method: "get",
    route: "/reviews/:year",
    scenarios: [
      scenario(200, "leader", "a draft", async (ctx) => ({ path: await reviewIn(ctx, 2021, "draft") })),
      scenario(200, "secretary", "a confirmed review: their own area", async (ctx) => ({
        path: await reviewIn(ctx, 2020, "confirmed"),
      })),
      scenario(400, "leader", "a year not over", async () => ({ path: `/api/reviews/${OPEN_YEAR}` })),
      scenario(403, "secretary", "a draft", async (ctx) => ({ path: await reviewIn(ctx, 2021, "draft") })),
      scenario(404, "leader", "a year before the programme", async () => ({
        path: `/api/reviews/${BEFORE_PROGRAMME}`,
      })),
    ],
  },
  {
    method: "put",
    route: "/reviews/:year",
    scenarios: [
      scenario(200, "taskforce", "a new rule", async (ctx) => ({
        path: await reviewIn(ctx, 2021, "draft"),
        ifMatch: '"1"',
        json: saveBody(3),
      })),
      scenario(400, "taskforce", "a negative count", async (ctx) => ({
        path: await reviewIn(ctx, 2021, "draft"),
        ifMatch: '"1"',
        json: saveBody(-1),
      })),
      scenario(403, "leader", "leaders only read", async (ctx) => ({
        path: await reviewIn(ctx, 2021, "draft"),
        ifMatch: '"1"',
        json: saveBody(3),
      })),
      scenario(404, "taskforce", "a year before the programme", async () => ({
        path: `/api/reviews/${BEFORE_PROGRAMME}`,
        ifMatch: '"0"',
        json: body,
      })),
      scenario(409, "taskforce", "a stale version", async (ctx) => ({
        path: await reviewIn(ctx, 2021, "draft"),
        ifMatch: '"7"',
        json: saveBody(3),
      })),
      scenario(409, "taskforce", "a confirmed review", async (ctx) => ({
        path: await reviewIn(ctx, 2021, "confirmed"),
        ifMatch: '"1"',
        json: saveBody(3),
      })),
    ],
  },
  {
    method: "post",
    route: "/reviews/:year/confirm",
    scenarios: [
      scenario(200, "taskforce", "a draft of a closed year", async (ctx) => ({
        path: `${await reviewIn(ctx, 2020, "draft")}/confirm`,
        ifMatch: '"1"',
      })),
      scenario(400, "taskforce", "a year not over", async () => ({
        path: `/api/reviews/${OPEN_YEAR}/confirm`,
        ifMatch: '"0"',
      })),
      scenario(403, "secretary", "only the task force confirms", async (ctx) => ({
        path: `${await reviewIn(ctx, 2020, "draft")}/confirm`,
        ifMatch: '"1"',
      })),
      scenario(404, "taskforce", "a year before the programme", async () => ({
        path: `/api/reviews/${BEFORE_PROGRAMME}/confirm`,
        ifMatch: '"0"',
      })),
      scenario(409, "taskforce", "a stale version", async (ctx) => ({
        path: `${await reviewIn(ctx, 2020, "draft")}/confirm`,
        ifMatch: '"0"',
      })),
    ],
  },
  {
    method: "post",
    route: "/reviews/:year/reopen",
    scenarios: [
      scenario(200, "taskforce", "a confirmed review, with a reason", async (ctx) => ({
        path: `${await reviewIn(ctx, 2020, "confirmed")}/reopen`,
        ifMatch: '"1"',
        json: { reason: "完工目标调整后重新评议" },
      })),
      scenario(400, "taskforce", "no reason", async (ctx) => ({
        path: `${await reviewIn(ctx, 2020, "confirmed")}/reopen`,
        ifMatch: '"1"',
        json: { reason: "" },
      })),
      scenario(403, "leader", "only the task force reopens", async (ctx) => ({
        path: `${await reviewIn(ctx, 2020, "confirmed")}/reopen`,
        ifMatch: '"1"',
        json: { reason: "重新评议" },
      })),
      scenario(404, "taskforce", "a year before the programme", async () => ({
        path: `/api/reviews/${BEFORE_PROGRAMME}/reopen`,
        ifMatch: '"0"',
        json: { reason: "重新评议" },
      })),
      scenario(409, "taskforce", "a draft: nothing to reopen", async (ctx) => ({
        path: `${await reviewIn(ctx, 2020, "draft")}/reopen`,
        ifMatch: '"1"',
        json: { reason: "重新评议" },
      })),
    ],
  },
];
