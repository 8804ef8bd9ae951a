import { defineIsland } from "./island.ts";
import { useEffect, useState } from "preact/hooks";
import { api } from "./client/api.ts";

/** Props of PushToggle; the VAPID key is fetched when the user turns push on. */
export interface PushToggleProps {
  /** The service worker script, e.g. "/static/sw.js" (its folder is its scope). */
  worker: string;
}

type State = "checking" | "unsupported" | "off" | "on" | "busy";

const scopeOf = (worker: string) => worker.slice(0, worker.lastIndexOf("/") + 1);

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const raw = atob(base64url.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

/** The registered worker once it is active (subscribing needs an active one). */
async function activeWorker(script: string): Promise<ServiceWorkerRegistration> {
  const reg = await navigator.serviceWorker.register(script, { scope: scopeOf(script) });
  const worker = reg.installing ?? reg.waiting;
  if (!reg.active && worker) {
    await new Promise<void>((resolve) =>
      worker.addEventListener("statechange", () => worker.state === "activated" && resolve())
    );
  }
  return reg;
}

async function currentSubscription(script: string): Promise<PushSubscription | null> {
  const reg = await navigator.serviceWorker.getRegistration(scopeOf(script));
  return (await reg?.pushManager.getSubscription()) ?? null;
}

/** Turns Web Push on or off for this browser (subscription kept by the server). */
function PushToggle({ worker }: PushToggleProps) {
  const [state, setState] = useState<State>("checking");
  const [message, setMessage] = useState("");

  useEffect(() => {
    if (!("serviceWorker" in navigator && "PushManager" in globalThis)) {
      return setState("unsupported");
    }
    currentSubscription(worker).then((s) => setState(s ? "on" : "off"), () => setState("off"));
  }, []);

  const turnOn = async () => {
    if (await Notification.requestPermission() !== "granted") {
      return setMessage("Your browser blocks notifications from this site.");
    }
    const key = await api<{ publicKey: string }>("/api/push/vapid-public-key");
    if (!key.ok) return setMessage(key.problem.detail ?? key.problem.title);
    const reg = await activeWorker(worker);
    const sub = await reg.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: keyBytes(key.data.publicKey),
    });
    const saved = await api("/api/me/push-subscriptions", { method: "POST", body: sub.toJSON() });
    if (!saved.ok) {
      await sub.unsubscribe();
      return setMessage(saved.problem.detail ?? saved.problem.title);
    }
    setState("on");
    setMessage("Push notifications are on in this browser.");
  };
  const turnOff = async () => {
    const sub = await currentSubscription(worker);
    if (sub) {
      await api("/api/me/push-subscriptions", {
        method: "DELETE",
        body: { endpoint: sub.endpoint },
      });
      await sub.unsubscribe();
    }
    setState("off");
    setMessage("Push notifications are off in this browser.");
  };
  const run = (action: () => Promise<void>) => async () => {
    const before = state;
    setState("busy");
    setMessage("");
    try {
      await action();
    } catch {
      setMessage("This browser could not change push notifications. Try again later.");
    }
    setState((s) => (s === "busy" ? before : s));
  };

  if (state === "checking") return <p class="hint">Push notifications need JavaScript.</p>;
  if (state === "unsupported") {
    return <p class="hint">This browser does not support push notifications.</p>;
  }
  return (
    <div class="acct-push">
      <p>
        {state === "on"
          ? "Push notifications are on in this browser."
          : "Push notifications are off in this browser."}
      </p>
      <button
        type="button"
        class="secondary"
        disabled={state === "busy"}
        onClick={run(state === "on" ? turnOff : turnOn)}
      >
        {state === "on" ? "Turn off push in this browser" : "Turn on push in this browser"}
      </button>
      <p class="hint" role="status">{message}</p>
    </div>
  );
}

/** The PushToggle island, as pages embed it. */
export default defineIsland("PushToggle", PushToggle);
