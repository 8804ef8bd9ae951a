import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../context.ts";
import { searchResultsPage } from "./search_results.tsx";
import { flightPage } from "./search_flight.tsx";

/** The passengers' search pages: `/search` results and `/flights/:id` with its seat map. */
export function searchPages(deps: AppDeps) {
  return new Hono<AppEnv>()
    .route("/", searchResultsPage(deps))
    .route("/", flightPage(deps));
}
