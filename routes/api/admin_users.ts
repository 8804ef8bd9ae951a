import { Hono } from "hono";
import { z } from "zod";
import { notFound } from "../../domain/app_error.ts";
import { getAdminUser, searchUsers } from "../../db/admin_users_repo.ts";
import { listAudit } from "../../db/audit_repo.ts";
import {
  changeUserRole,
  disableUser,
  enableUser,
  type UserAdminDeps,
} from "../../services/accounts/user_admin.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { validate } from "../problem.ts";

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

/** How many audit entries the user view shows. */
const AUDIT_ENTRIES = 50;

/**
 * `/api/admin/users`: search users, see one with its audit trail, change roles, disable and
 * enable accounts (admins only; see routes/access.ts). Changes bite at once: the user's
 * earlier access tokens are refused (services/accounts/session_epochs.ts).
 */
export function adminUserRoutes(deps: AppDeps) {
  const admin: UserAdminDeps = { sql: deps.db.sql, store: deps.store, clock: deps.clock };
  return new Hono<AppEnv>()
    .get("/users", validate("query", UserListQuery), async (c) => {
      const { q, role, status, page, limit } = c.req.valid("query");
      const { data, total } = await searchUsers(deps.db.sql, {
        q: q || undefined,
        role,
        status,
        limit,
        offset: (page - 1) * limit,
      });
      c.header("Cache-Control", "no-store");
      return c.json({ data, page, limit, total });
    })
    .get("/users/:id", validate("param", UserIdParam), async (c) => {
      const { id } = c.req.valid("param");
      const user = await getAdminUser(deps.db.sql, id);
      if (!user) throw notFound("User");
      const audit = await listAudit(deps.db.sql, "user", id, AUDIT_ENTRIES);
      c.header("Cache-Control", "no-store");
      return c.json({ user, audit });
    })
    .put(
      "/users/:id/role",
      validate("param", UserIdParam),
      validate("json", RoleBody),
      async (c) => {
        const body = c.req.valid("json");
        return c.json(
          await changeUserRole(admin, {
            actorId: c.get("principal").userId!,
            userId: c.req.valid("param").id,
            role: body.role,
            reason: body.reason,
            requestId: c.get("requestId"),
          }),
        );
      },
    )
    .post(
      "/users/:id/disable",
      validate("param", UserIdParam),
      validate("json", DisableBody),
      async (c) =>
        c.json(
          await disableUser(admin, {
            actorId: c.get("principal").userId!,
            userId: c.req.valid("param").id,
            reason: c.req.valid("json").reason,
            requestId: c.get("requestId"),
          }),
        ),
    )
    .post(
      "/users/:id/enable",
      validate("param", UserIdParam),
      validate("json", EnableBody),
      async (c) =>
        c.json(
          await enableUser(admin, {
            actorId: c.get("principal").userId!,
            userId: c.req.valid("param").id,
            reason: c.req.valid("json").reason,
            requestId: c.get("requestId"),
          }),
        ),
    );
}
