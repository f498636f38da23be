// Erasure (GDPR): DELETE /v1/companies/:domain and DELETE /v1/visitors/:id remove every row that holds them, with counts.
// The rows are found and deleted by worker/db/erasure.ts.
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { requireSecret } from '../http/auth';
import { badRequest } from '../http/errors';
import { MAX_ID } from '../lib/limits';
import { eraseCompany, eraseVisitor } from '../db/erasure';
import { normalizeHost, registrableDomain } from '../identity/domain';
import { purgeStandings } from '../stage-cache';

export const companyErasure = new Hono<AppEnv>();
companyErasure.delete('/:domain', requireSecret, async (c) => {
  // Hono has already decoded the parameter once; decoding again made `%25` (→ `%`) throw, a 500.
  const raw = c.req.param('domain');
  const domain = registrableDomain(raw);
  if (!domain || domain !== normalizeHost(raw)) throw badRequest(`invalid company domain: ${raw.slice(0, 100)}`, [{ path: 'domain', message: domain ? `use the registrable domain ${domain}` : 'expected a registrable domain such as acme.com' }]);
  const deleted = await eraseCompany(c.env.DB, c.var.site.id, domain);
  await purgeStandings(c.var.site.id, [], [domain]); // cached stage answers naming it (this data centre; others within their TTL)
  return c.json({ domain, deleted, total: Object.values(deleted).reduce((a, b) => a + b, 0) });
});

export const visitorErasure = new Hono<AppEnv>();
visitorErasure.delete('/:id', requireSecret, async (c) => {
  const id = c.req.param('id');
  if (!id || id.length > MAX_ID || !id.isWellFormed()) throw badRequest('invalid visitor id', [{ path: 'id', message: `expected the visitor id (at most ${MAX_ID} characters)` }]);
  const { deleted, ledgerUnlinked, companiesScrubbed } = await eraseVisitor(c.env.DB, c.var.site.id, id);
  await purgeStandings(c.var.site.id, [id], []);
  return c.json({
    visitor: id,
    deleted,
    ledgerUnlinked,
    companiesScrubbed,
    total: Object.values(deleted).reduce((a, b) => a + b, 0),
  });
});
