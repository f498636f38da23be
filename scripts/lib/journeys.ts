// Deterministic buyer journeys for N companies (durations and touch points from seed 003), as canonical events.
const DAY = 86_400_000;
const HOUR = 3_600_000;

/** mulberry32: a small seeded PRNG, so the same --seed gives the same journeys. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    between: (lo: number, hi: number) => lo + next() * (hi - lo),
    int: (lo: number, hi: number) => Math.floor(lo + next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof rng>;

export type SimEvent = Record<string, unknown> & { id: string; ts: number };

/** How far each company gets, with its share of companies. */
const ARCHETYPES = [
  { kind: 'browser', share: 0.44 },     // reads the blog for a while, then drifts away
  { kind: 'researcher', share: 0.24 },  // learns, looks at solutions, stalls
  { kind: 'evaluator', share: 0.16 },    // demos, pricing, stakeholders; some stall or see a competitor
  { kind: 'buyer', share: 0.09 },       // all the way: security review, meetings, proposal
  { kind: 'lost', share: 0.07 },        // engaged, then unsubscribes or visits a competitor
] as const;

const ADJ = ['north', 'bright', 'blue', 'iron', 'silver', 'clear', 'swift', 'green', 'red', 'true', 'deep', 'open', 'high', 'quiet', 'bold', 'prime'];
const NOUN = ['field', 'harbor', 'stone', 'leaf', 'forge', 'wave', 'peak', 'bridge', 'grid', 'works', 'labs', 'logic', 'path', 'signal', 'orbit', 'cloud'];
const TLD = ['com', 'io', 'co', 'de', 'co.uk', 'fr', 'nl'];

/** Stage phases of seed 003: durations in days and the touch points of each. */
const PHASES = {
  awareness: { days: [30, 90], gap: [5, 16], touches: ['blog', 'blog', 'blog', 'glossary', 'explainer', 'report', 'newsletter', 'webinar'] },
  consideration: { days: [14, 28], gap: [2, 6], touches: ['guide', 'features', 'product', 'roi-calculator', 'product-webinar', 'benchmark', 'success-story', 'pricing'] },
  evaluation: { days: [28, 56], gap: [2, 5], touches: ['pricing', 'case-study', 'comparison', 'docs', 'integration', 'demo', 'features'] },
  decision: { days: [14, 28], gap: [2, 4], touches: ['security', 'procurement', 'implementation', 'onboarding', 'pricing', 'references'] },
} as const;
type Phase = keyof typeof PHASES;

function touch(r: Rng, category: string, at: number, visitor: string, session: string, id: string): SimEvent {
  switch (category) {
    case 'report': case 'case-study': case 'comparison':
      if (r.chance(0.5)) return { id, ts: at, type: 'download', category, visitor, session, attention: +r.between(0.9, 1.8).toFixed(2), completion: +r.between(0.4, 1).toFixed(2) };
      break;
    case 'webinar': case 'product-webinar':
      return { id, ts: at, type: 'media', category, visitor, session, completion: +r.between(0.3, 1).toFixed(2) };
    case 'roi-calculator':
      return { id, ts: at, type: 'tool', category, visitor, session };
    case 'guide':
      if (r.chance(0.4)) return { id, ts: at, type: 'download', category, visitor, session, completion: +r.between(0.3, 1).toFixed(2) };
  }
  const engagedMs = r.chance(0.15) ? r.int(1_000, 9_000) : r.int(12_000, 240_000);
  return { id, ts: at, type: 'pageview', category, visitor, session, engagedMs, scrollDepth: +r.between(0.2, 1).toFixed(2),
    completion: +r.between(0.1, 1).toFixed(2), attention: +r.between(0.4, 1.6).toFixed(2), url: `/${category}/${r.int(1, 40)}` };
}

export interface JourneyOptions { companies: number; seed: number; days: number; now: number }

