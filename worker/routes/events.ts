// POST /v1/events (secret key): canonical events, validated all-or-nothing, stored and scored before answering.
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { requireSecret } from '../http/auth';
import { MiB, readJson } from '../http/body';
import { ApiError, badRequest, zodFields } from '../http/errors';
import { gatedIngest } from '../ingest/gate';
import { eventBatch, MAX_EVENTS, toIngestEvent } from '../ingest/validate';

export const events = new Hono<AppEnv>();

events.post('/', requireSecret, async (c) => {
  const body = await readJson(c, MiB);
  const count = (body as { events?: unknown })?.events;
  if (Array.isArray(count) && count.length > MAX_EVENTS)
    throw new ApiError(413, 'too_many_events', `at most ${MAX_EVENTS} events per request (got ${count.length}); split the batch`);
  const parsed = eventBatch().safeParse(body);
  if (!parsed.success) throw badRequest('invalid events; nothing was applied', zodFields(parsed.error.issues));
  const now = Date.now();
  const evs = parsed.data.events.map((e) => toIngestEvent(e, now));
  // A visitor named with a company: its earlier unresolved events count for that company now (once).
  const retro = new Map(evs.flatMap((e) => (e.visitor && e.company ? [[e.visitor, e.company.domain] as const] : [])).reverse());
  const { accepted, duplicates } = await gatedIngest(c.env, c.var.site, evs, {
    linkVisitors: true,
    retro: [...retro].map(([visitorId, domain]) => ({ visitorId, domain })),
  });
  return c.json({ accepted, duplicates });
});
