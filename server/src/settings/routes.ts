import { stallThresholdsSchema } from "@jiati/shared";
import { Router } from "express";
import { requireTaskforce } from "../auth/policy";
import { route } from "../http/route";
import type { SettingsService } from "./service";

export function settingsRoutes(service: SettingsService): Router {
  const router = Router();
  route(
    router,
    {
      method: "get",
      path: "/settings/stall",
      tag: "settings",
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
      tag: "settings",
      summary: "Set the stall thresholds (task force)",
      body: stallThresholdsSchema,
      response: stallThresholdsSchema,
    },
    async ({ body, ctx }) => service.setStallThresholds(ctx, body),
  );
  return router;
}
