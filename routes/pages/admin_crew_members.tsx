import { Hono } from "hono";
import { AdminLayout } from "../../components/AdminLayout.tsx";
import { POSITIONS, roleLabel } from "../../components/CrewViews.tsx";
import { Pager } from "../../components/Pager.tsx";
import { type CrewMemberView, listCrew } from "../../db/crew_repo.ts";
import { CrewListQuery } from "../../services/crew/crew_input.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { pageUser, renderPage } from "../render.tsx";
import { parseQuery } from "./admin_query.ts";

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
              <th scope="row">{m.name}</th>
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
export function adminCrewMembersPage(deps: AppDeps) {
  return new Hono<AppEnv>().get("/admin/crew/members", async (c) => {
    const user = pageUser(c, ["operator", "admin"]);
    if (user instanceof Response) return user;
    const { limit, page, ...filter } = parseQuery(CrewListQuery, c.req.query());
    const { data: members, total } = await listCrew(deps.db.sql, {
      ...filter,
      limit,
      offset: (page - 1) * limit,
    });
    const data = { members, total, page, pages: Math.ceil(total / limit), ...filter };
    return renderPage(c, <MembersPage data={data} />);
  });
}
