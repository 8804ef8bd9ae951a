/**
 * The pairing planner on a thread of its own: a plan for a busy day is a second or more of
 * CPU, which on the isolate's own thread would stall its requests and flight actors for that
 * long. `runPairingPlanner` starts this module as a worker per plan (a few ms next to the
 * plan) and ends it after; where workers are not available the planner runs inline.
 */
import {
  type PairingPlan,
  type PairingPlanInput,
  planPairings,
} from "../../domain/crew/pairing_planner.ts";

type Reply = { ok: true; plan: PairingPlan } | { ok: false; error: string };

const THREAD = new URL(import.meta.url);

// deno-lint-ignore no-explicit-any
const scope = globalThis as any;
const insideThread = typeof scope.WorkerGlobalScope !== "undefined" &&
  scope instanceof scope.WorkerGlobalScope && scope.name === "crew-planner";

if (insideThread) {
  scope.onmessage = (e: MessageEvent<PairingPlanInput>) => {
    let reply: Reply;
    try {
      reply = { ok: true, plan: planPairings(e.data) };
    } catch (err) {
      reply = { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
    scope.postMessage(reply);
  };
}

/** Plans pairings off the calling thread (inline where workers are not available). */
export async function runPairingPlanner(input: PairingPlanInput): Promise<PairingPlan> {
  let worker: Worker;
  try {
    worker = new Worker(THREAD, { type: "module", name: "crew-planner" });
  } catch {
    return planPairings(input);
  }
  try {
    return await new Promise<PairingPlan>((resolve, reject) => {
      worker.onmessage = (e: MessageEvent<Reply>) =>
        e.data.ok ? resolve(e.data.plan) : reject(new Error(`crew planner: ${e.data.error}`));
      worker.onerror = (e) => {
        e.preventDefault();
        reject(new Error(`crew planner thread: ${e.message}`));
      };
      worker.postMessage(input);
    });
  } finally {
    worker.terminate();
  }
}
