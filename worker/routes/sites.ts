// POST /v1/sites (ADMIN_TOKEN): creates a site and shows its keys once; the secret is stored as SHA-256.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv, Site } from '../env';
import { requireAdmin } from '../http/auth';
import { readJson, KiB } from '../http/body';
import { badRequest, zodFields } from '../http/errors';
import { randomKey, sha256Hex } from '../http/keys';
import { rememberSite } from '../site-cache';

/** `https://Example.com/` → `https://example.com`; only http(s) origins without path or credentials. */
export const originSchema = z.string().max(2048).transform((s, ctx) => {
  try {
    const u = new URL(s);
    if ((u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password && (u.pathname === '/' || u.pathname === '') && !u.search)
      return u.origin;
  } catch {}
  ctx.addIssue({ code: 'custom', message: 'expected an origin like https://www.example.com' });
  return z.NEVER;
});

const newSite = z.object({
  name: z.string().trim().min(1).max(100),
  origins: z.array(originSchema).max(20).default([]),
});

export const sites = new Hono<AppEnv>();

sites.post('/', requireAdmin, async (c) => {
  const parsed = newSite.safeParse(await readJson(c, 16 * KiB));
  if (!parsed.success) throw badRequest('invalid site', zodFields(parsed.error.issues));
  const secretKey = randomKey('sk');
  const secretHash = await sha256Hex(secretKey);
  const site: Site = {
    id: randomKey('site'), name: parsed.data.name, publicKey: randomKey('pk'),
    origins: [...new Set(parsed.data.origins)], rules: {}, createdAt: Date.now(),
  };
  await c.env.DB.prepare('INSERT INTO sites (id, name, public_key, secret_hash, origins, rules, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .bind(site.id, site.name, site.publicKey, secretHash, JSON.stringify(site.origins), '{}', site.createdAt)
    .run();
  rememberSite(site, secretHash);
  return c.json({ id: site.id, name: site.name, origins: site.origins, publicKey: site.publicKey, secretKey }, 201);
});
