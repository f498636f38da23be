// POST /v1/sites (ADMIN_TOKEN): creates a site and shows its keys once; the secret is stored as SHA-256. Key rotation:
// POST /v1/sites/rotate and /rotate-public (secret key), POST /v1/sites/:id/rotate (ADMIN_TOKEN, for a lost secret).
import { Hono } from 'hono';
import * as z from 'zod';
import type { AppEnv, Site } from '../env';
import { bearer, requireAdmin, requireSecret } from '../http/auth';
import { insertSite, PUBLIC_KEY_GRACE_DAYS, rotatePublicKey, rotateSecret } from '../db/sites';
import { readJson, KiB } from '../http/body';
import { ApiError, badRequest, notFound, zodFields } from '../http/errors';
import { randomKey, sha256Hex } from '../lib/keys';
import { forgetKeys, rememberSite, siteById } from '../site-cache';

/** `https://Example.com/` → `https://example.com`; only http(s) origins without path or credentials. */
const originSchema = () => z.string().max(2048).transform((s, ctx) => {
  try {
    const u = new URL(s);
    if ((u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password && (u.pathname === '/' || u.pathname === '') && !u.search)
      return u.origin;
  } catch {}
  ctx.addIssue({ code: 'custom', message: 'expected an origin like https://www.example.com' });
  return z.NEVER;
});

// Built on first use, not at module load (startup CPU, npm run bundle).
let newSiteSchema: ReturnType<typeof buildNewSite> | undefined;
const buildNewSite = () => z.object({
  name: z.string().trim().min(1).max(100),
  origins: z.array(originSchema()).max(20).default([]),
});
export const newSite = () => (newSiteSchema ??= buildNewSite());

export const sites = new Hono<AppEnv>();

sites.post('/', requireAdmin, async (c) => {
  const parsed = newSite().safeParse(await readJson(c, 16 * KiB));
  if (!parsed.success) throw badRequest('invalid site', zodFields(parsed.error.issues));
  const secretKey = randomKey('sk');
  const secretHash = await sha256Hex(secretKey);
  const site: Site = {
    id: randomKey('site'), name: parsed.data.name, publicKey: randomKey('pk'),
    origins: [...new Set(parsed.data.origins)], rules: {}, createdAt: Date.now(),
  };
  await insertSite(c.env.DB, site, secretHash);
  rememberSite(site, secretHash);
  return c.json({ id: site.id, name: site.name, origins: site.origins, publicKey: site.publicKey, secretKey }, 201);
});

/** A new secret key for the caller's site; the one used for this call stops working (worker/site-cache.ts: bound). */
sites.post('/rotate', requireSecret, async (c) => {
  const site = c.var.site;
  const rotated = await rotateSecret(c.env.DB, site.id, await sha256Hex(bearer(c.req.header('authorization'))!));
  if (!rotated) throw new ApiError(409, 'conflict', 'this secret key was rotated meanwhile; use the new one');
  forgetKeys(site.id, 'sh');
  rememberSite(site, rotated.secretHash);
  return c.json({ id: site.id, secretKey: rotated.secretKey });
});

/** The same with the ADMIN_TOKEN, for a site whose secret key is lost. */
sites.post('/:id/rotate', requireAdmin, async (c) => {
  const id = c.req.param('id');
  const rotated = id.length <= 64 ? await rotateSecret(c.env.DB, id) : null;
  if (!rotated) throw notFound(`no site ${id.slice(0, 64)}`);
  forgetKeys(id, 'sh');
  const site = await siteById(c.env.DB, id);
  if (site) rememberSite(site, rotated.secretHash);
  return c.json({ id, secretKey: rotated.secretKey });
});

/** A new public key; the old one keeps working for PUBLIC_KEY_GRACE_DAYS so cached pages still send beacons. */
sites.post('/rotate-public', requireSecret, async (c) => {
  const site = c.var.site;
  const rotated = await rotatePublicKey(c.env.DB, site.id);
  if (!rotated) throw notFound('site is gone');
  forgetKeys(site.id, 'pk');
  rememberSite({ ...site, publicKey: rotated.publicKey });
  return c.json({
    id: site.id, publicKey: rotated.publicKey, previousPublicKey: rotated.previousPublicKey,
    previousValidUntil: new Date(rotated.previousValidUntil).toISOString(), graceDays: PUBLIC_KEY_GRACE_DAYS,
  });
});
