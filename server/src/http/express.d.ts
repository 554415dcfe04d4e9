import type { Language } from "@jiati/shared";
import type { RequestContext, SessionUser } from "../core/context";
import type { Db } from "../core/db";

declare global {
  namespace Express {
    interface Request {
      id: string;
      user?: SessionUser;
      context?: RequestContext;
      /** The language of the request's messages (http/middleware.ts `chooseLanguage`). */
      language?: Language;
      /** Where committed writes' idempotency keys are looked up (http/idempotency.ts). */
      idempotencyKeys?: Db;
    }
  }
}
