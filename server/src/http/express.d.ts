import type { RequestContext, SessionUser } from "../context";

declare global {
  namespace Express {
    interface Request {
      id: string;
      user?: SessionUser;
      context?: RequestContext;
    }
  }
}
