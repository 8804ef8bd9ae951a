import { notFound } from "../../domain/app_error.ts";
import { recordAudit } from "../../db/audit_repo.ts";
import { countFlightAudience } from "../../db/flight_audience_repo.ts";
import {
  insertFlightMessage,
  listFlightMessages,
  type MessageAudience,
  setMessageAudienceCounts,
} from "../../db/flight_messages_repo.ts";
import { getFlight } from "../../db/flights_repo.ts";
import type { Sql } from "../../db/postgres.ts";
import { enqueue } from "../../notifications/notices.ts";
import type { NotifierDeps } from "../../notifications/notifier.ts";
import { type Actor, auditEntry } from "../actor.ts";

/** What messaging a flight needs. */
export interface FlightMessageDeps {
  sql: Sql;
  notifier: NotifierDeps;
}

/** A message to a flight's audience, e.g. a gate announcement. */
export interface FlightMessageInput {
  flightId: string;
  title: string;
  body: string;
  audience: MessageAudience;
}

/**
 * Tells a flight's passengers and/or crew something, in app and by email (always sent: it is
 * about their flight), audited; 404 for no such flight. Returns the message with its counts.
 */
export async function messageFlight(
  deps: FlightMessageDeps,
  actor: Actor,
  input: FlightMessageInput,
) {
  const { flightId, ...m } = input;
  if (!await getFlight(deps.sql, flightId)) throw notFound("Flight");
  const row = await insertFlightMessage(deps.sql, { ...input, authorId: actor.userId });
  // Who it goes to is counted now; the notices themselves go out through the outbox.
  const sent = await countFlightAudience(deps.sql, flightId, m.audience);
  await enqueue(deps.sql, [{
    topic: "flight_audience",
    flightId,
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
  await setMessageAudienceCounts(deps.sql, row.id, sent);
  await recordAudit(
    deps.sql,
    auditEntry(actor, "flight.message_sent", { type: "flight", id: flightId }, {
      messageId: row.id,
      audience: m.audience,
      ...sent,
    }),
  );
  return { id: row.id, ...m, ...sent, createdAt: row.createdAt };
}

/** The messages sent to a flight, newest first; 404 for no such flight. */
export async function flightMessages(sql: Sql, flightId: string) {
  if (!await getFlight(sql, flightId)) throw notFound("Flight");
  return { data: await listFlightMessages(sql, flightId) };
}
