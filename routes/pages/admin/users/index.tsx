import { z } from "zod";
import { userListPage } from "../../../../services/accounts/user_directory.ts";
import { UserListPage } from "../../../../components/AdminUserPages.tsx";
import { ADMINS, definePage } from "../../../define_page.ts";
import { renderPage } from "../../../render.tsx";
import { filledQuery, parseQuery } from "../_query.ts";

const UserListQuery = z.object({
  q: z.string().trim().max(100, "at most 100 characters").optional(),
  role: z.enum(["passenger", "operator", "admin"]).optional(),
  status: z.enum(["active", "disabled"]).optional(),
  after: z.uuid({ message: "expected a user id" }).optional(),
});

/** `GET /admin/users`: users by email or name, role and status, newest first, by keyset. */
export const page = definePage({
  path: "/admin/users",
  roles: ADMINS,
  handlers: (deps) => ({
    GET: async (c) => {
      const raw = filledQuery(c.req.query());
      const q = parseQuery(UserListQuery, raw);
      const { users, next } = await userListPage(deps.db.sql, q);
      const query: Record<string, string> = {};
      for (const key of ["q", "role", "status"] as const) if (q[key]) query[key] = q[key];
      const nextHref = next
        ? `/admin/users?${new URLSearchParams({ ...query, after: next })}`
        : undefined;
      return renderPage(
        c,
        <UserListPage users={users} query={query} nextHref={nextHref} later={!!q.after} />,
      );
    },
  }),
});