/** Events for every company, sorted by time, all before `now`. */
export function generateJourneys(o: JourneyOptions): { events: SimEvent[]; kinds: Record<string, number> } {
  const r = rng(o.seed);
  const events: SimEvent[] = [];
  const kinds: Record<string, number> = {};
  const domains = new Set<string>();
  const start = o.now - o.days * DAY;
  for (let c = 0; c < o.companies; c++) {
    let roll = r.next();
    const kind = (ARCHETYPES.find((a) => (roll -= a.share) < 0) ?? ARCHETYPES[0]).kind;
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    let base = `${r.pick(ADJ)}${r.pick(NOUN)}`;
    while (domains.has(base)) base += r.int(0, 9);
    domains.add(base);
    const company = { domain: `${base}.${r.pick(TLD)}`, name: base[0].toUpperCase() + base.slice(1) };
    const people = Array.from({ length: r.int(1, kind === 'buyer' || kind === 'evaluator' ? 5 : 2) }, (_, i) => `sim${o.seed}-${c}-v${i}`);
    let t = start + r.between(0, o.days * 0.85) * DAY;
    let n = 0;
    const id = () => `sim-${o.seed}-${c}-${n++}`;
    const push = (e: SimEvent) => e.ts < o.now && events.push({ ...e, ts: Math.round(e.ts), company });
    const phases: Phase[] = kind === 'browser' ? ['awareness'] : kind === 'researcher' || kind === 'lost' ? ['awareness', 'consideration']
      : kind === 'evaluator' ? ['awareness', 'consideration', 'evaluation'] : ['awareness', 'consideration', 'evaluation', 'decision'];
    for (const phase of phases) {
      const p = PHASES[phase];
      // Evaluators stall: a few visits into evaluation, and they stop coming back.
      const stall = kind === 'evaluator' && phase === 'evaluation' ? r.between(0.25, 0.6) : 1;
      const end = t + r.between(p.days[0], p.days[1]) * DAY * stall;
      let visits = stall < 1 ? r.int(0, 2) : Infinity;
      while (t < end && visits-- > 0) {
        const visitor = phase === 'awareness' ? people[0] : r.pick(people);
        const session = `s-${id()}`;
        for (let k = r.int(1, 3); k > 0; k--) push(touch(r, r.pick(p.touches), t + k * 4 * 60_000, visitor, session, id()));
        t += r.between(p.gap[0], p.gap[1]) * DAY * (stall < 1 ? 2 : 1) + r.between(-6, 6) * HOUR;
      }
      // Milestones that close a phase (seed 003: demos in evaluation, meetings, references, proposal).
      if (phase === 'consideration' && kind !== 'lost' && kind !== 'researcher') push({ id: id(), ts: t, type: 'form', form: r.pick(['demo', 'trial']), visitor: people[0], category: 'demo' });
      if (phase === 'evaluation') {
        if (kind === 'buyer' || r.chance(0.3)) push({ id: id(), ts: t, type: 'sales_meeting', visitor: people[0] });
        if (kind === 'evaluator' && r.chance(0.4)) push({ id: id(), ts: t + 5 * DAY, type: 'competitor_visit' });
      }
      if (phase === 'decision') {
        push({ id: id(), ts: t, type: r.pick(['reference_request', 'security_review']) });
        if (r.chance(0.7)) push({ id: id(), ts: t + 3 * DAY, type: 'proposal' });
      }
    }
    if (kind === 'lost') push({ id: id(), ts: t + r.between(1, 10) * DAY, type: r.chance(0.6) ? 'unsubscribe' : 'competitor_visit', visitor: people[0] });
  }
  events.sort((a, b) => a.ts - b.ts || a.id.localeCompare(b.id));
  return { events, kinds };
}

/** Sends events through POST /v1/events in batches of at most `batch` (≤ 1000), in time order. */
export async function sendEvents(url: string, key: string, events: SimEvent[], batch = 1000) {
  let accepted = 0;
  let duplicates = 0;
  for (let i = 0; i < events.length; i += batch) {
    const res = await fetch(`${url}/v1/events`, {
      method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events: events.slice(i, i + batch) }),
    });
    if (!res.ok) throw new Error(`POST /v1/events → ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { accepted: number; duplicates: number };
    accepted += body.accepted;
    duplicates += body.duplicates;
  }
  return { accepted, duplicates, batches: Math.ceil(events.length / batch) };
}
