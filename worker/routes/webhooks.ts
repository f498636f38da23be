// PUT/GET/DELETE /v1/webhooks and POST /v1/webhooks/test (secret key): a site's signed delivery endpoint.
import { Hono } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../env';
import { requireSecret } from '../http/auth';
import { readJson, KiB } from '../http/body';
import { badRequest, notFound, zodFields } from '../http/errors';
import { randomKey } from '../lib/keys';
import { deleteWebhook, saveWebhook, webhookStatus, webhookTarget } from '../db/webhooks';
import { iso } from '../lib/time';
import { post } from '../webhooks/deliver';
import { WEBHOOK_EVENTS, type WebhookPayload } from '../webhooks/payload';
import { openSecret, sealSecret } from '../webhooks/secret-box';
import { allowLocalWebhooks, checkWebhookTarget } from '../webhooks/target';

/** Public https targets only (worker/webhooks/target.ts); http://localhost too under ALLOW_LOCAL_WEBHOOKS=1. */
export const configFor = (allowLocal: boolean) => z.object({
  url: z.string().max(2048).superRefine((s, ctx) => {
    const check = checkWebhookTarget(s, allowLocal);
    if (!check.ok) ctx.addIssue({ code: 'custom', message: `${check.reason}: expected a public https:// URL` });
  }),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).max(WEBHOOK_EVENTS.length).default([...WEBHOOK_EVENTS]),
});

export const webhooks = new Hono<AppEnv>();
webhooks.use('*', requireSecret);

/** Sets (or replaces) the endpoint and issues a new signing secret, shown only in this answer. */
webhooks.put('/', async (c) => {
  const parsed = configFor(allowLocalWebhooks(c.env)).safeParse(await readJson(c, 8 * KiB));
  if (!parsed.success) throw badRequest('invalid webhook', zodFields(parsed.error.issues));
  const site = c.var.site;
  const secret = randomKey('whsec');
  const events = [...new Set(parsed.data.events)];
  const now = Date.now();
  await saveWebhook(c.env.DB, site.id, parsed.data.url, events, await sealSecret(secret, c.env.WEBHOOK_KEY, site.id), now);
  return c.json({ url: parsed.data.url, events, secret });
});

/** The endpoint (never its secret) and its recent deliveries, dead letters included. */
webhooks.get('/', async (c) => {
  const site = c.var.site;
  const { hook: h, recent, counts } = await webhookStatus(c.env.DB, site.id);
  if (!h) throw notFound('no webhook configured; PUT /v1/webhooks to set one');
  return c.json({
    url: h.url, events: JSON.parse(h.events), createdAt: iso(h.createdAt), updatedAt: iso(h.updatedAt),
    deliveries: Object.fromEntries(counts.map((r) => [r.status, r.n])),
    recent: recent.map((d) => ({
      id: d.id, type: d.type, company: d.companyDomain, status: d.status, attempts: d.attempts, nextAttempt: iso(d.nextAttempt),
      lastStatus: d.lastStatus, lastError: d.lastError, createdAt: iso(d.createdAt), updatedAt: iso(d.updatedAt),
    })),
  });
});

/** Removes the endpoint; deliveries not yet made are cancelled. */
webhooks.delete('/', async (c) => {
  const site = c.var.site;
  const removed = await deleteWebhook(c.env.DB, site.id, Date.now());
  if (!removed) throw notFound('no webhook configured');
  return c.json({ deleted: true, cancelledDeliveries: removed.cancelled });
});

/**
 * Sends a signed `test` delivery now and answers only whether it was delivered and the status class (`2xx`…`5xx`,
 * null when nothing answered): no timing, no error text, so the route is no probe of what listens where.
 */
webhooks.post('/test', async (c) => {
  const site = c.var.site;
  const h = await webhookTarget(c.env.DB, site.id);
  if (!h) throw notFound('no webhook configured; PUT /v1/webhooks to set one');
  const payload: WebhookPayload = {
    type: 'test', site: site.id, company: { domain: 'example.com', name: 'Example' },
    from: 'solution', to: 'evaluation', score: 6.2, salesAttention: false, evidence: ['browser'], at: new Date().toISOString(),
  };
  const id = `whd_test_${crypto.randomUUID().replace(/-/g, '')}`;
  if (!checkWebhookTarget(h.url, allowLocalWebhooks(c.env)).ok) return c.json({ delivered: false, status: null, payload });
  const { status } = await post(h.url, await openSecret(h.secret, c.env.WEBHOOK_KEY, site.id), JSON.stringify(payload), id);
  return c.json({ delivered: status !== null && status >= 200 && status < 300, status: status === null ? null : `${Math.floor(status / 100)}xx`, payload });
});
