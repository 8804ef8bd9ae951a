import { kvStore } from "../../services/store.ts";
import { storeContract } from "./store_contract.ts";

storeContract("deno kv", async () => {
  const kv = await Deno.openKv(":memory:");
  let offset = 0;
  const store = kvStore(kv, () => Date.now() + offset);
  return {
    store,
    elapse: (ms) => {
      offset += ms;
      return Promise.resolve();
    },
    close: () => kv.close(),
  };
});
