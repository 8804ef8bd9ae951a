import type { Sql } from "./postgres.ts";

/** Who a flight message is for. */
export type MessageAudience = "passengers" | "crew" | "all";

/** Stores a message to a flight's audience; its id and time. */
export async function insertFlightMessage(
  sql: Sql,
  m: {
    flightId: string;
    authorId?: string;
    audience: MessageAudience;
    title: string;
    body: string;
  },
): Promise<{ id: string; createdAt: Date }> {
  const [row] = await sql`
    INSERT INTO flight_messages (flight_id, author_id, audience, title, body)
    VALUES (${m.flightId}, ${m.authorId ?? null}, ${m.audience}, ${m.title}, ${m.body})
    RETURNING id, created_at`;
  return { id: row.id, createdAt: row.created_at };
}

/** Records how many passengers and crew a message went to. */
export async function setMessageAudienceCounts(
  sql: Sql,
  id: string,
  sent: { passengers: number; crew: number },
): Promise<void> {
  await sql`
    UPDATE flight_messages SET passengers = ${sent.passengers}, crew = ${sent.crew}
    WHERE id = ${id}`;
}

/** The newest 100 messages sent to a flight, with their authors' names. */
export async function listFlightMessages(sql: Sql, flightId: string) {
  const rows = await sql`
    SELECT m.id, m.audience, m.title, m.body, m.passengers, m.crew, m.created_at,
           u.name AS author
    FROM flight_messages m LEFT JOIN users u ON u.id = m.author_id
    WHERE m.flight_id = ${flightId} ORDER BY m.created_at DESC LIMIT 100`;
  return rows.map((r) => ({
    id: r.id as string,
    audience: r.audience as MessageAudience,
    title: r.title as string,
    body: r.body as string,
    passengers: r.passengers as number,
    crew: r.crew as number,
    author: r.author as string | null,
    createdAt: (r.created_at as Date).toISOString(),
  }));
}
