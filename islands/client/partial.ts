/**
 * Fresh's partials, the small part Contrail needs: a region of a server-rendered page is
 * fetched again and swapped for its newer rendering, the islands inside it unmounted first
 * (their streams close) and the new ones hydrated by their own bundles, already on the page.
 * Browser-only.
 */
import { partialSwapped, unmountIslands } from "../island.ts";

/**
 * Replaces the element `id` with the same element of page `url` as the server renders it now.
 * False when the page or the element is not there.
 */
export async function swapPartial(url: string, id: string): Promise<boolean> {
  const res = await fetch(url, { headers: { Accept: "text/html" } }).catch(() => undefined);
  if (!res?.ok) return false;
  const doc = new DOMParser().parseFromString(await res.text(), "text/html");
  const fresh = doc.getElementById(id);
  const old = document.getElementById(id);
  if (!fresh || !old) return false;
  const adopted = document.adoptNode(fresh);
  unmountIslands(old);
  old.replaceWith(adopted);
  partialSwapped(adopted);
  return true;
}
