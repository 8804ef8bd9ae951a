import { z } from "zod";
import { CrewTimelinePage } from "../../../../../components/CrewTimelinePage.tsx";
import { addDays } from "../../../../../domain/time.ts";
import { crewTimeline, TIMELINE_DAYS } from "../../../../../services/crew/crew_roster.ts";
import { CrewIdParam } from "../../../../../services/crew/crew_input.ts";
import { definePage, STAFF } from "../../../../define_page.ts";
import { renderPage } from "../../../../render.tsx";
import { dateFilter, parseQuery, today } from "../../_query.ts";

const TimelineQuery = z.object({ from: dateFilter.optional() });

/** `GET /admin/crew/timeline/:id`: a member's week of duties, rest and whereabouts. */
export const page = definePage({
  path: "/admin/crew/timeline/:id",
  roles: STAFF,
  handlers: (deps) => ({
    GET: async (c) => {
      const { id } = parseQuery(CrewIdParam, { id: c.req.param("id") ?? "" });
      const q = parseQuery(TimelineQuery, c.req.query());
      const from = q.from ?? today(deps.clock.now());
      const timeline = await crewTimeline(deps.db.sql, { id, from });
      const data = {
        ...timeline,
        prev: addDays(from, -TIMELINE_DAYS),
        next: addDays(from, TIMELINE_DAYS),
      };
      return renderPage(c, <CrewTimelinePage data={data} />);
    },
  }),
});
