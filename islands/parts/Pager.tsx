/** Previous and next page links that keep the other query values. */
export function Pager(
  { path, query, page, pages }: {
    path: string;
    query: Record<string, string | undefined>;
    page: number;
    pages: number;
  },
) {
  if (pages <= 1) return null;
  const href = (p: number) => {
    const q = new URLSearchParams(
      Object.entries({ ...query, page: String(p) }).filter((e): e is [string, string] => !!e[1]),
    );
    return `${path}?${q}`;
  };
  return (
    <nav class="pager" aria-label="Pages">
      {page > 1 ? <a href={href(page - 1)} rel="prev">Previous page</a> : <span />}
      <span>Page {page} of {pages}</span>
      {page < pages ? <a href={href(page + 1)} rel="next">Next page</a> : <span />}
    </nav>
  );
}
