import {
  msg,
  putReviewSchema,
  reopenReviewSchema,
  reviewYearSchema,
  yearReviewSchema,
  yearSchema,
} from "@jiati/shared";
import { type Response, Router } from "express";
import { z } from "zod";
import { requireTaskforce } from "../auth/policy";
import type { SessionUser } from "../core/context";
import { InvalidInput } from "../core/errors";
import { ifMatchVersion } from "../http/params";
import { route } from "../http/route";
import type { ReviewService } from "./service";

const tag = "review";

/** The `:year` path parameter, or 400 naming it. */
function yearParam(params: Record<string, string>): number {
  const parsed = yearSchema.safeParse(params.year);
  if (!parsed.success) throw InvalidInput.field("year", msg("review.yearUnavailable", { year: params.year ?? "" }));
  return parsed.data;
}

const editor = (user: SessionUser) => requireTaskforce(user, "editReview");

/** The review with its version as the ETag, for the next If-Match. */
function withVersion<T extends { version: number }>(res: Response, review: T): T {
  res.setHeader("ETag", `"${review.version}"`);
  return review;
}

export function reviewRoutes(service: ReviewService): Router {
  const router = Router();

  route(
    router,
    {
      method: "get",
      path: "/reviews",
      tag,
      summary: "The years that can be reviewed (年度总结), newest first, with their review's state",
      response: z.array(reviewYearSchema),
    },
    async ({ ctx }) => service.years(ctx),
  );

  route(
    router,
    {
      method: "get",
      path: "/reviews/:year",
      tag,
      summary:
        "A year's review: each area's results on 31 December against its targets, ranked, with the proposed and given 先进/优秀 titles (a secretary: their own area, once confirmed)",
      response: yearReviewSchema,
    },
    async ({ params, ctx, res }) => withVersion(res, await service.get(ctx, yearParam(params))),
  );

  route(
    router,
    {
      method: "put",
      path: "/reviews/:year",
      allow: editor,
      tag,
      summary: "Save a draft review's rule and hand changes (task force; If-Match: version, 0 before the first save)",
      body: putReviewSchema,
      response: yearReviewSchema,
      ifMatch: true,
    },
    async ({ params, body, ctx, req, res }) =>
      withVersion(res, await service.save(ctx, yearParam(params), ifMatchVersion(req), body)),
  );

  route(
    router,
    {
      method: "post",
      path: "/reviews/:year/confirm",
      allow: editor,
      tag,
      summary:
        "Confirm a closed year's review: its figures and titles are kept and change no more (task force; If-Match)",
      response: yearReviewSchema,
      ifMatch: true,
    },
    async ({ params, ctx, req, res }) =>
      withVersion(res, await service.confirm(ctx, yearParam(params), ifMatchVersion(req))),
  );

  route(
    router,
    {
      method: "post",
      path: "/reviews/:year/reopen",
      allow: editor,
      tag,
      summary: "Reopen a confirmed review as a draft, with a reason (task force; If-Match)",
      body: reopenReviewSchema,
      response: yearReviewSchema,
      ifMatch: true,
    },
    async ({ params, body, ctx, req, res }) =>
      withVersion(res, await service.reopen(ctx, yearParam(params), ifMatchVersion(req), body)),
  );

  return router;
}
