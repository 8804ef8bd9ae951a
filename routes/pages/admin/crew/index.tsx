import { CREW_NOTICES } from "../../../../components/CrewViews.tsx";
import { CrewBoardPage } from "../../../../components/CrewBoardPage.tsx";
import { crewBoard } from "../../../../services/crew/crew_board.ts";
import { definePage, STAFF } from "../../../define_page.ts";
import { renderPage } from "../../../render.tsx";
import { DayQuery, filledQuery, queryProblems, today } from "../_query.ts";

const PAGE_SIZE = 25;

/** `GET /admin/crew`: a day's flights with their crew, shortfalls and legality warnings. */
export const page = definePage({
  path: "/admin/crew",
  roles: STAFF,
  handlers: (deps) => ({
    GET: async (c) => {
      const day = today(deps.clock.now());
      const parsed = DayQuery.safeParse(filledQuery(c.req.query()));
      const url = new URL(c.req.url);
      url.searchParams.delete("notice");
      const base = {
        date: day,
        page: 1,
        pages: 0,
        total: 0,
        flights: [],
        back: url.pathname + url.search,
        notice: CREW_NOTICES[c.req.query("notice") ?? ""],
      };
      if (!parsed.success) {
        const errors = queryProblems(parsed.error);
        return renderPage(c, <CrewBoardPage data={{ ...base, errors }} />, 400);
      }
      const q = parsed.data;
      const date = q.date ?? day;
      const { flights, total } = await crewBoard(deps.db.sql, {
        date,
        origin: q.origin,
        shortOnly: !!q.short,
        limit: PAGE_SIZE,
        offset: (q.page - 1) * PAGE_SIZE,
      });
      const data = {
        ...base,
        ...q,
        date,
        flights,
        total,
        pages: Math.ceil(total / PAGE_SIZE),
        errors: [],
      };
      return renderPage(c, <CrewBoardPage data={data} />);
    },
  }),
});
