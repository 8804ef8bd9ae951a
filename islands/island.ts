/**
 * The small part of Fresh that Contrail does itself: an island module declares its name and
 * component once (`export default defineIsland("Name", Component)`); on the server that
 * declaration renders the island's HTML inside a root marked with the name and the props, the
 * page loads one bundle per island used, and that bundle hydrates every root of its island.
 * Browser-safe: no server-only imports here.
 */
import { type ComponentType, h, hydrate, render, type VNode } from "preact";

const TAG = "contrail-island";
// The name is a bundle file name and part of a CSS selector: keep it plain.
const NAME = /^[A-Z][A-Za-z0-9]*$/;

let collecting: Set<string> | null = null;

/**
 * An island as a page embeds it (`<SeatMap flightId={…} />`), with its declaration attached.
 * Its props must be serializable: they travel to the browser as JSON.
 */
export interface Island<P> {
  (props: P): VNode;
  /** The island's name; the build names its bundle `<name>-<hash>.js` in its manifest. */
  readonly islandName: string;
  /** The component that renders on the server and hydrates in the browser. */
  readonly component: ComponentType<P>;
}

/** Declares an island: its one name and its component, for the page, the build and hydration. */
export function defineIsland<P>(name: string, component: ComponentType<P>): Island<P> {
  if (!NAME.test(name)) throw new Error(`island name ${JSON.stringify(name)} is not PascalCase`);
  function embed(props: P): VNode {
    collecting?.add(name);
    const marker = { "data-island": name, "data-props": JSON.stringify(props) };
    return h(TAG, marker, h(component as ComponentType, props as object)) as VNode;
  }
  return Object.assign(embed, { islandName: name, component });
}

/** True for a value `defineIsland` made (what the build looks for in each island module). */
export function isIsland(value: unknown): value is Island<unknown> {
  return typeof value === "function" && "islandName" in value && "component" in value;
}

/** Server side: runs `render` and returns its HTML with the islands it used. */
export function collectIslands(render: () => string): { html: string; islands: string[] } {
  const previous = collecting;
  collecting = new Set();
  try {
    const html = render();
    return { html, islands: [...collecting] };
  } finally {
    collecting = previous;
  }
}

// Told on a region of the page that was swapped for a newer rendering (a partial).
const PARTIAL = "contrail:partial";

function hydrateRoots<P>(island: Island<P>, scope: ParentNode): void {
  const roots = scope.querySelectorAll<HTMLElement>(
    `${TAG}[data-island="${island.islandName}"]`,
  );
  for (const root of roots) {
    const props = JSON.parse(root.dataset.props ?? "{}") as P;
    hydrate(h(island.component as ComponentType, props as object), root);
  }
}

/**
 * Browser side: hydrates every root of `island` with its server-rendered props, now and in
 * every region of the page swapped in later (see `partialSwapped`).
 */
export function hydrateIsland<P>(island: Island<P>): void {
  hydrateRoots(island, document);
  document.addEventListener(PARTIAL, (e) => hydrateRoots(island, e.target as Element));
}

/** Browser side: tells every loaded island that `region` was swapped in, to hydrate there. */
export function partialSwapped(region: Element): void {
  region.dispatchEvent(new CustomEvent(PARTIAL, { bubbles: true }));
}

/** Browser side: unmounts every island inside `scope` (their effects end, streams close). */
export function unmountIslands(scope: ParentNode): void {
  for (const root of scope.querySelectorAll<HTMLElement>(TAG)) render(null, root);
}
