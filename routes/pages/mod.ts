/**
 * Every server-rendered page, registered from one list. A page's file follows its URL
 * (Fresh's convention): each path segment is a folder, a `:param` segment is written `[param]`,
 * a URL with pages below it is its folder's `index.tsx` (`/` is `index.tsx`, `/trips/:bookingId`
 * is `trips/[bookingId]/index.tsx`), any other URL is `<last segment>.tsx`; names starting with
 * `_` are helpers, not pages. tests/routes/page_roles_test.ts checks the list against the files.
 * Every page runs behind pageSession (cookie session, CSRF on every form post). The one page
 * not listed, `/api/docs`, is declared with the API (routes/api/docs.tsx).
 */
import { Hono } from "hono";
import type { AppDeps, AppEnv } from "../context.ts";
import { byPrecedence, mountPage, type Page } from "../define_page.ts";
import { notificationBadge } from "../middleware/notification_badge.ts";
import { page as homePage } from "./index.tsx";
import { page as accountPage } from "./account/index.tsx";
import { page as accountDeletePage } from "./account/delete.tsx";
import { page as accountDeletedPage } from "./account/deleted.tsx";
import { page as accountNotificationsPage } from "./account/notifications/index.tsx";
import { page as accountNotificationsByIdReadPage } from "./account/notifications/[id]/read.ts";
import { page as accountNotificationsReadAllPage } from "./account/notifications/read-all.ts";
import { page as accountPreferencesPage } from "./account/preferences.tsx";
import { page as adminPage } from "./admin/index.tsx";
import { page as adminAircraftPage } from "./admin/aircraft/index.tsx";
import { page as adminAircraftByRegistrationPage } from "./admin/aircraft/[registration].tsx";
import { page as adminAircraftTypesPage } from "./admin/aircraft-types/index.tsx";
import { page as adminAircraftTypesByCodePage } from "./admin/aircraft-types/[code]/index.tsx";
import { page as adminAircraftTypesNewPage } from "./admin/aircraft-types/new.tsx";
import { page as adminConfigurationsNewPage } from "./admin/aircraft-types/[code]/configurations/new.tsx";
import { page as adminConfigurationsByConfigPage } from "./admin/aircraft-types/[code]/configurations/[config]/index.tsx";
import { page as adminConfigurationSeatFeesPage } from "./admin/aircraft-types/[code]/configurations/[config]/seat-fees.ts";
import { page as adminCrewPage } from "./admin/crew/index.tsx";
import { page as adminCrewFlightsByIdPage } from "./admin/crew/flights/[id]/index.tsx";
import { page as adminCrewFlightsByIdAssignPage } from "./admin/crew/flights/[id]/assign.tsx";
import { page as adminCrewFlightsByIdUnassignPage } from "./admin/crew/flights/[id]/unassign.ts";
import { page as adminCrewMembersPage } from "./admin/crew/members.tsx";
import { page as adminCrewPlanPage } from "./admin/crew/plan/index.tsx";
import { page as adminCrewPlanAcceptPage } from "./admin/crew/plan/accept.tsx";
import { page as adminCrewTimelineByIdPage } from "./admin/crew/timeline/[id].tsx";
import { page as adminFlightsPage } from "./admin/flights/index.tsx";
import { page as adminFlightsByIdPage } from "./admin/flights/[id]/index.tsx";
import { page as adminFlightsByIdDeletePage } from "./admin/flights/[id]/delete.ts";
import { page as adminFlightsByIdManifestPage } from "./admin/flights/[id]/manifest.tsx";
import { page as adminFlightsByIdStatusPage } from "./admin/flights/[id]/status.ts";
import { page as adminFlightsByIdAircraftPage } from "./admin/flights/[id]/aircraft.tsx";
import { page as adminFlightsByIdCancelPage } from "./admin/flights/[id]/cancel.tsx";
import { page as adminFlightsNewPage } from "./admin/flights/new.tsx";
import { page as adminFlightsRecurringPage } from "./admin/flights/recurring.tsx";
import { page as adminFlightsUploadPage } from "./admin/flights/upload.tsx";
import { page as adminJobsByIdPage } from "./admin/jobs/[id]/index.tsx";
import { page as adminJobsByIdUndoPage } from "./admin/jobs/[id]/undo.ts";
import { page as adminMailboxPage } from "./admin/mailbox/index.tsx";
import { page as adminMailboxByIdPage } from "./admin/mailbox/[id].tsx";
import { page as adminOpsPage } from "./admin/ops/index.tsx";
import { page as adminOpsFlightsByIdPage } from "./admin/ops/flights/[id]/index.tsx";
import { page as adminOpsFlightsByIdStatusPage } from "./admin/ops/flights/[id]/status.ts";
import { page as adminUsersPage } from "./admin/users/index.tsx";
import { page as adminUsersByIdPage } from "./admin/users/[id].tsx";
import { page as bookByFlightIdPage } from "./book/[flightId].tsx";
import { page as bookJourneyPage } from "./book/journey.tsx";
import { page as checkoutByBookingIdPage } from "./checkout/[bookingId]/index.tsx";
import { page as checkoutByBookingIdHoldAgainPage } from "./checkout/[bookingId]/hold-again.tsx";
import { page as flightsByIdPage } from "./flights/[id].tsx";
import { page as loginPage } from "./login.tsx";
import { page as logoutPage } from "./logout.ts";
import { page as registerPage } from "./register.tsx";
import { page as searchPage } from "./search/index.tsx";
import { page as searchMonthPage } from "./search/month.tsx";
import { page as tripsPage } from "./trips/index.tsx";
import { page as tripsByBookingIdPage } from "./trips/[bookingId]/index.tsx";
import { page as tripsByBookingIdCancelPage } from "./trips/[bookingId]/cancel.tsx";
import { page as tripsByBookingIdCheckInPage } from "./trips/[bookingId]/check-in.ts";
import { page as tripsByBookingIdBoardingPassesPage } from "./trips/[bookingId]/boarding-passes/index.tsx";
import { page as tripsByBookingIdBoardingPassesByTicketPage } from "./trips/[bookingId]/boarding-passes/[ticket].tsx";
import { page as tripsLookupPage } from "./trips/lookup/index.tsx";
import { page as tripsLookupTripPage } from "./trips/lookup/trip.tsx";
import { page as tripsLookupCheckInPage } from "./trips/lookup/check-in.ts";
import { page as tripsLookupCancelPage } from "./trips/lookup/cancel.tsx";
import { page as tripsLookupForgetPage } from "./trips/lookup/forget.ts";
import { page as tripsLookupItineraryPage } from "./trips/lookup/itinerary.ics.ts";
import { page as tripsLookupBoardingPassesPage } from "./trips/lookup/boarding-passes/index.tsx";
import { page as tripsLookupBoardingPassesByTicketPage } from "./trips/lookup/boarding-passes/[ticket].tsx";

