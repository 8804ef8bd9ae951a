/**
 * A worker isolate's entry: the primary (main.ts) starts one per extra core with the resolved
 * configuration and the port it bound; this builds the same app and serves on that port too.
 */
import { workerLife } from "./platform/isolates.ts";
import type { ResolvedConfig } from "./platform/config.ts";
import { createLogger } from "./platform/log.ts";
import { withTimeout } from "./platform/lifecycle.ts";
import { compose, openIsolateDatabase } from "./compose.ts";

/** What the primary tells each worker isolate. */
export interface WorkerInit {
  config: ResolvedConfig;
  port: number;
}

const life = await workerLife<WorkerInit>();
try {
  const { config, port } = life.init;
  const log = createLogger({ level: config.logLevel, fields: { isolate: life.index } });
  const db = await openIsolateDatabase(config);
  const composed = await compose({ config, log, db, primary: false });
  composed.attach(life.mesh);
  const server = Deno.serve(
    { port, hostname: config.host, reusePort: true, onListen: () => {} },
    composed.fetch,
  );
  life.onStop(async () => {
    try {
      composed.closeStreams();
      await withTimeout(server.shutdown(), config.shutdownTimeoutMs, "HTTP drain");
      // From here the others run this isolate's flights themselves.
      life.mesh.stopServing();
      await composed.stop(config.shutdownTimeoutMs);
    } catch (err) {
      log.error("unclean shutdown", { error: err });
    } finally {
      life.mesh.close();
    }
  });
  life.ready();
} catch (err) {
  life.failed(err instanceof Error ? err.stack ?? err.message : err);
}
