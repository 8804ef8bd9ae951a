import { notFound } from "../../../../../domain/app_error.ts";
import { markRead } from "../../../../../services/notifications/inbox.ts";
import { NotificationIdParam } from "../../../../../services/notifications/inbox.ts";
import { definePage, SIGNED_IN } from "../../../../define_page.ts";
import { backTo } from "../_links.ts";

/** `POST /account/notifications/:id/read`: one notification's "mark read" form. */
export const page = definePage({
  path: "/account/notifications/:id/read",
  roles: SIGNED_IN,
  handlers: (deps) => ({
    POST: async (c, user) => {
      const id = NotificationIdParam.safeParse({ id: c.req.param("id") });
      const read = id.success &&
        await markRead(deps.db.sql, user.id, id.data.id, deps.clock.now());
      if (!read) throw notFound("Notification");
      return c.redirect(backTo((await c.req.parseBody()).before, "read"), 303);
    },
  }),
});
