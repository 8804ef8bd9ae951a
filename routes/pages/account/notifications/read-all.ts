import { readAll } from "../../../../services/notifications/inbox.ts";
import { definePage, SIGNED_IN } from "../../../define_page.ts";
import { actorOf } from "../../../actor.ts";
import { backTo, seqParam } from "./_links.ts";

/** `POST /account/notifications/read-all`: the list's "mark all read" form. */
export const page = definePage({
  path: "/account/notifications/read-all",
  roles: SIGNED_IN,
  handlers: (deps) => ({
    POST: async (c) => {
      const form = await c.req.parseBody();
      // Only what the page showed: a notification that arrived since stays unread.
      await readAll({ sql: deps.db.sql, clock: deps.clock }, actorOf(c), seqParam.parse(form.upTo));
      return c.redirect(backTo(undefined, "all"), 303);
    },
  }),
});
