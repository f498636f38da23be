// GET/PUT/DELETE /v1/personalize (secret key): the site's origin and the hostnames the Worker personalizes for it.
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { deleteConfig, HostTaken, readConfig, saveConfig } from '../db/personalize';
import { requireSecret } from '../http/auth';
import { KiB, readJson } from '../http/body';
import { ApiError, badRequest, notFound, zodFields } from '../http/errors';
import { budgetFor, configSchema } from '../personalize/config';
import { rememberHosts } from '../personalize/hosts';

export const personalize = new Hono<AppEnv>();
personalize.use('*', requireSecret);

const NONE = 'no personalization configured; PUT /v1/personalize { origin, hosts } to set one';
const answer = (cfg: NonNullable<Awaited<ReturnType<typeof readConfig>>>, envBudget: string | undefined) => ({
  origin: cfg.origin, hosts: cfg.hosts, injectTag: cfg.injectTag, budgetMs: cfg.budgetMs,
  effectiveBudgetMs: budgetFor(cfg.budgetMs, envBudget), tagSrc: `${cfg.apiOrigin}/w.js`, updatedAt: new Date(cfg.updatedAt).toISOString(),
});

personalize.get('/', async (c) => {
  const cfg = await readConfig(c.env.DB, c.var.site.id);
  if (!cfg) throw notFound(NONE);
  return c.json(answer(cfg, c.env.PERSONALIZE_BUDGET_MS));
});

/** Replaces the configuration. The tag it injects loads /w.js from where this request reached the Worker. */
personalize.put('/', async (c) => {
  const parsed = configSchema(c.env.PERSONALIZE_LOCAL_HTTP === '1').safeParse(await readJson(c, 16 * KiB));
  if (!parsed.success) throw badRequest('invalid personalization; nothing was changed', zodFields(parsed.error.issues));
  const site = c.var.site;
  const before = await readConfig(c.env.DB, site.id);
  const apiOrigin = new URL(c.req.url).origin;
  const now = Date.now();
  try {
    await saveConfig(c.env.DB, site.id, parsed.data, apiOrigin, now);
  } catch (err) {
    if (err instanceof HostTaken) throw new ApiError(409, 'host_taken', `${err.message}; a host belongs to one site only`, { fields: err.hosts.map((h) => ({ path: 'hosts', message: `${h} is taken` })) });
    throw err;
  }
  rememberHosts(before?.hosts ?? [], null);
  rememberHosts(parsed.data.hosts, { siteId: site.id, origin: parsed.data.origin, injectTag: parsed.data.injectTag, budgetMs: parsed.data.budgetMs, apiOrigin });
  return c.json(answer({ ...parsed.data, apiOrigin, updatedAt: now }, c.env.PERSONALIZE_BUDGET_MS));
});

personalize.delete('/', async (c) => {
  const before = await readConfig(c.env.DB, c.var.site.id);
  if (!before || !(await deleteConfig(c.env.DB, c.var.site.id))) throw notFound(NONE);
  rememberHosts(before.hosts, null);
  return c.body(null, 204);
});
