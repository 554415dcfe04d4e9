import type { Language } from "@jiati/shared";
import type { RequestContext, SessionUser } from "../core/context";

declare global {
  namespace Express {
    interface Request {
      id: string;
      user?: SessionUser;
      context?: RequestContext;
      /** The language of the request's messages (http/middleware.ts `chooseLanguage`). */
      language?: Language;
    }
  }
}
