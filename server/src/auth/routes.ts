import { changePasswordSchema, loginSchema, sessionUserSchema } from "@jiati/shared";
import { Router } from "express";
import { z } from "zod";
import { route } from "../http/route";
import type { UserService } from "../users/service";
import { clearSessionCookie, readSessionCookie, setSessionCookie } from "./cookies";
import type { AuthService } from "./service";

const tag = "session";
const sessionSchema = z.object({ user: sessionUserSchema });

export function sessionRoutes(auth: AuthService, users: UserService): Router {
  const router = Router();

  route(
    router,
    {
      method: "post",
      path: "/session",
      tag,
      access: "public",
      summary: "Log in; sets an HttpOnly session cookie",
      body: loginSchema,
      response: sessionSchema,
    },
    async ({ body, req, res }) => {
      const { sessionId, user } = await auth.login(body.username, body.password, req.ip ?? "unknown");
      const previous = readSessionCookie(req);
      if (previous && req.user) await auth.logout(previous);
      setSessionCookie(req, res, sessionId);
      return { user };
    },
  );

  route(
    router,
    { method: "get", path: "/session", tag, summary: "Who am I", response: sessionSchema },
    async ({ ctx }) => ({ user: ctx.user }),
  );

  route(
    router,
    {
      method: "delete",
      path: "/session",
      status: 204,
      tag,
      access: "public",
      summary: "Log out; ends the session on the server",
    },
    async ({ req, res }) => {
      // Only a live session is ended (and announced to every instance); any other cookie is just cleared.
      const id = readSessionCookie(req);
      if (id && req.user) await auth.logout(id);
      clearSessionCookie(req, res);
      res.status(204).end();
      return undefined;
    },
  );

  route(
    router,
    {
      method: "post",
      path: "/session/password",
      status: 204,
      tag,
      summary: "Change one's own password (every role); ends one's other sessions",
      body: changePasswordSchema,
    },
    async ({ body, ctx, req, res }) => {
      const sessionId = await users.changeOwnPassword(ctx, body.currentPassword, body.newPassword);
      setSessionCookie(req, res, sessionId);
      res.status(204).end();
      return undefined;
    },
  );

  return router;
}
