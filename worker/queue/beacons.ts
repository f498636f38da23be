// The beacon queue consumer: resolves each beacon's visitor to a company, then hands the batch to the ingest core.
import type { BeaconMessage, Env } from '../env';
import { isBot } from '../identity/bots';
import { resolveCompany } from '../identity/resolve';
import { gatedIngest } from '../ingest/gate';
import type { IngestEvent } from '../ingest/types';
import { siteById } from '../site-cache';

/** Acks a site's messages only after its events are stored and scored; otherwise they are retried (never lost). */
export async function consumeBeacons(batch: MessageBatch<BeaconMessage>, env: Env, maxDelaySeconds = 60): Promise<void> {
  const bySite = new Map<string, Message<BeaconMessage>[]>();
  for (const msg of batch.messages) bySite.set(msg.body.siteId, [...(bySite.get(msg.body.siteId) ?? []), msg]);
  for (const [siteId, messages] of bySite) {
    try {
      const site = await siteById(env.DB, siteId);
      if (!site) {
        for (const m of messages) m.ack(); // the site was deleted: nothing to keep its events for
        continue;
      }
      // Resolve visitors concurrently, each visitor's messages in order (the resolver only ever upgrades a visitor).
      const byVisitor = new Map<string, Message<BeaconMessage>[]>();
      messages.forEach((m, i) => byVisitor.set(m.body.ctx.visitorId ?? `#${i}`, [...(byVisitor.get(m.body.ctx.visitorId ?? `#${i}`) ?? []), m]));
      const resolved = new Map<string, { domain: string; name?: string }>();
      const perMessage = new Map<Message<BeaconMessage>, { bot: boolean; company: { domain: string; name?: string } | null }>();
      await Promise.all([...byVisitor.values()].map(async (group) => {
        for (const m of group) {
          const bot = isBot(m.body.ctx);
          const r = bot ? null : await resolveCompany(env, siteId, m.body.ctx);
          const company = r ? { domain: r.domain, ...(r.name ? { name: r.name } : {}) } : null;
          if (company && m.body.ctx.visitorId) resolved.set(m.body.ctx.visitorId, company);
          perMessage.set(m, { bot, company });
        }
      }));
      const events: IngestEvent[] = messages.flatMap((m) => {
        const { bot, company } = perMessage.get(m)!;
        return m.body.events.map((ev) => ({ ...ev, visitor: ev.visitor ?? m.body.ctx.visitorId, automated: bot || undefined, company: company ?? undefined }));
      });
      // A visitor resolved anywhere in this batch: its unresolved events in the batch count for that company too,
      // and its earlier unresolved events in D1 are attributed by the core (each exactly once).
      for (const ev of events) if (!ev.company && !ev.automated && ev.visitor && resolved.has(ev.visitor)) ev.company = resolved.get(ev.visitor);
      const retro = [...resolved].map(([visitorId, c]) => ({ visitorId, domain: c.domain }));
      await gatedIngest(env, site, events, { retro });
      for (const m of messages) m.ack();
    } catch (err) {
      console.error('beacon batch failed; will retry', siteId, err);
      for (const m of messages) m.retry({ delaySeconds: Math.min(maxDelaySeconds, 2 ** m.attempts) });
    }
  }
}
