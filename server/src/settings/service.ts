// Settings the task force edits: the stall thresholds (docs/DOMAIN.md § Stalled buildings; 90 and 180 days by default).

import { DEFAULT_STALL_THRESHOLDS, type StallThresholds, stallThresholdsSchema } from "@jiati/shared";
import { requireTaskforce } from "../auth/policy";
import { recordAudit } from "../core/audit";
import type { RequestContext } from "../core/context";
import { type Deps, inTransaction } from "../core/deps";
import { readSetting, writeSetting } from "./repo";

const KEY = "stallThresholds";

export class SettingsService {
  private cached?: { generation: number; value: StallThresholds };

  constructor(private readonly deps: Deps) {}

  async stallThresholds(): Promise<StallThresholds> {
    const generation = this.deps.hub.generation;
    if (this.cached?.generation === generation && this.deps.hub.live) return this.cached.value;
    const parsed = stallThresholdsSchema.safeParse(await readSetting(this.deps.db, KEY));
    const value = parsed.success ? parsed.data : DEFAULT_STALL_THRESHOLDS;
    this.cached = { generation, value };
    return value;
  }

  async setStallThresholds(ctx: RequestContext, value: StallThresholds): Promise<StallThresholds> {
    requireTaskforce(ctx.user, "setStallThresholds");
    const before = await this.stallThresholds();
    await inTransaction(this.deps, async (tx, announce) => {
      await writeSetting(tx, KEY, value, ctx.now);
      await recordAudit(tx, ctx, {
        action: "settings.update",
        entity: "settings",
        entityId: KEY,
        before,
        after: value,
      });
      await announce({ kind: "settings" });
    });
    return value;
  }
}
