import { z } from "@hono/zod-openapi";
import { MANIFEST_COLUMNS } from "../../domain/manifest.ts";
import { flightManifest, manifestFile } from "../../services/flights/flight_manifest.ts";
import type { AppDeps } from "../context.ts";
import { declare, router, STAFF } from "../declare.ts";
import { FlightIdParam } from "../schemas.ts";

const connecting = z.object({
  flight: z.string().meta({ description: "Carrier and number, e.g. CT 12" }),
  airport: z.string().meta({ description: "Where it comes from (inbound) or goes (outbound)" }),
  at: z.string().meta({ description: "Its arrival here (inbound) or departure (outbound)" }),
}).nullable();

/** One passenger on the manifest. */
const ManifestRow = z.object({
  bookingId: z.string(),
  pnr: z.string(),
  ticketNumber: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  dateOfBirth: z.string().nullable(),
  seat: z.string().nullable(),
  cabin: z.string(),
  status: z.enum(["open", "checked_in", "boarded", "flown"]),
  checkinSequence: z.number().int().nullable(),
  exitRow: z.boolean(),
  exitRowEligible: z.boolean().nullable().meta({
    description: "For an exit-row seat: may this passenger sit there (15 or older at departure)",
  }),
  exitRowProblem: z.string().nullable(),
  inbound: connecting,
  outbound: connecting,
}).openapi("ManifestRow");

/** A flight's manifest. */
const Manifest = z.object({
  flight: z.object({ id: z.string(), carrier: z.string(), flightNumber: z.string() }).passthrough(),
  summary: z.object({
    passengers: z.number().int(),
    checkedIn: z.number().int(),
    exitRowProblems: z.number().int(),
    connectingIn: z.number().int(),
    connectingOut: z.number().int(),
  }),
  passengers: z.array(ManifestRow),
}).openapi("Manifest");

const ManifestQuery = z.object({
  format: z.enum(["json", "csv"]).optional().meta({
    description: "csv for a spreadsheet (else the Accept header decides; JSON by default)",
  }),
});

const manifest = declare({
  tags: ["Operations"],
  roles: STAFF,
  method: "get",
  path: "/api/admin/flights/{id}/manifest",
  summary: "The passenger manifest: seats, cabin, check-in, exit-row eligibility, connections",
  request: { params: FlightIdParam, query: ManifestQuery },
  responses: {
    200: {
      description: `JSON, or CSV with the columns ${MANIFEST_COLUMNS.join(", ")}`,
      content: {
        "application/json": { schema: Manifest },
        "text/csv": { schema: { type: "string" as const } },
      },
    },
  },
});

/** `GET /api/admin/flights/:id/manifest`: the flight's passengers, as JSON or CSV. */
export function adminManifestRoutes(deps: AppDeps) {
  return router().openapi(manifest, async (c) => {
    const found = await flightManifest(deps.db.sql, c.req.valid("param").id);
    const format = c.req.valid("query").format;
    const csv = format === "csv" ||
      (format === undefined && /\btext\/csv\b/.test(c.req.header("accept") ?? ""));
    c.header("Cache-Control", "no-store");
    c.header("Vary", "Accept");
    if (!csv) return c.json(found, 200);
    const { filename, csv: text } = manifestFile(found);
    c.header("Content-Disposition", `attachment; filename="${filename}"`);
    return c.body(text, 200, {
      "Content-Type": "text/csv; charset=utf-8",
    });
  });
}
