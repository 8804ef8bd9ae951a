import { z } from "zod";
import { flightMessages, messageFlight } from "../../services/flights/flight_messages.ts";
import { actorOf } from "../actor.ts";
import type { AppDeps } from "../context.ts";
import { declare, jsonBody, jsonResponse, router, STAFF } from "../declare.ts";
import { FlightMessage, FlightMessageList } from "../admin_responses.ts";
import { FlightIdParam } from "../schemas.ts";

const oneLine = z.string().trim().min(1).max(120).regex(/^[^\r\n]*$/, "one line only");

/** Body of `POST /api/admin/flights/:id/messages`: e.g. a gate announcement. */
export const MessageBody = z.object({
  title: oneLine,
  body: z.string().trim().min(1).max(2000),
  audience: z.enum(["passengers", "crew", "all"]).default("passengers"),
}).strict();

const messages = {
  tags: ["Operations"],
  roles: STAFF,
  path: "/api/admin/flights/{id}/messages" as const,
};

const send = declare({
  ...messages,
  method: "post",
  summary: "Message a flight's passengers and/or crew (in-app and email)",
  request: { params: FlightIdParam, body: jsonBody(MessageBody) },
  responses: {
    201: jsonResponse("The message and how many passengers and crew it reached", FlightMessage),
  },
});

const list = declare({
  ...messages,
  method: "get",
  summary: "Messages sent to a flight",
  request: { params: FlightIdParam },
  responses: { 200: jsonResponse("The newest 100, newest first", FlightMessageList) },
});

/**
 * `/api/admin/flights/:id/messages`: tell a flight's passengers and/or crew something, in
 * app and by email, and list what was sent.
 */
export function adminFlightMessageRoutes(deps: AppDeps) {
  return router()
    .openapi(send, async (c) => {
      const message = await messageFlight(
        { sql: deps.db.sql, notifier: deps.notifier },
        actorOf(c),
        {
          flightId: c.req.valid("param").id,
          ...c.req.valid("json"),
        },
      );
      return c.json(message, 201);
    })
    .openapi(list, async (c) => c.json(await flightMessages(deps.db.sql, c.req.valid("param").id)));
}
