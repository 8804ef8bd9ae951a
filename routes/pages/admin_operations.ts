import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../context.ts";
import { adminAircraftListPage } from "./admin_aircraft_list.tsx";
import { adminAircraftEditPages } from "./admin_aircraft_edit.tsx";
import { adminCrewBoardPage } from "./admin_crew_board.tsx";
import { adminCrewFlightPages } from "./admin_crew_flight.tsx";
import { adminCrewMembersPage } from "./admin_crew_members.tsx";
import { adminCrewPlanPages } from "./admin_crew_plan.tsx";
import { adminOpsBoardPage } from "./admin_ops_board.tsx";
import { adminOpsFlightPages } from "./admin_ops_flight.tsx";

/**
 * The operations pages of the admin area: aircraft types and seat layouts, the crew board,
 * and the operations board. Literal paths come before the `:param` ones of the same prefix.
 */
export function adminOperationsPages(deps: AppDeps) {
  return new Hono<AppEnv>()
    .route("/", adminAircraftListPage(deps))
    .route("/", adminAircraftEditPages(deps))
    .route("/", adminCrewBoardPage(deps))
    .route("/", adminCrewMembersPage(deps))
    .route("/", adminCrewPlanPages(deps))
    .route("/", adminCrewFlightPages(deps))
    .route("/", adminOpsBoardPage(deps))
    .route("/", adminOpsFlightPages(deps));
}
