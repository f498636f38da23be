// GET/PUT /v1/rules (secret key): the site's rule overrides, validated by the scoring module with field-level errors.
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { requireSecret } from '../http/auth';
import { KiB, readJson } from '../http/body';
import { badRequest } from '../http/errors';
import { resolveRules } from '../scoring';
import { updateSiteRules } from '../db/sites';
import { rememberSite, rulesOf } from '../site-cache';

export const rules = new Hono<AppEnv>();
rules.use('*', requireSecret);

rules.get('/', (c) => c.json({ overrides: c.var.site.rules, effective: rulesOf(c.var.site) }));

/** Replaces the overrides (they apply to events scored from now on; stored scores are not recomputed). */
rules.put('/', async (c) => {
  const overrides = await readJson(c, 64 * KiB);
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) throw badRequest('rule overrides must be a JSON object');
  const resolved = resolveRules(overrides);
  if (!resolved.ok) throw badRequest('invalid rules; nothing was changed', resolved.errors);
  await updateSiteRules(c.env.DB, c.var.site.id, overrides);
  const site = { ...c.var.site, rules: overrides as Record<string, unknown> };
  rememberSite(site);
  return c.json({ overrides, effective: rulesOf(site) });
});
