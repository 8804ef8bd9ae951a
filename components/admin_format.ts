/** How the operators' pages write ratios and local times. */

/** "0.8125" → "81%". */
export function percent(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}

/** A local date-time "2030-03-01T07:05[:00]" for people: "1 Mar 2030, 07:05". */
export function localTime(local: string): string {
  const d = new Date(`${local.slice(0, 16)}:00Z`);
  const day = d.toLocaleDateString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
  return `${day}, ${local.slice(11, 16)}`;
}
