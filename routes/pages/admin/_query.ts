/** Query schemas and helpers the operations pages share (GET filter forms). */
import { z } from "zod";
import { AppError } from "../../../domain/app_error.ts";
import { iataCode } from "../../schemas.ts";

/** A local date filter, "YYYY-MM-DD". */
export const dateFilter = z.iso.date({ message: "expected a date like 2030-03-01" });

/** A 1-based page number. */
export const pageNumber = z.coerce.number().int().min(1).max(1000).default(1);

/** Query of the crew board and the crew proposal: a day, an origin, short flights only. */
export const DayQuery = z.object({
  date: dateFilter.optional(),
  origin: iataCode.optional(),
  short: z.literal("1", { message: "expected 1" }).optional(),
  page: pageNumber,
});

/** The query values a GET form sent, without the empty ones (an empty field means "any"). */
export function filledQuery(query: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v.trim() !== ""));
}

/** Each problem of a query as "field: message". */
export function queryProblems(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

/** A query that must parse, else a 400 page naming each problem. */
export function parseQuery<T extends z.ZodType>(schema: T, query: Record<string, string>) {
  const parsed = schema.safeParse(filledQuery(query));
  if (!parsed.success) {
    throw new AppError(400, "invalid_input", { detail: queryProblems(parsed.error).join("; ") });
  }
  return parsed.data as z.output<T>;
}

/** Today's date (UTC) at `now`, the day the boards open on. */
export function today(now: Date): string {
  return now.toISOString().slice(0, 10);
}
