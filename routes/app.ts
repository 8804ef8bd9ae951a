import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import { serveStatic } from "hono/deno";
import { every } from "hono/combine";
import { AppError } from "../domain/app_error.ts";
import type { AppDeps, AppEnv } from "./context.ts";
import { requestContext } from "./middleware/request_context.ts";
import { requestTimeout } from "./middleware/request_timeout.ts";
import { transport } from "./middleware/transport.ts";
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
import { adminScheduleRoutes } from "./api/admin_schedule.ts";
import { adminFlightInventoryRoutes } from "./api/admin_flight_inventory.ts";
import { adminFlightMessageRoutes } from "./api/admin_flight_messages.ts";
import { adminDisruptionRoutes } from "./api/admin_disruptions.ts";
import { adminUserRoutes } from "./api/admin_users.ts";
import { adminAirportRoutes } from "./api/admin_airports.ts";
import { adminAircraftTypeRoutes } from "./api/admin_aircraft_types.ts";
import { adminAircraftRoutes } from "./api/admin_aircraft.ts";
import { adminReportRoutes } from "./api/admin_reports.ts";
import { adminJobRoutes, BULK_UPLOAD_PATH } from "./api/admin_jobs.ts";
import { adminCrewRoutes } from "./api/admin_crew.ts";
import { adminCrewPlanningRoutes } from "./api/admin_crew_planning.ts";
import { adminFlightCrewRoutes } from "./api/admin_flight_crew.ts";
import { apiDocsRoutes } from "./pages/api/docs.tsx";
import { authenticate } from "./middleware/auth.ts";
import { sessionEpochs } from "../services/accounts/session_epochs.ts";
import { authorize } from "./access.ts";
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

/** Builds the whole HTTP application from its dependencies; no I/O happens here. */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
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
  const apiAuth = every(authenticate({ secret, now: () => deps.clock.now(), epochs }), authorize());
  app.use("/api/*", apiAuth);
  const pages = pageSession({ deps, epochs });
  app.use("*", (c, next) => (wantsPage(c) ? pages(c, next) : next()));

  app.use("/static/*", serveStatic({ root: "./" }));
  app.route("/", healthRoutes(deps));
  app.route("/", metricsRoutes(deps, apiAuth));
  app.route("/api/auth", authRoutes(deps));
  app.route("/api/me", meRoutes(deps));
  app.route("/api/me", notificationStreamRoutes(deps));
  app.route("/api/me", notificationRoutes(deps));
  app.route("/api/me", preferenceRoutes(deps));
  app.route("/api", pushRoutes(deps));
  // Literal /search and /calendar before /api/flights/:id.
  app.route("/api/flights", searchRoutes(deps));
  app.route("/api/flights", flightRoutes(deps));
  app.route("/api/flights", waitlistRoutes(deps));
  app.route("/api/flights", flightStreamRoutes(deps));
  app.route("/api/airports", airportRoutes(deps));
  app.route("/api/bookings", bookingRoutes(deps));
  app.route("/api/bookings", paymentRoutes(deps));
  app.route("/api/bookings", checkInRoutes(deps));
  app.route("/api/admin", adminInventoryRoutes(deps));
  // Literal /flights/recurring (and /flights/bulk) before the /flights/:id patterns.
  app.route("/api/admin", adminJobRoutes(deps));
  app.route("/api/admin", adminScheduleRoutes(deps));
  app.route("/api/admin", adminFlightRoutes(deps));
  app.route("/api/admin", adminFlightInventoryRoutes(deps));
  app.route("/api/admin", adminFlightMessageRoutes(deps));
  app.route("/api/admin", adminDisruptionRoutes(deps));
  app.route("/api/admin", adminFlightStatusRoutes(deps));
  app.route("/api/admin", opsStreamRoutes(deps));
  app.route("/api/admin", adminMailboxRoutes(deps));
  app.route("/api/admin", adminUserRoutes(deps));
  app.route("/api/admin", adminAirportRoutes(deps));
  app.route("/api/admin", adminAircraftTypeRoutes(deps));
  app.route("/api/admin", adminAircraftRoutes(deps));
  app.route("/api/admin", adminReportRoutes(deps));
  // Literal /crew/shortfalls and /crew/auto-assign before /crew/:id.
  app.route("/api/admin", adminCrewPlanningRoutes(deps));
  app.route("/api/admin", adminCrewRoutes(deps));
  app.route("/api/admin", adminFlightCrewRoutes(deps));
  app.route("/api/recommendations", recommendationRoutes(deps));
  app.route("/api", apiDocsRoutes());
  app.route("/", pageRoutes(deps));
  return app;
}
