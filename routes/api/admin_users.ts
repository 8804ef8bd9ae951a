import type { Context } from "hono";
import { z } from "zod";
import {
  changeUserRole,
  disableUser,
  enableUser,
  type UserAdminDeps,
} from "../../services/accounts/user_admin.ts";
import { findUsers, userWithAudit } from "../../services/accounts/user_directory.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { ADMIN, declare, jsonBody, jsonResponse, router } from "../declare.ts";
import { AdminUser, AuditEntry, changed, pageOf } from "../admin_responses.ts";

const role = z.enum(["passenger", "operator", "admin"]);
const reason = z.string().trim().min(1).max(500);

/** Query of `GET /api/admin/users`. */
export const UserListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  role: role.optional(),
  status: z.enum(["active", "disabled"]).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
/** `:id` of a user. */
export const UserIdParam = z.object({ id: z.uuid({ message: "expected a user id" }) });
/** Body of `PUT /api/admin/users/:id/role`. */
export const RoleBody = z.object({ role, reason: reason.optional() }).strict();
/** Body of `POST /api/admin/users/:id/disable`: the reason is kept in the audit log. */
export const DisableBody = z.object({ reason }).strict();
/** Body of `POST /api/admin/users/:id/enable` (optional). */
export const EnableBody = z.object({ reason: reason.optional() }).strict().default({});

const users = { tags: ["Users"], roles: ADMIN };

/** `{user, changed}`: the user after a change. */
const UserChanged = z.object({ user: AdminUser, changed }).openapi("AdminUserChanged");

const list = declare({
  ...users,
  method: "get",
  path: "/api/admin/users",
  summary: "Search users by email or name, newest first (admins)",
  request: { query: UserListQuery },
  responses: { 200: jsonResponse("A page of users", pageOf(AdminUser)) },
});

const read = declare({
  ...users,
  method: "get",
  path: "/api/admin/users/{id}",
  summary: "A user with their recent audit trail (admins)",
  request: { params: UserIdParam },
  responses: {
    200: jsonResponse(
      "The user and their newest 50 audit entries",
      z.object({ user: AdminUser, audit: z.array(AuditEntry) }),
    ),
  },
});

const role_ = declare({
  ...users,
  method: "put",
  path: "/api/admin/users/{id}/role",
  summary: "Change a user's role; their earlier access tokens stop working (admins)",
  request: { params: UserIdParam, body: jsonBody(RoleBody) },
  responses: { 200: jsonResponse("The user after the change", UserChanged) },
});

const disable = declare({
  ...users,
  method: "post",
  path: "/api/admin/users/{id}/disable",
  summary: "Disable an account: sign-in refused, sessions revoked at once (admins)",
  request: { params: UserIdParam, body: jsonBody(DisableBody) },
  responses: { 200: jsonResponse("The user after the change", UserChanged) },
});

const enable = declare({
  ...users,
  method: "post",
  path: "/api/admin/users/{id}/enable",
  summary: "Let a disabled account sign in again (admins)",
  request: { params: UserIdParam, body: jsonBody(EnableBody) },
  responses: { 200: jsonResponse("The user after the change", UserChanged) },
});

/** Who changes which user, from the request. */
function change(c: Context<AppEnv>, userId: string, reason?: string) {
  return { actorId: c.get("principal").userId!, userId, reason, requestId: c.get("requestId") };
}

/**
 * `/api/admin/users`: search users, see one with its audit trail, change roles, disable and
 * enable accounts (admins only). Changes bite at once: the user's earlier access tokens are
 * refused (services/accounts/session_epochs.ts).
 */
export function adminUserRoutes(deps: AppDeps) {
  const admin: UserAdminDeps = { sql: deps.db.sql, store: deps.store, clock: deps.clock };
  return router()
    .openapi(list, async (c) => {
      const page = await findUsers(deps.db.sql, c.req.valid("query"));
      c.header("Cache-Control", "no-store");
      return c.json(page);
    })
    .openapi(read, async (c) => {
      const found = await userWithAudit(deps.db.sql, c.req.valid("param").id);
      c.header("Cache-Control", "no-store");
      return c.json(found);
    })
    .openapi(role_, async (c) => {
      const { role, reason } = c.req.valid("json");
      return c.json(
        await changeUserRole(admin, { ...change(c, c.req.valid("param").id, reason), role }),
      );
    })
    .openapi(disable, async (c) => {
      const { reason } = c.req.valid("json");
      return c.json(await disableUser(admin, { ...change(c, c.req.valid("param").id), reason }));
    })
    .openapi(enable, async (c) => {
      const { reason } = c.req.valid("json");
      return c.json(await enableUser(admin, change(c, c.req.valid("param").id, reason)));
    });
}
