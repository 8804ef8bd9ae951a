/** The admins' user pages: the searchable list and one user with their trail and controls. */
import type { AdminUser, AuditView } from "../services/accounts/user_directory.ts";
import { Field, FormProblem, Notice, SelectField } from "../islands/parts/AdminForm.tsx";
import { AdminLayout } from "./AdminLayout.tsx";
import { CsrfField } from "./Layout.tsx";
import { formatUtc } from "../islands/client/time_format.ts";

/** The roles, as the role filter and the role form offer them. */
export const ROLE_OPTIONS = [
  ["passenger", "Passenger"],
  ["operator", "Operator"],
  ["admin", "Admin"],
] as const;

const status = (u: AdminUser) => u.disabled ? "disabled" : "active";

/** What the list page shows. */
export interface UserListData {
  users: AdminUser[];
  query: Record<string, string>;
  /** The query string of the next page, when there is one. */
  nextHref?: string;
  /** Whether this is a later page (a link back to the first is shown). */
  later: boolean;
}

/** `/admin/users`: search by email or name, filter by role and status, newest first. */
export function UserListPage({ users, query, nextHref, later }: UserListData) {
  return (
    <AdminLayout title="Users">
      <h1>Users</h1>
      <form method="get" action="/admin/users" class="filters" role="search">
        <Field label="Email or name" name="q" type="search" value={query.q} maxLength={100} />
        <SelectField
          label="Role"
          name="role"
          value={query.role}
          options={[["", "Any role"], ...ROLE_OPTIONS]}
        />
        <SelectField
          label="Status"
          name="status"
          value={query.status}
          options={[["", "Any status"], ["active", "Active"], ["disabled", "Disabled"]]}
        />
        <button type="submit">Search</button>
      </form>
      {users.length === 0 ? <p class="empty">No users match.</p> : (
        <table class="data">
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Joined (UTC)</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <th scope="row">
                  <a href={`/admin/users/${u.id}`}>{u.email}</a>
                </th>
                <td>{u.name}</td>
                <td>{u.role}</td>
                <td>{status(u)}</td>
                <td>{formatUtc(u.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav class="pager" aria-label="Pages">
        {later && <a href={firstHref(query)}>First page</a>}
        {nextHref && <a href={nextHref} rel="next">Next page</a>}
      </nav>
    </AdminLayout>
  );
}

function firstHref(query: Record<string, string>): string {
  const q = new URLSearchParams(query);
  q.delete("after");
  const s = q.toString();
  return s ? `/admin/users?${s}` : "/admin/users";
}

/** What the user page shows besides the user: a notice, or a refused form's problem. */
export interface UserPageState {
  notice?: string;
  problem?: string;
  errors?: Record<string, string>;
}

/** What the user page shows. */
export interface UserPageData {
  user: AdminUser;
  about: AuditView[];
  by: AuditView[];
  bookings: { total: number; confirmed: number };
  /** The admin looking is this user: no controls (they cannot lock themselves out). */
  self: boolean;
}

/** `/admin/users/:id`: profile, controls, and the audit trail about and by the user. */
export function UserPage({ data, state }: { data: UserPageData; state: UserPageState }) {
  const u = data.user;
  return (
    <AdminLayout title={u.email}>
      <p>
        <a href="/admin/users">← All users</a>
      </p>
      <h1>
        {u.email} <span class={`status status-${status(u)}`}>{status(u)}</span>
      </h1>
      {state.notice && <Notice>{state.notice}</Notice>}
      <dl class="facts">
        <dt>Name</dt>
        <dd>{u.name}</dd>
        <dt>Role</dt>
        <dd>{u.role}</dd>
        <dt>Home airport</dt>
        <dd>{u.homeAirport ?? "–"}</dd>
        <dt>Joined</dt>
        <dd>{formatUtc(u.createdAt)}</dd>
        {u.disabledAt && <dt>Disabled</dt>}
        {u.disabledAt && <dd>{formatUtc(u.disabledAt)}</dd>}
        <dt>Bookings</dt>
        <dd>{data.bookings.total} ({data.bookings.confirmed} confirmed)</dd>
      </dl>
      <section aria-labelledby="access-heading">
        <h2 id="access-heading">Role and access</h2>
        {state.problem && <FormProblem>{state.problem}</FormProblem>}
        {data.self
          ? <p>This is your own account: another admin must change its role or disable it.</p>
          : <UserControls user={u} errors={state.errors ?? {}} />}
      </section>
      <AuditTable id="about" title="Changes to this user" entries={data.about} />
      <AuditTable id="by" title="Changes made by this user" entries={data.by} />
    </AdminLayout>
  );
}

function UserControls({ user, errors }: { user: AdminUser; errors: Record<string, string> }) {
  const action = `/admin/users/${user.id}`;
  return (
    <>
      <form method="post" action={action}>
        <CsrfField />
        <input type="hidden" name="action" value="role" />
        <SelectField label="Role" name="role" value={user.role} options={ROLE_OPTIONS} required />
        <Field label="Reason" name="reason" idPrefix="role" error={errors.role} required />
        <button type="submit">Change the role</button>
      </form>
      <form method="post" action={action}>
        <CsrfField />
        <input type="hidden" name="action" value={user.disabled ? "enable" : "disable"} />
        <Field
          label="Reason"
          name="reason"
          idPrefix="access"
          error={errors.access}
          hint={user.disabled ? undefined : "Signs the user out everywhere at once."}
          required
        />
        <button type="submit" class={user.disabled ? undefined : "danger"}>
          {user.disabled ? "Enable the account" : "Disable the account"}
        </button>
      </form>
    </>
  );
}

function AuditTable({ id, title, entries }: { id: string; title: string; entries: AuditView[] }) {
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {entries.length === 0 ? <p class="empty">None.</p> : (
        <table class="data">
          <thead>
            <tr>
              <th scope="col">When (UTC)</th>
              <th scope="col">What</th>
              <th scope="col">On</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{formatUtc(e.createdAt)}</td>
                <td>{e.action}</td>
                <td>{e.entityType} {e.entityId.slice(0, 8)}</td>
                <td>{typeof e.details.reason === "string" ? e.details.reason : "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
