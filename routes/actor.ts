import type { Context } from "hono";
import type { Actor } from "../services/actor.ts";
import type { AppEnv } from "./context.ts";

/** The use cases' Actor of a request: its principal and request id. */
export function actorOf(c: Context<AppEnv>): Actor {
  const { userId, role } = c.get("principal");
  return { userId, role, requestId: c.get("requestId") };
}
