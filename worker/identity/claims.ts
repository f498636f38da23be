// Browser claims (identify(), a form email) are forgeable: one names the visitor's company only where the company exists.
import { existingCompanies } from '../db/companies';
import type { Resolution } from './resolve';

/**
 * The claimed domains of `resolutions` that name no company of the site yet (one D1 read, none without a claim).
 * A company exists once the site's server events, its IP ranges or another network fact named it; a claim alone
 * must not create one, nor a stakeholder in it (issue 11): the visitor keeps the claim and its own standing
 * (identity/public-stage.ts), and its events attach (retroactively) once the company exists.
 */
export async function unknownClaims(db: D1Database, siteId: string, resolutions: (Resolution | null)[]): Promise<Set<string>> {
  const claimed = [...new Set(resolutions.flatMap((r) => (r?.source === 'identify' ? [r.domain] : [])))];
  if (!claimed.length) return new Set();
  const known = await existingCompanies(db, siteId, claimed);
  return new Set(claimed.filter((d) => !known.has(d)));
}
