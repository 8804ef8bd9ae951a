import type { Context } from "hono";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import { AppError } from "../domain/app_error.ts";
import type { AppDeps, AppEnv } from "./context.ts";
import { requestContext } from "./middleware/request_context.ts";
import { requestTimeout } from "./middleware/request_timeout.ts";
import { transport } from "./middleware/transport.ts";
import { compress } from "./middleware/compress.ts";
import { conditional } from "./middleware/conditional.ts";
import { staticFiles } from "./static_files.ts";
import { httpMetrics } from "./middleware/http_metrics.ts";
import { onError, onNotFound } from "./problem.ts";
import { healthRoutes } from "./api/health.ts";
import { metricsRoutes } from "./api/metrics.ts";
import { flightRoutes } from "./api/flights.ts";
import { authRoutes } from "./api/auth.ts";
import { meRoutes } from "./api/me.ts";
import { airportRoutes } from "./api/airports.ts";
import { searchRoutes } from "./api/search.ts";
import { waitlistRoutes } from "./api/waitlist.ts";
import { bookingRoutes } from "./api/bookings.ts";
import { paymentRoutes } from "./api/booking_payment.ts";
import { checkInRoutes } from "./api/checkin.ts";
import { tripLookupRoutes } from "./api/trip_lookup.ts";
import { adminBookingRoutes } from "./api/admin_bookings.ts";
import { adminInventoryRoutes } from "./api/admin_inventory.ts";
import { recommendationRoutes } from "./api/recommendations.ts";
import { flightStreamRoutes } from "./api/flight_streams.ts";
import { notificationStreamRoutes } from "./api/notification_stream.ts";
import { adminFlightStatusRoutes } from "./api/admin_flight_status.ts";
import { opsStreamRoutes } from "./api/ops_stream.ts";
import { notificationRoutes } from "./api/notifications.ts";
import { preferenceRoutes } from "./api/notification_preferences.ts";
import { pushRoutes } from "./api/push.ts";
import { adminMailboxRoutes } from "./api/admin_mailbox.ts";
import { adminFlightRoutes } from "./api/admin_flights.ts";
import { adminManifestRoutes } from "./api/admin_manifest.ts";
import { adminScheduleRoutes } from "./api/admin_schedule.ts";
import { adminFlightInventoryRoutes } from "./api/admin_flight_inventory.ts";
import { adminFlightMessageRoutes } from "./api/admin_flight_messages.ts";
import { adminDisruptionRoutes } from "./api/admin_disruptions.ts";
import { adminUserRoutes } from "./api/admin_users.ts";
import { adminAirportRoutes } from "./api/admin_airports.ts";
import { adminAircraftTypeRoutes } from "./api/admin_aircraft_types.ts";
import { adminAircraftConfigurationRoutes } from "./api/admin_aircraft_configurations.ts";
import { adminDisruptionPreviewRoutes } from "./api/admin_disruption_previews.ts";
import { adminSeatFeeRoutes } from "./api/admin_seat_fees.ts";
import { adminAircraftRoutes } from "./api/admin_aircraft.ts";
import { adminReportRoutes } from "./api/admin_reports.ts";
import { adminJobRoutes, BULK_UPLOAD_PATH } from "./api/admin_jobs.ts";
import { adminImportActionRoutes } from "./api/admin_import_actions.ts";
import { adminCrewRoutes } from "./api/admin_crew.ts";
import { adminCrewPlanningRoutes } from "./api/admin_crew_planning.ts";
import { adminFlightCrewRoutes } from "./api/admin_flight_crew.ts";
import { apiDocsRoutes } from "./api/docs.tsx";
import { authenticate } from "./middleware/auth.ts";
import { sessionEpochs } from "../services/accounts/session_epochs.ts";
import { router } from "./declare.ts";
import { pageRoutes } from "./pages/mod.ts";
import { pageSession } from "./middleware/page_session.ts";
import { isStreamedForm } from "./middleware/streamed_form.ts";
import { wantsPage } from "./error_page.tsx";

const MAX_BODY_BYTES = 1024 * 1024;

/** Uploads whose body streams under the handler's own, larger limit (never buffered whole). */
function streamsBody(c: Context<AppEnv>): boolean {
  return c.req.path === BULK_UPLOAD_PATH ||
    isStreamedForm(c.req.path, c.req.header("content-type"));
}

