import { AdminLayout } from "../../../../components/AdminLayout.tsx";
import { POSITIONS, roleLabel } from "../../../../components/CrewViews.tsx";
import { Pager } from "../../../../islands/parts/Pager.tsx";
import type { CrewMemberView } from "../../../../domain/views/crew.ts";
import { crewRoster } from "../../../../services/crew/crew_roster.ts";
import { CrewListQuery } from "../../../../services/crew/crew_input.ts";
import { definePage, STAFF } from "../../../define_page.ts";
import { renderPage } from "../../../render.tsx";
import { parseQuery } from "../_query.ts";

interface MembersData {
  members: CrewMemberView[];
  total: number;
  page: number;
  pages: number;
  q?: string;
  role?: string;
  base?: string;
}

function MembersPage({ data }: { data: MembersData }) {
  return (
    <AdminLayout title="Crew members">
      <p>
        <a href="/admin/crew">Crew board</a>
      </p>
      <h1>Crew members</h1>
      <form class="filter" method="get" action="/admin/crew/members">
        <label>
          Name or number <input type="search" name="q" value={data.q ?? ""} />
        </label>
        <label>
          Role
          <select name="role">
            <option value="">Any</option>
            {POSITIONS.map((r) => (
              <option key={r} value={r} selected={r === data.role}>{roleLabel(r)}</option>
            ))}
          </select>
        </label>
        <label>
          Home base <input name="base" value={data.base ?? ""} maxLength={3} placeholder="FRA" />
        </label>
        <button type="submit">Show crew</button>
      </form>
      <p>{data.total} crew member(s).</p>
      <table class="data">
        <caption class="visually-hidden">Crew members with home base and type ratings</caption>
        <thead>
          <tr>
            <th scope="col">Employee</th>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Home base</th>
            <th scope="col">Type ratings</th>
            <th scope="col">Active</th>
          </tr>
        </thead>
        <tbody>
          {data.members.map((m) => (
            <tr key={m.id}>
              <td>{m.employeeNumber}</td>
              <th scope="row">
                <a href={`/admin/crew/timeline/${m.id}`}>{m.name}</a>
              </th>
              <td>{roleLabel(m.role)}</td>
              <td>{m.homeBase}</td>
              <td>{m.typeRatings.join(", ") || "–"}</td>
              <td>{m.active ? "Yes" : "No"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager
        path="/admin/crew/members"
        query={{ q: data.q, role: data.role, base: data.base }}
        page={data.page}
        pages={data.pages}
      />
    </AdminLayout>
  );
}

/** `GET /admin/crew/members`: the roster, filterable by name, role and home base. */
export const page = definePage({
  path: "/admin/crew/members",
  roles: STAFF,
  handlers: (deps) => ({
    GET: async (c) => {
      const { limit, page, ...filter } = parseQuery(CrewListQuery, c.req.query());
      const { data: members, total } = await crewRoster(deps.db.sql, {
        ...filter,
        limit,
        offset: (page - 1) * limit,
      });
      const data = { members, total, page, pages: Math.ceil(total / limit), ...filter };
      return renderPage(c, <MembersPage data={data} />);
    },
  }),
});
