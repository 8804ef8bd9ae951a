import type { Context } from "hono";
import { z } from "zod";
import { invalidInput } from "../../../domain/app_error.ts";
import type { AppEnv } from "../../context.ts";

const NONE_CHOSEN = "Choose at least one passenger to check in.";

/** The check-in form: a flight (optional) and the passengers ticked, by position. */
const CheckInForm = z.object({
  flightId: z.uuid().optional(),
  passenger: z.array(z.coerce.number().int().min(0).max(8)).min(1, NONE_CHOSEN),
});

/** Who checks in, as a trip page's check-in form posts it. */
export interface CheckInChoice {
  flightId?: string;
  passengers: number[];
}

/**
 * Reads a trip page's check-in form (the owner's and a guest's post the same fields);
 * nobody ticked, or a position that is not a number, is a 400 that says so.
 */
export async function readCheckInForm(c: Context<AppEnv>): Promise<CheckInChoice> {
  const form = await c.req.parseBody({ all: true });
  const ticked = form.passenger === undefined ? [] : [form.passenger].flat();
  const input = CheckInForm.safeParse({ flightId: form.flightId || undefined, passenger: ticked });
  if (!input.success) {
    const errors = input.error.issues.map((i) => ({
      path: String(i.path[0]),
      message: i.message,
    }));
    throw invalidInput(errors, input.error.issues[0].message);
  }
  return { flightId: input.data.flightId, passengers: input.data.passenger };
}
