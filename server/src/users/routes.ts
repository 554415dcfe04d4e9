import { createUserSchema, patchUserSchema, userSchema } from "@jiati/shared";
import { Router } from "express";
import { z } from "zod";
import { requireTaskforce } from "../auth/policy";
import { idParam } from "../http/params";
import { route } from "../http/route";
import type { UserService } from "./service";

const tag = "users";

export function userRoutes(service: UserService): Router {
  const router = Router();
  route(
    router,
    {
      method: "get",
      path: "/users",
      allow: (user) => requireTaskforce(user, "listUsers"),
      tag,
      summary: "All accounts (task force)",
      response: z.array(userSchema),
    },
    async ({ ctx }) => service.list(ctx),
  );
  route(
    router,
    {
      method: "post",
      path: "/users",
      allow: (user) => requireTaskforce(user, "createUser"),
      status: 201,
      tag,
      summary: "Add an account (task force)",
      body: createUserSchema,
      response: userSchema,
    },
    async ({ body, ctx, res }) => {
      res.status(201);
      return service.create(ctx, body);
    },
  );
  route(
    router,
    {
      method: "patch",
      path: "/users/:id",
      allow: (user) => requireTaskforce(user, "editUser"),
      tag,
      summary: "Edit an account: name, role, area or zone, disabled, password reset (task force)",
      body: patchUserSchema,
      response: userSchema,
    },
    async ({ params, body, ctx }) => service.patch(ctx, idParam(params), body),
  );
  return router;
}
