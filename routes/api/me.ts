import type { z } from "@hono/zod-openapi";
import { eraseMe, exportMyData, whoAmI } from "../../services/accounts/my_account.ts";
import { actorOf } from "../actor.ts";
import type { AppDeps } from "../context.ts";
import { declare, jsonResponse, router, SIGNED_IN } from "../declare.ts";
import { clearSessionCookies } from "../middleware/auth.ts";
import { AccountExport, MeResponse } from "../responses.ts";

const me = { tags: ["Accounts"], roles: SIGNED_IN };

const read = declare({
  ...me,
  method: "get",
  path: "/api/me",
  summary: "The signed-in user",
  responses: { 200: jsonResponse("The signed-in user", MeResponse) },
});

const exportData = declare({
  ...me,
  method: "get",
  path: "/api/me/export",
  summary: "Everything held about me (GDPR)",
  responses: {
    200: jsonResponse("A JSON attachment: account, bookings, payments, ...", AccountExport),
  },
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
  const account = { sql: deps.db.sql, clock: deps.clock, store: deps.store };
  return router()
    .openapi(read, async (c) => c.json({ user: await whoAmI(account, actorOf(c)) }))
    .openapi(exportData, async (c) => {
      const { userId, export: data } = await exportMyData(account, actorOf(c));
      c.header("Content-Disposition", `attachment; filename="contrail-export-${userId}.json"`);
      c.header("Cache-Control", "no-store");
      // Rows as stored (their Dates go out as ISO strings): typed loosely by the repository.
      return c.json(data as unknown as z.infer<typeof AccountExport>);
    })
    .openapi(erase, async (c) => {
      await eraseMe(account, actorOf(c));
      clearSessionCookies(c);
      return c.body(null, 204);
    });
}
