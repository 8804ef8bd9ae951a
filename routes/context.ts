import type { Clock } from "../domain/clock.ts";
import type { Database } from "../db/postgres.ts";
import type { Logger } from "../services/log.ts";
import type { Config } from "../services/config.ts";
import type { ActorRegistry } from "../actors/registry.ts";
import type { Principal } from "./middleware/auth.ts";
import type { Store } from "../services/store.ts";

/** What the routes need from the composition root. */
export interface AppDeps {
  config: Config;
  db: Database;
  kv: Deno.Kv;
  log: Logger;
  clock: Clock;
  /** The flight actors: the only writers of live inventory. */
  registry: ActorRegistry;
  /** Cache, rate limits and idempotency records. */
  store: Store;
}

/** Hono's environment type for every Contrail sub-app. */
export interface AppEnv {
  Variables: {
    requestId: string;
    log: Logger;
    principal: Principal;
  };
}
