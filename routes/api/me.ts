import { Hono } from "hono";
import { AppError } from "../../domain/app_error.ts";
import { findUserById } from "../../db/users_repo.ts";
import { anonymizeUser, exportUserData } from "../../db/privacy_repo.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { clearSessionCookies } from "../middleware/auth.ts";

/** `/api/me`: who am I, export my data, erase my account. */
export function meRoutes(deps: AppDeps) {
  const me = async (userId: string | undefined) => {
    const user = userId && await findUserById(deps.db.sql, userId);
    if (!user) {
      throw new AppError(401, "unauthenticated", { detail: "This account no longer exists." });
    }
    return user;
  };
  return new Hono<AppEnv>()
    .get("/", async (c) => c.json({ user: await me(c.get("principal").userId) }))
    .get("/export", async (c) => {
      const user = await me(c.get("principal").userId);
      const data = await exportUserData(deps.db.sql, user.id);
      c.header("Content-Disposition", `attachment; filename="contrail-export-${user.id}.json"`);
      c.header("Cache-Control", "no-store");
      return c.json({ exportedAt: deps.clock.now().toISOString(), ...data });
    })
    .delete("/", async (c) => {
      const user = await me(c.get("principal").userId);
      await anonymizeUser(deps.db.sql, user.id, deps.clock.now(), c.get("requestId"));
      clearSessionCookies(c);
      return c.body(null, 204);
    });
}
