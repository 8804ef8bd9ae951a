/**
 * Fresh's partials, the small part Contrail needs: a region of a server-rendered page is
 * fetched again and swapped for its newer rendering, the islands inside it unmounted first
 * (their streams close) and the new ones hydrated. Browser-only.
 */
import { hydrateIsland, type Island, unmountIslands } from "../island.ts";

/**
 * Replaces the element `id` with the same element of page `url` as the server renders it now;
 * `islands` are those that may be inside. False when the page or the element is not there.
 */
export async function swapPartial(
  url: string,
  id: string,
  // deno-lint-ignore no-explicit-any
  islands: Island<any>[],
): Promise<boolean> {
  const res = await fetch(url, { headers: { Accept: "text/html" } }).catch(() => undefined);
  if (!res?.ok) return false;
  const doc = new DOMParser().parseFromString(await res.text(), "text/html");
  const fresh = doc.getElementById(id);
  const old = document.getElementById(id);
  if (!fresh || !old) return false;
  const adopted = document.adoptNode(fresh);
  unmountIslands(old);
  old.replaceWith(adopted);
  for (const island of islands) hydrateIsland(island, adopted);
  return true;
}
