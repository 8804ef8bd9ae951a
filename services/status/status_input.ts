/** A flight status change as the API and the operations pages take it. */
import { z } from "zod";
import type { StatusCommand } from "../../domain/flight_status.ts";

const reason = z.string({ message: "a reason is required" }).trim()
  .min(1, "a reason is required").max(200);
const time = z.iso.datetime({ offset: true, message: "expected an ISO 8601 date-time" })
  .transform((s) => Date.parse(s));
const gate = z.string({ message: "expected a gate like B12" }).trim().toUpperCase().regex(
  /^[A-Z]{0,2}[0-9]{1,3}[A-Z]?$/,
  "expected a gate like B12",
);

/** Body of `POST /api/admin/flights/:id/status`: one change, named by `type`. */
export const StatusBody = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("delayed"),
    estimatedDepartureAt: time,
    estimatedArrivalAt: time.optional(),
    reason,
  }).strict(),
  z.object({ type: z.literal("gate_changed"), gate, reason: reason.optional() }).strict(),
  z.object({ type: z.literal("boarding"), gate: gate.optional(), at: time.optional() }).strict(),
  z.object({ type: z.literal("departed"), at: time.optional() }).strict(),
  z.object({ type: z.literal("arrived"), at: time.optional() }).strict(),
  z.object({ type: z.literal("cancelled"), reason }).strict(),
]);

/** The status command a validated body asks for. */
export function statusCommand(body: z.output<typeof StatusBody>): StatusCommand {
  switch (body.type) {
    case "delayed":
      return { ...body, type: "Delay" };
    case "gate_changed":
      return { ...body, type: "ChangeGate" };
    case "boarding":
      return { ...body, type: "StartBoarding" };
    case "departed":
      return { ...body, type: "Depart" };
    case "arrived":
      return { ...body, type: "Arrive" };
    case "cancelled":
      return { ...body, type: "Cancel" };
  }
}
