// The beacon queue consumer: resolves each beacon's visitor to a company, then hands the batch to the ingest core.
import type { BeaconMessage, Env } from '../env';
import { isBot } from '../identity/bots';
import { resolveCompany } from '../identity/resolve';
import { ingest } from '../ingest/core';
import type { IngestEvent } from '../ingest/types';
import { siteById } from '../site-cache';

/** Acks a site's messages only after its events are stored and scored; otherwise they are retried (never lost). */
export async function consumeBeacons(batch: MessageBatch<BeaconMessage>, env: Env): Promise<void> {
  const bySite = new Map<string, Message<BeaconMessage>[]>();
  for (const msg of batch.messages) bySite.set(msg.body.siteId, [...(bySite.get(msg.body.siteId) ?? []), msg]);
  for (const [siteId, messages] of bySite) {
    try {
      const site = await siteById(env.DB, siteId);
      if (!site) {
        for (const m of messages) m.ack(); // the site was deleted: nothing to keep its events for
        continue;
      }
      const events: IngestEvent[] = [];
      const retro = new Map<string, string>();
      for (const { body } of messages) {
        const bot = isBot(body.ctx);
        const company = bot ? null : await resolveCompany(env, siteId, body.ctx);
        // A resolved visitor's earlier unresolved events count now; the core attributes each exactly once.
        if (company && body.ctx.visitorId) retro.set(body.ctx.visitorId, company.domain);
        for (const ev of body.events)
          events.push({ ...ev, visitor: ev.visitor ?? body.ctx.visitorId, automated: bot || undefined, company: company ? { domain: company.domain, ...(company.name ? { name: company.name } : {}) } : undefined });
      }
      // A visitor resolved later in this batch: their earlier events here are not stored yet, so the core's retro
      // pass cannot see them; they take the company as they are inserted (still once).
      for (const ev of events) if (!ev.company && !ev.automated && ev.visitor && retro.has(ev.visitor)) ev.company = { domain: retro.get(ev.visitor)! };
      await ingest(env, site, events, { retro: [...retro].map(([visitorId, domain]) => ({ visitorId, domain })) });
      for (const m of messages) m.ack();
    } catch (err) {
      console.error('beacon batch failed; will retry', siteId, err);
      for (const m of messages) m.retry({ delaySeconds: Math.min(60, 2 ** m.attempts) });
    }
  }
}
