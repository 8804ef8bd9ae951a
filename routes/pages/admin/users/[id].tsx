import type { Context } from "hono";
import { z } from "zod";
import {
  changeUserRole,
  disableUser,
  enableUser,
} from "../../../../services/accounts/user_admin.ts";
import { userProfile } from "../../../../services/accounts/user_directory.ts";
import { UserPage, type UserPageState } from "../../../../components/AdminUserPages.tsx";
import type { AppDeps, AppEnv } from "../../../context.ts";
import { ADMINS, definePage } from "../../../define_page.ts";
import { renderPage } from "../../../render.tsx";
import { formFailure, formFields, formValues } from "../_forms.ts";

const PATH =
  "/admin/users/:id{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}" as const;

const reason = z.string().trim().min(1, "give a reason: it is kept in the audit log").max(
  500,
  "at most 500 characters",
);
const UserForm = z.discriminatedUnion("action", [
  z.object({ action: z.literal("role"), role: z.enum(["passenger", "operator", "admin"]), reason }),
  z.object({ action: z.literal("disable"), reason }),
  z.object({ action: z.literal("enable"), reason }),
]);

const NOTICES: Record<string, string> = {
  role: "The role was changed; the user's earlier sessions stopped working.",
  disable: "The account was disabled and signed out everywhere.",
  enable: "The account was enabled; the user can sign in again.",
  unchanged: "Nothing changed: the account already was as asked.",
};

async function render(
  c: Context<AppEnv>,
  deps: AppDeps,
  id: string,
  state: UserPageState,
  status: 200 | 409 | 422 = 200,
) {
  const data = await userProfile(deps.db.sql, id);
  const self = c.get("principal").userId === id;
  return renderPage(c, <UserPage data={{ ...data, self }} state={state} />, status);
}

/** `/admin/users/:id`: one user with their audit trail; its forms change role and access. */
export const page = definePage({
  path: PATH,
  roles: ADMINS,
  handlers: (deps) => ({
    GET: (c) => {
      const notice = NOTICES[c.req.query("notice") ?? ""];
      return render(c, deps, c.req.param("id"), { notice });
    },
    POST: async (c) => {
      const id = c.req.param("id");
      const values = formValues(await formFields(c));
      const parsed = UserForm.safeParse(values);
      const field = values.action === "role" ? "role" : "access";
      if (!parsed.success) {
        const message = parsed.error.issues.map((i) => i.message).join("; ");
        return render(c, deps, id, { errors: { [field]: message } }, 422);
      }
      const form = parsed.data;
      const admin = { sql: deps.db.sql, store: deps.store, clock: deps.clock };
      const change = {
        actorId: c.get("principal").userId!,
        userId: id,
        reason: form.reason,
        requestId: c.get("requestId"),
      };
      try {
        const done = form.action === "role"
          ? await changeUserRole(admin, { ...change, role: form.role })
          : form.action === "disable"
          ? await disableUser(admin, change)
          : await enableUser(admin, change);
        const notice = done.changed ? form.action : "unchanged";
        return c.redirect(`/admin/users/${id}?notice=${notice}`, 303);
      } catch (err) {
        const { problem } = formFailure(err);
        return render(c, deps, id, { problem }, 409);
      }
    },
  }),
});
