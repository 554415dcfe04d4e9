// Settings the task force edits: the stall thresholds (docs/DOMAIN.md § Stalled buildings; 90 and 180 days by
// default) and the organisation printed on reports (docs/DOMAIN.md § Reports; 新泾镇, 新泾镇加梯专班 by default).

import {
  DEFAULT_ORGANIZATION,
  DEFAULT_STALL_THRESHOLDS,
  type Organization,
  organizationSchema,
  type StallThresholds,
  stallThresholdsSchema,
} from "@jiati/shared";
import type { z } from "zod";
import { requireTaskforce, type TaskforceAction } from "../auth/policy";
import { recordAudit } from "../core/audit";
import type { RequestContext } from "../core/context";
import { type Deps, inTransaction } from "../core/deps";
import { readSetting, writeSetting } from "./repo";

/** One setting: its key, its shape, its value when none is stored, and who may set it. */
interface Setting<T> {
  key: string;
  schema: z.ZodType<T>;
  fallback: T;
  action: TaskforceAction;
}

const STALL: Setting<StallThresholds> = {
  key: "stallThresholds",
  schema: stallThresholdsSchema,
  fallback: DEFAULT_STALL_THRESHOLDS,
  action: "setStallThresholds",
};
const ORGANIZATION: Setting<Organization> = {
  key: "organization",
  schema: organizationSchema,
  fallback: DEFAULT_ORGANIZATION,
  action: "setOrganization",
};

export class SettingsService {
  /** Values read, per key, valid while no change notice has arrived since (hub generation). */
  private readonly cache = new Map<string, { generation: number; value: unknown }>();

  constructor(private readonly deps: Deps) {}

  stallThresholds(): Promise<StallThresholds> {
    return this.read(STALL);
  }

  setStallThresholds(ctx: RequestContext, value: StallThresholds): Promise<StallThresholds> {
    return this.write(ctx, STALL, value);
  }

  organization(): Promise<Organization> {
    return this.read(ORGANIZATION);
  }

  setOrganization(ctx: RequestContext, value: Organization): Promise<Organization> {
    return this.write(ctx, ORGANIZATION, value);
  }

  private async read<T>(setting: Setting<T>): Promise<T> {
    const generation = this.deps.hub.generation;
    const cached = this.cache.get(setting.key);
    if (cached?.generation === generation && this.deps.hub.live) return cached.value as T;
    const parsed = setting.schema.safeParse(await readSetting(this.deps.db, setting.key));
    const value = parsed.success ? parsed.data : setting.fallback;
    this.cache.set(setting.key, { generation, value });
    return value;
  }

  private async write<T>(ctx: RequestContext, setting: Setting<T>, value: T): Promise<T> {
    requireTaskforce(ctx.user, setting.action);
    const before = await this.read(setting);
    await inTransaction(this.deps, async (tx, announce) => {
      await writeSetting(tx, setting.key, value, ctx.now);
      await recordAudit(tx, ctx, {
        action: "settings.update",
        entity: "settings",
        entityId: setting.key,
        before,
        after: value,
      });
      await announce({ kind: "settings" });
    });
    return value;
  }
}
