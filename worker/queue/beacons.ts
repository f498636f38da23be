// The beacon queue consumer: resolves each beacon's visitor to a company, then hands the batch to the ingest core.
// A failed batch is bisected so one bad message cannot hold back its neighbours; one that fails alone is dead-lettered.
import { ping } from '../db/ops';
import type { BeaconMessage, Env, Site } from '../env';
import { illFormedPath } from '../http/well-formed';
import { isBot } from '../identity/bots';
import { clientKey } from '../identity/client-key';
import { unknownClaims } from '../identity/claims';
import { resolveCompany, type Resolution } from '../identity/resolve';
import { gatedIngest } from '../ingest/gate';
import type { IngestEvent } from '../ingest/types';
import { siteById } from '../site-cache';
import { deadLetter } from './dead-letters';

/** A message failing alone this many times while D1 answers is poison, not an outage: dead-lettered. */
export const POISON_AFTER = 3;

type Msg = Message<BeaconMessage>;

/** Acks a message only after its events are stored and scored; otherwise it is retried (never lost) or dead-lettered. */
export async function consumeBeacons(batch: MessageBatch<BeaconMessage>, env: Env, maxDelaySeconds = 60): Promise<void> {
  const bySite = new Map<string, Msg[]>();
  for (const msg of batch.messages) bySite.set(msg.body?.siteId, [...(bySite.get(msg.body?.siteId) ?? []), msg]);
  const retry = (m: Msg) => m.retry({ delaySeconds: Math.min(maxDelaySeconds, 2 ** m.attempts) });
  for (const [siteId, messages] of bySite) {
    let site: Site | null;
    try {
      site = await siteById(env.DB, siteId);
    } catch (err) {
      console.error('beacon batch: site lookup failed; will retry', siteId, err);
      messages.forEach(retry);
      continue;
    }
    if (!site) {
      for (const m of messages) m.ack(); // the site was deleted: nothing to keep its events for
      continue;
    }
    // Text that D1 would store altered (a lone surrogate) can never be stored as sent: refused before it can fail a batch.
    const sound: Msg[] = [];
    for (const m of messages) {
      const bad = illFormedPath(m.body);
      if (bad === null) sound.push(m);
      else await settleFailed(env, site, batch.queue, m, new Error(`${bad} is not well-formed Unicode`), true, retry);
    }
    const stored = { any: false };
    const failedAlone: [Msg, unknown][] = [];
    await bisect(env, site, sound, stored, failedAlone);
    for (const [m, err] of failedAlone) await settleFailed(env, site, batch.queue, m, err, stored.any, retry);
  }
}

/** Stores the messages together; when that fails, each half on its own, down to single messages. */
async function bisect(env: Env, site: Site, messages: Msg[], stored: { any: boolean }, failedAlone: [Msg, unknown][]): Promise<void> {
  if (!messages.length) return;
  try {
    await storeMessages(env, site, messages);
    for (const m of messages) m.ack();
    stored.any = true;
  } catch (err) {
    if (messages.length === 1) return void failedAlone.push([messages[0], err]);
    console.error(`beacon batch of ${messages.length} failed; bisecting`, site.id, err);
    const half = Math.ceil(messages.length / 2);
    await bisect(env, site, messages.slice(0, half), stored, failedAlone);
    await bisect(env, site, messages.slice(half), stored, failedAlone);
  }
}

/**
 * A message that failed on its own: poison when its neighbours were stored meanwhile, or when it keeps failing
 * while D1 answers; then it is recorded in dead_letters and acked. Otherwise (D1 unreachable) it is retried.
 */
async function settleFailed(env: Env, site: Site, queue: string, m: Msg, err: unknown, othersStored: boolean, retry: (m: Msg) => void) {
  try {
    const poison = othersStored || (m.attempts >= POISON_AFTER && (await d1Answers(env.DB)));
    if (!poison) return retry(m);
    await deadLetter(env.DB, site.id, queue, m, err);
    console.error('beacon dead-lettered', site.id, m.id, err);
    m.ack();
  } catch (recordErr) {
    console.error('beacon failed and could not be dead-lettered; will retry', site.id, recordErr);
    retry(m);
  }
}

const d1Answers = (db: D1Database) => ping(db).then(() => true, () => false);

/** Resolves visitors and ingests the messages' events in one ingest call (one transaction). */
async function storeMessages(env: Env, site: Site, messages: Msg[]): Promise<void> {
  // Resolve visitors concurrently, each visitor's messages in order (the resolver only ever upgrades a visitor).
  const byVisitor = new Map<string, Msg[]>();
  messages.forEach((m, i) => byVisitor.set(m.body.ctx.visitorId ?? `#${i}`, [...(byVisitor.get(m.body.ctx.visitorId ?? `#${i}`) ?? []), m]));
  const resolutions = new Map<Msg, Resolution | null>();
  const perMessage = new Map<Msg, { bot: boolean; client?: string }>();
  await Promise.all([...byVisitor.values()].map(async (group) => {
    for (const m of group) {
      const bot = isBot(m.body.ctx);
      const r = bot ? null : await resolveCompany(env, site.id, m.body.ctx);
      resolutions.set(m, r);
      perMessage.set(m, { bot, client: await clientKey(site.id, m.body.ctx.visitorId, m.body.ctx.ip, r?.source ?? null) });
    }
  }));
  // A browser claim names a company only if it exists: forged beacons plant no company and no stakeholder.
  const unknown = await unknownClaims(env.DB, site.id, [...resolutions.values()]);
  // An unknown claim hides nothing the network knows: such a visitor on a company's IP range still counts for it.
  // One network lookup per network in the batch (not per message), all at once: a batch of forged claims costs no more.
  const byNetwork = new Map<string, Promise<Resolution | null>>();
  await Promise.all([...resolutions].map(async ([m, r]) => {
    if (r?.source !== 'identify' || !unknown.has(r.domain)) return;
    const { ip, asn, asOrganization } = m.body.ctx;
    const key = `${ip}|${asn}|${asOrganization}`;
    if (!byNetwork.has(key)) byNetwork.set(key, resolveCompany(env, site.id, { ...m.body.ctx, identifiedDomain: undefined, eventDomain: undefined }, { persist: false }));
    const net = await byNetwork.get(key)!;
    if (net) resolutions.set(m, net);
  }));
  const resolved = new Map<string, { domain: string; name?: string }>();
  const companyOf = new Map<Msg, { domain: string; name?: string } | null>();
  for (const [m, r] of resolutions) {
    const company = r && !(r.source === 'identify' && unknown.has(r.domain)) ? { domain: r.domain, ...(r.name ? { name: r.name } : {}) } : null;
    companyOf.set(m, company);
    if (company && m.body.ctx.visitorId) resolved.set(m.body.ctx.visitorId, company);
  }
  const events: IngestEvent[] = messages.flatMap((m) => {
    const { bot, client } = perMessage.get(m)!;
    const company = companyOf.get(m) ?? null;
    return m.body.events.map((ev) => ({
      ...ev, source: 'browser' as const, client, visitor: ev.visitor ?? m.body.ctx.visitorId, automated: bot || undefined, company: company ?? undefined,
    }));
  });
  // A visitor resolved anywhere in this batch: its unresolved events in the batch count for that company too,
  // and its earlier unresolved events in D1 are attributed by the core (each exactly once).
  for (const ev of events) if (!ev.company && !ev.automated && ev.visitor && resolved.has(ev.visitor)) ev.company = resolved.get(ev.visitor);
  const retro = [...resolved].map(([visitorId, c]) => ({ visitorId, domain: c.domain }));
  await gatedIngest(env, site, events, { retro });
}
