/** Every problem with a search, listed above the form (each field also shows its own). */
export function ErrorSummary({ errors }: { errors: Record<string, string> }) {
  return (
    <div class="form-error" role="alert">
      <p>Please check your search:</p>
      <ul>{Object.entries(errors).map(([field, msg]) => <li key={field}>{msg}</li>)}</ul>
    </div>
  );
}

/** Props of Pager. */
export interface PagerProps {
  page: number;
  pages: number;
  /** The URL of page `n`. */
  href: (n: number) => string;
}

/** Previous and next links between result pages; nothing for a single page. */
export function Pager({ page, pages, href }: PagerProps) {
  if (pages <= 1) return null;
  return (
    <nav class="pager" aria-label="Result pages">
      {page > 1 && <a href={href(page - 1)}>Previous page</a>}
      <span>Page {page} of {pages}</span>
      {page < pages && <a href={href(page + 1)}>Next page</a>}
    </nav>
  );
}