/** Every page, in any order: byPrecedence decides the order they are registered in. */
export const PAGES: readonly Page[] = [
  homePage,
  accountPage,
  accountDeletePage,
  accountDeletedPage,
  accountNotificationsPage,
  accountNotificationsByIdReadPage,
  accountNotificationsReadAllPage,
  accountPreferencesPage,
  adminPage,
  adminAircraftPage,
  adminAircraftByRegistrationPage,
  adminAircraftTypesPage,
  adminAircraftTypesByCodePage,
  adminAircraftTypesNewPage,
  adminConfigurationsNewPage,
  adminConfigurationsByConfigPage,
  adminConfigurationSeatFeesPage,
  adminCrewPage,
  adminCrewFlightsByIdPage,
  adminCrewFlightsByIdAssignPage,
  adminCrewFlightsByIdUnassignPage,
  adminCrewMembersPage,
  adminCrewPlanPage,
  adminCrewPlanAcceptPage,
  adminCrewTimelineByIdPage,
  adminFlightsPage,
  adminFlightsByIdPage,
  adminFlightsByIdDeletePage,
  adminFlightsByIdManifestPage,
  adminFlightsByIdStatusPage,
  adminFlightsByIdAircraftPage,
  adminFlightsByIdCancelPage,
  adminFlightsNewPage,
  adminFlightsRecurringPage,
  adminFlightsUploadPage,
  adminJobsByIdPage,
  adminJobsByIdUndoPage,
  adminMailboxPage,
  adminMailboxByIdPage,
  adminOpsPage,
  adminOpsFlightsByIdPage,
  adminOpsFlightsByIdStatusPage,
  adminUsersPage,
  adminUsersByIdPage,
  bookByFlightIdPage,
  bookJourneyPage,
  checkoutByBookingIdPage,
  checkoutByBookingIdHoldAgainPage,
  flightsByIdPage,
  loginPage,
  logoutPage,
  registerPage,
  searchPage,
  searchMonthPage,
  tripsPage,
  tripsByBookingIdPage,
  tripsByBookingIdCancelPage,
  tripsByBookingIdCheckInPage,
  tripsByBookingIdBoardingPassesPage,
  tripsByBookingIdBoardingPassesByTicketPage,
  tripsLookupPage,
  tripsLookupTripPage,
  tripsLookupCheckInPage,
  tripsLookupCancelPage,
  tripsLookupForgetPage,
  tripsLookupItineraryPage,
  tripsLookupBoardingPassesPage,
  tripsLookupBoardingPassesByTicketPage,
];

/** The pages as one Hono app, each behind its declared roles. */
export function pageRoutes(deps: AppDeps): Hono<AppEnv> {
  // The header bell's unread count, for every page a signed-in user sees.
  const app = new Hono<AppEnv>().use("*", notificationBadge(deps));
  for (const page of byPrecedence(PAGES)) mountPage(app, page, deps);
  return app;
}
