import type { RequestContext, SessionUser } from "../core/context";

declare global {
  namespace Express {
    interface Request {
      id: string;
      user?: SessionUser;
      context?: RequestContext;
    }
  }
}
