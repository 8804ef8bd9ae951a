import { eraseMe, exportMyData, whoAmI } from "../../services/accounts/my_account.ts";
import { actorOf } from "../actor.ts";
import type { AppDeps } from "../context.ts";
import { declare, router, SIGNED_IN } from "../declare.ts";
import { clearSessionCookies } from "../middleware/auth.ts";

const me = { tags: ["Accounts"], roles: SIGNED_IN };

const read = declare({
  ...me,
  method: "get",
  path: "/api/me",
  summary: "The signed-in user",
  responses: { 200: { description: "`{user}`" } },
});

const exportData = declare({
  ...me,
  method: "get",
  path: "/api/me/export",
  summary: "Everything held about me (GDPR)",
  responses: { 200: { description: "A JSON attachment: account, bookings, payments, ..." } },
});

const erase = declare({
  ...me,
  method: "delete",
  path: "/api/me",
  summary: "Erase my personal data",
  responses: { 204: { description: "Erased; session cookies cleared" } },
});

/** `/api/me`: who am I, export my data, erase my account. */
export function meRoutes(deps: AppDeps) {
  const account = { sql: deps.db.sql, clock: deps.clock };
  return router()
    .openapi(read, async (c) => c.json({ user: await whoAmI(account, actorOf(c)) }))
    .openapi(exportData, async (c) => {
      const { userId, export: data } = await exportMyData(account, actorOf(c));
      c.header("Content-Disposition", `attachment; filename="contrail-export-${userId}.json"`);
      c.header("Cache-Control", "no-store");
      return c.json(data);
    })
    .openapi(erase, async (c) => {
      await eraseMe(account, actorOf(c));
      clearSessionCookies(c);
      return c.body(null, 204);
    });
}
