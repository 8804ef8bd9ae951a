import { Hono } from "hono";
import { z } from "zod";
import { notFound } from "../../domain/app_error.ts";
import { getFlight } from "../../db/flights_repo.ts";
import { recordAudit } from "../../db/audit_repo.ts";
import { countFlightAudience } from "../../db/flight_audience_repo.ts";
import { enqueue } from "../../notifications/notices.ts";
import type { AppDeps, AppEnv } from "../context.ts";
import { validate } from "../problem.ts";
import { FlightIdParam } from "../schemas.ts";
import { auditOf } from "./admin_support.ts";

const oneLine = z.string().trim().min(1).max(120).regex(/^[^\r\n]*$/, "one line only");

/** Body of `POST /api/admin/flights/:id/messages`: e.g. a gate announcement. */
export const MessageBody = z.object({
  title: oneLine,
  body: z.string().trim().min(1).max(2000),
  audience: z.enum(["passengers", "crew", "all"]).default("passengers"),
}).strict();

/**
 * `/api/admin/flights/:id/messages`: tell a flight's passengers and/or crew something, in
 * app and by email (always sent: it is about their flight), and list what was sent.
 */
export function adminFlightMessageRoutes(deps: AppDeps) {
  const sql = deps.db.sql;
  return new Hono<AppEnv>()
    .post(
      "/flights/:id/messages",
      validate("param", FlightIdParam),
      validate("json", MessageBody),
      async (c) => {
        const { id } = c.req.valid("param");
        const m = c.req.valid("json");
        if (!await getFlight(sql, id)) throw notFound("Flight");
        const [row] = await sql`
          INSERT INTO flight_messages (flight_id, author_id, audience, title, body)
          VALUES (${id}, ${c.get("principal").userId ?? null}, ${m.audience}, ${m.title},
            ${m.body})
          RETURNING id, created_at`;
        // Who it goes to is counted now; the notices themselves go out through the outbox.
        const sent = await countFlightAudience(sql, id, m.audience);
        await enqueue(sql, [{
          topic: "flight_audience",
          flightId: id,
          notice: {
            kind: "flight_message",
            title: m.title,
            body: m.body,
            audience: m.audience,
            dedupeBase: `flight_message:${row.id}`,
            data: { messageId: row.id },
          },
        }]);
        deps.notifier.noticeQueued?.();
        await sql`
          UPDATE flight_messages SET passengers = ${sent.passengers}, crew = ${sent.crew}
          WHERE id = ${row.id}`;
        await recordAudit(
          sql,
          auditOf(c, "flight.message_sent", "flight", id, {
            messageId: row.id,
            audience: m.audience,
            ...sent,
          }),
        );
        return c.json({ id: row.id, ...m, ...sent, createdAt: row.created_at }, 201);
      },
    )
    .get("/flights/:id/messages", validate("param", FlightIdParam), async (c) => {
      const { id } = c.req.valid("param");
      if (!await getFlight(sql, id)) throw notFound("Flight");
      const rows = await sql`
        SELECT m.id, m.audience, m.title, m.body, m.passengers, m.crew, m.created_at,
               u.name AS author
        FROM flight_messages m LEFT JOIN users u ON u.id = m.author_id
        WHERE m.flight_id = ${id} ORDER BY m.created_at DESC LIMIT 100`;
      return c.json({
        data: rows.map((r) => ({
          id: r.id,
          audience: r.audience,
          title: r.title,
          body: r.body,
          passengers: r.passengers,
          crew: r.crew,
          author: r.author,
          createdAt: r.created_at.toISOString(),
        })),
      });
    });
}
