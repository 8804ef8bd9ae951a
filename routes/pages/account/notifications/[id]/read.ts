import { NotificationIdParam, readOne } from "../../../../../services/notifications/inbox.ts";
import { definePage, SIGNED_IN } from "../../../../define_page.ts";
import { actorOf } from "../../../../actor.ts";
import { backTo } from "../_links.ts";
import { notFound } from "../../../../../domain/app_error.ts";

/** `POST /account/notifications/:id/read`: one notification's "mark read" form. */
export const page = definePage({
  path: "/account/notifications/:id/read",
  roles: SIGNED_IN,
  handlers: (deps) => ({
    POST: async (c) => {
      const id = NotificationIdParam.safeParse({ id: c.req.param("id") });
      if (!id.success) throw notFound("Notification");
      await readOne({ sql: deps.db.sql, clock: deps.clock }, actorOf(c), id.data.id);
      return c.redirect(backTo((await c.req.parseBody()).before, "read"), 303);
    },
  }),
});
