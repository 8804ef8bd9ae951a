import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import { serveStatic } from "hono/deno";
import { AppError } from "../domain/app_error.ts";
import type { AppDeps, AppEnv } from "./context.ts";
import { requestContext } from "./middleware/request_context.ts";
import { onError, onNotFound } from "./problem.ts";
import { healthRoutes } from "./api/health.ts";
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
import { apiDocsRoutes } from "./pages/api_docs.tsx";
import { authenticate } from "./middleware/auth.ts";
import { authorize } from "./access.ts";
import { homePage } from "./pages/home.tsx";

const MAX_BODY_BYTES = 1024 * 1024;

/** Builds the whole HTTP application from its dependencies; no I/O happens here. */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(requestContext({ log: deps.log }));
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
      strictTransportSecurity: deps.config.env === "production"
        ? "max-age=63072000; includeSubDomains"
        : false,
    }),
  );
  app.use(
    "/api/*",
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new AppError(413, "payload_too_large", {
          detail: `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`,
        });
      },
    }),
  );
  app.onError(onError);
  app.notFound(onNotFound);

  const secret = deps.config.jwtSecret;
  if (!secret) throw new Error("createApp needs config.jwtSecret");
  app.use("/api/*", authenticate({ secret, now: () => deps.clock.now() }), authorize());

  app.use("/static/*", serveStatic({ root: "./" }));
  app.route("/", healthRoutes(deps));
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
  app.route("/api/admin", adminFlightStatusRoutes(deps));
  app.route("/api/admin", opsStreamRoutes(deps));
  app.route("/api/admin", adminMailboxRoutes(deps));
  app.route("/api/recommendations", recommendationRoutes(deps));
  app.route("/api", apiDocsRoutes());
  app.route("/", homePage(deps));
  return app;
}
