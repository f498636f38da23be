// Time units and the API's one time format (ISO-8601 UTC); worker/scoring keeps its own DAY_MS to stay self-contained.

export const DAY_MS = 86_400_000;

/** The UTC day number of an epoch-ms time. */
export const dayOf = (ms: number) => Math.floor(ms / DAY_MS);

/** Epoch milliseconds as ISO-8601 (null stays null): every time the API shows. */
export function iso(ms: number): string;
export function iso(ms: number | null): string | null;
export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
