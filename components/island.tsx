/**
 * The small part of Fresh that Contrail does itself: the server marks each island's root
 * with its name and props, the page loads one bundle per island used, and that bundle
 * hydrates every root of its island. Browser-safe: no server-only imports here.
 */
import { type ComponentType, h, hydrate } from "preact";

const TAG = "contrail-island";

let collecting: Set<string> | null = null;

/** Props of Island. */
export interface IslandProps<P> {
  /** The island's file name in `islands/` without extension, e.g. "DepartureBoard". */
  name: string;
  component: ComponentType<P>;
  /** Serializable props: they travel to the browser as JSON. */
  props: P;
}

/** Server side: renders the island's HTML inside a marker that records its name and props. */
export function Island<P>({ name, component, props }: IslandProps<P>) {
  collecting?.add(name);
  return h(
    TAG,
    { "data-island": name, "data-props": JSON.stringify(props) },
    h(component as ComponentType, props as object),
  );
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

/** The bundle URL of an island, as `deno task build` writes it. */
export function islandScript(name: string): string {
  return `/static/build/${name}.js`;
}

/** Browser side: hydrates every root of island `name` with its server-rendered props. */
export function hydrateIsland<P>(name: string, component: ComponentType<P>): void {
  for (const root of document.querySelectorAll<HTMLElement>(`${TAG}[data-island="${name}"]`)) {
    const props = JSON.parse(root.dataset.props ?? "{}") as P;
    hydrate(h(component as ComponentType, props as object), root);
  }
}
