// Settings the task force edits: the stall thresholds (docs/DOMAIN.md § Stalled buildings; 90 and 180 days by default).

import { DEFAULT_STALL_THRESHOLDS, type StallThresholds, stallThresholdsSchema } from "@jiati/shared";
import { eq } from "drizzle-orm";
import { recordAudit } from "../audit/service";
import { requireTaskforce } from "../auth/policy";
import type { RequestContext } from "../core/context";
import { settings } from "../core/db/schema";
import { type Deps, inTransaction } from "../core/deps";

const KEY = "stallThresholds";

export class SettingsService {
  private cached?: { generation: number; value: StallThresholds };

  constructor(private readonly deps: Deps) {}

  async stallThresholds(): Promise<StallThresholds> {
    const generation = this.deps.hub.generation;
    if (this.cached?.generation === generation) return this.cached.value;
    const [row] = await this.deps.db.select().from(settings).where(eq(settings.key, KEY));
    const parsed = stallThresholdsSchema.safeParse(row?.value);
    const value = parsed.success ? parsed.data : DEFAULT_STALL_THRESHOLDS;
    this.cached = { generation, value };
    return value;
  }

  async setStallThresholds(ctx: RequestContext, value: StallThresholds): Promise<StallThresholds> {
    requireTaskforce(ctx.user, "设置停滞阈值");
    const before = await this.stallThresholds();
    await inTransaction(this.deps, async (tx, announce) => {
      await tx
        .insert(settings)
        .values({ key: KEY, value, updatedAt: ctx.now })
        .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: ctx.now } });
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
