// The change log as the task force reads it.

import type { AuditPage, AuditQuery } from "@jiati/shared";
import { requireTaskforce } from "../auth/policy";
import type { RequestContext } from "../core/context";
import type { Deps } from "../core/deps";
import { listAudit } from "./repo";

export class AuditService {
  constructor(private readonly deps: Pick<Deps, "db">) {}

  list(ctx: RequestContext, query: AuditQuery): Promise<AuditPage> {
    requireTaskforce(ctx.user, "viewAudit");
    return listAudit(this.deps.db, query);
  }
}
