import { organizationSchema, stallThresholdsSchema } from "@jiati/shared";
import { Router } from "express";
import { requireTaskforce } from "../auth/policy";
import { route } from "../http/route";
import type { SettingsService } from "./service";

const tag = "settings";

export function settingsRoutes(service: SettingsService): Router {
  const router = Router();
  route(
    router,
    {
      method: "get",
      path: "/settings/stall",
      tag,
      summary: "Stall thresholds in days",
      response: stallThresholdsSchema,
    },
    async () => service.stallThresholds(),
  );
  route(
    router,
    {
      method: "put",
      path: "/settings/stall",
      allow: (user) => requireTaskforce(user, "setStallThresholds"),
      tag,
      summary: "Set the stall thresholds (task force)",
      body: stallThresholdsSchema,
      response: stallThresholdsSchema,
    },
    async ({ body, ctx }) => service.setStallThresholds(ctx, body),
  );
  route(
    router,
    {
      method: "get",
      path: "/settings/organization",
      tag,
      summary: "The town's name and the issuing unit printed on reports, letters and briefings",
      response: organizationSchema,
    },
    async () => service.organization(),
  );
  route(
    router,
    {
      method: "put",
      path: "/settings/organization",
      allow: (user) => requireTaskforce(user, "setOrganization"),
      tag,
      summary: "Set the town's name and the issuing unit (task force)",
      body: organizationSchema,
      response: organizationSchema,
    },
    async ({ body, ctx }) => service.setOrganization(ctx, body),
  );
  return router;
}
