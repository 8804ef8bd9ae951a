import { checkResponsesAgainstDeclarations } from "../../routes/declare.ts";
import type { createApp } from "../../routes/app.ts";
import type { AppDeps } from "../../routes/context.ts";
import type { Database } from "../../db/postgres.ts";
import { parseConfig } from "../../platform/config.ts";
import { createLogger } from "../../platform/log.ts";
import { manualClock } from "../../domain/clock.ts";
import { compose } from "../../compose.ts";

/** An app wired to a test database, in-memory KV, a manual clock and a captured log. */
export interface TestApp {
  app: ReturnType<typeof createApp>;
  deps: AppDeps;
  logs: Record<string, unknown>[];
  clock: ReturnType<typeof manualClock>;
  /** Resolves once every queued notice went out (notices follow their change, not in it). */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** Options for testApp. */
export interface TestAppOptions {
  /** Extra environment for the config (e.g. VAPID keys, RESEND_API_KEY). */
  env?: Record<string, string>;
}

/**
 * Builds the real app around `db` with the same compose() as the server (main.ts), in test
 * mode: KV in memory, a manual clock, and of the background loops only the notice worker
 * (queues, crons and senders are driven by the tests that test them). `close()` releases KV;
 * the caller closes `db`.
 */
export async function testApp(
  db: Database,
  now = "2030-03-01T06:00:00Z",
  options: TestAppOptions = {},
): Promise<TestApp> {
  // Every answer a test gets is checked against the schema its endpoint documents.
  checkResponsesAgainstDeclarations(true);
  const logs: Record<string, unknown>[] = [];
  const log = createLogger({ level: "debug", sink: (line) => logs.push(JSON.parse(line)) });
  const clock = manualClock(now);
  const config = parseConfig({
    APP_ENV: "test",
    JWT_SECRET: "test-secret-0123456789-0123456789-abcdef",
    PAYMENT_TOKEN_KEY: btoa(String.fromCharCode(...new Uint8Array(32).fill(9))),
    ...options.env,
  });
  const { jwtSecret, paymentTokenKey } = config;
  if (!jwtSecret || !paymentTokenKey) throw new Error("the test config lost its secrets");
  const composed = await compose({
    config: { ...config, jwtSecret, paymentTokenKey },
    log,
    db,
    primary: true,
    clock,
    background: {
      inventory: false,
      email: false,
      jobs: false,
      crewPlans: false,
      notices: true,
      noticeIntervalMs: 50,
    },
    closesDatabase: false,
  });
  return {
    app: composed.app,
    deps: composed.deps,
    logs,
    clock,
    settle: () => composed.settle(),
    close: async () => {
      composed.closeStreams();
      await composed.stop(config.shutdownTimeoutMs);
    },
  };
}
