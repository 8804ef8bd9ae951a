/** Input schemas of the aircraft-type endpoints and editor pages. */
import { z } from "zod";
import { layoutSeatProblems, SeatLayoutSchema } from "../../domain/seat_layout.ts";

/** An aircraft type code as the database allows it, e.g. A20N, B77W. */
export const typeCode = z.string().trim().toUpperCase().regex(
  /^[A-Z0-9-]{2,10}$/,
  "expected 2-10 letters, digits or -",
);

/** A seat layout whose blocked and missing seats name seats that exist. */
const layout = SeatLayoutSchema.superRefine((l, ctx) => {
  for (const p of layoutSeatProblems(l)) {
    ctx.addIssue({
      code: "custom",
      message: p.message,
      path: p.path.split(".").map((s) => /^[0-9]+$/.test(s) ? Number(s) : s),
    });
  }
});
const text = z.string().trim().min(1).max(100);
const fields = {
  name: text,
  manufacturer: text,
  cruiseKmh: z.number().int().min(100).max(5000),
  rangeKm: z.number().int().min(100).max(50_000),
  layout,
};

/** `:code` of an aircraft type. */
export const TypeCodeParam = z.object({ code: typeCode });
/** Body of `POST /api/admin/aircraft-types`; the seat count follows from the layout. */
export const CreateTypeBody = z.object({ code: typeCode, ...fields }).strict();
/** Body of `PUT /api/admin/aircraft-types/:code`: any fields (the layout only while unused). */
export const UpdateTypeBody = z.object(fields).partial().strict();

/** A configuration code, unique within its type, e.g. STD, HD189. */
export const configCode = z.string().trim().toUpperCase().regex(
  /^[A-Z0-9-]{1,10}$/,
  "expected 1-10 letters, digits or -",
);
/** `:code/:config` of a configuration. */
export const ConfigParam = z.object({ code: typeCode, config: configCode });
/** Body of `POST /api/admin/aircraft-types/:code/configurations`. */
export const CreateConfigBody = z.object({ code: configCode, name: text, layout }).strict();
/** Body of `PUT /api/admin/aircraft-types/:code/configurations/:config` (layout while unused). */
export const UpdateConfigBody = z.object({ name: text, layout }).partial().strict();
