import type { Database } from "../../db/postgres.ts";
import { signAccessToken } from "../../adapters/tokens.ts";
import type { TestApp } from "./app.ts";
import { bearer } from "./http.ts";

/** Creates a user with `role` straight in the database; its id and bearer header. */
export async function staffHeaders(
  t: Pick<TestApp, "deps" | "clock">,
  db: Database,
  role: "operator" | "admin" | "passenger" = "operator",
  email = `${role}-${crypto.randomUUID().slice(0, 8)}@example.test`,
): Promise<{ userId: string; headers: Record<string, string> }> {
  const [user] = await db.sql`
    INSERT INTO users (email, name, role) VALUES (${email}, ${role}, ${role}) RETURNING id`;
  const token = await signAccessToken(
    { sub: user.id, role, email },
    t.deps.config.jwtSecret!,
    t.clock.now(),
  );
  return { userId: user.id as string, headers: bearer(token) };
}
