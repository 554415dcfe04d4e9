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
  /**
   * Values read, per key: read on most requests (the stall thresholds), changed rarely. Kept until a settings
   * change is announced (here or on another instance) or a resync; not used while notices may be missed.
   */
  private readonly cache = new Map<string, unknown>();
  /** Counts the settings changes heard: a value read across one is not kept. */
  private changes = 0;

  constructor(private readonly deps: Deps) {
    const drop = () => {
      this.changes++;
      this.cache.clear();
    };
    deps.hub.subscribe((change) => {
      if (change.kind === "settings") drop();
    });
    deps.hub.onResync(drop);
  }

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
    if (this.deps.hub.live && this.cache.has(setting.key)) return this.cache.get(setting.key) as T;
    const changes = this.changes;
    const parsed = setting.schema.safeParse(await readSetting(this.deps.db, setting.key));
    const value = parsed.success ? parsed.data : setting.fallback;
    if (this.changes === changes && this.deps.hub.live) this.cache.set(setting.key, value);
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