/**
 * The API's routers, in mounting order. Every endpoint declares its full path; where two
 * patterns could match one URL (a literal segment where another has a `:param`), the literal
 * one is mounted first: tests/routes/route_order_test.ts fails on any path shadowed by an
 * earlier pattern.
 */
function apiRouters(deps: AppDeps) {
  return [
    authRoutes(deps),
    meRoutes(deps),
    notificationStreamRoutes(deps),
    notificationRoutes(deps),
    preferenceRoutes(deps),
    pushRoutes(deps),
    searchRoutes(deps), // /api/flights/search, /calendar before /api/flights/:id
    flightRoutes(deps),
    waitlistRoutes(deps),
    flightStreamRoutes(deps),
    airportRoutes(deps),
    bookingRoutes(deps), // /api/bookings/lookup before /api/bookings/:id
    tripLookupRoutes(deps), // /api/bookings/lookup/… before /api/bookings/:id/…
    paymentRoutes(deps),
    checkInRoutes(deps),
    adminInventoryRoutes(deps),
    adminJobRoutes(deps),
    adminImportActionRoutes(deps),
    adminScheduleRoutes(deps),
    adminFlightRoutes(deps),
    adminManifestRoutes(deps),
    adminFlightInventoryRoutes(deps),
    adminFlightMessageRoutes(deps),
    adminDisruptionRoutes(deps),
    adminFlightStatusRoutes(deps),
    opsStreamRoutes(deps),
    adminMailboxRoutes(deps),
    adminBookingRoutes(deps),
    adminUserRoutes(deps),
    adminAirportRoutes(deps),
    adminAircraftTypeRoutes(deps),
    adminAircraftConfigurationRoutes(deps),
    adminDisruptionPreviewRoutes(deps),
    adminSeatFeeRoutes(deps),
    adminAircraftRoutes(deps),
    adminReportRoutes(deps),
    adminCrewPlanningRoutes(deps), // /crew/shortfalls, /crew/auto-assign before /crew/:id
    adminCrewRoutes(deps),
    adminFlightCrewRoutes(deps),
    recommendationRoutes(deps),
  ];
}

/** Builds the whole HTTP application from its dependencies; no I/O happens here. */
export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = router();
  app.use(requestContext({ log: deps.log }));
  app.use(httpMetrics());
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
      xFrameOptions: "DENY",
      // Sent by transport() only on requests that came over TLS.
      strictTransportSecurity: false,
    }),
  );
  app.use(transport({ trustProxy: deps.config.trustProxy }));
  // Inside compress, so an ETag is the identity body's and a 304 is never encoded.
  app.use(compress());
  app.use(conditional());
  // Event streams answer at once and then stay open; uploads may take minutes to arrive.
  app.use(requestTimeout({
    ms: deps.config.requestTimeoutMs,
    exempt: (c) => streamsBody(c) || c.req.path.endsWith("/stream"),
  }));
  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new AppError(413, "payload_too_large", {
        detail: `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`,
      });
    },
  });
  // The CSV bulk upload streams its body under its own, larger limit (never buffered whole).
  app.use(
    "*",
    (c, next) => streamsBody(c) || c.req.path.startsWith("/static/") ? next() : limitBody(c, next),
  );
  app.onError(onError);
  app.notFound(onNotFound);

  const secret = deps.config.jwtSecret;
  if (!secret) throw new Error("createApp needs config.jwtSecret");
  const epochs = sessionEpochs(deps.store);
  // Who is calling; each endpoint's declaration then says which roles may (routes/declare.ts).
  const identify = authenticate({ secret, now: () => deps.clock.now(), epochs });
  app.use("/api/*", identify);
  const pages = pageSession({ deps, epochs });
  app.use("*", (c, next) => (wantsPage(c) ? pages(c, next) : next()));

  app.use("/static/*", staticFiles());
  app.route("/", healthRoutes(deps));
  app.route("/", metricsRoutes(deps, identify));
  for (const api of apiRouters(deps)) app.route("/", api);
  app.route("/", apiDocsRoutes(app));
  app.route("/", pageRoutes(deps));
  return app;
}
