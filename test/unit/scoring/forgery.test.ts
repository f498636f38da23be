// Bounded forgery in the engine: browser evidence from one client cannot reach Ready; a server event or two clients can.
import { describe, expect, it } from 'vitest';
import { defaultRules, scoreOf, standingAt, type ScoringEvent } from '../../../worker/scoring';
import { distinctClients, readyAllowed } from '../../../worker/scoring/evidence';
import { DAY, HOUR, T0, ev, run, stateAt, view } from './helpers';

const browser = (visitor: string, client: string) => ({ source: 'browser' as const, visitor, client });
/** Everything a page can send that pushes a company up: security form, security and onboarding pages, pricing, demo. */
function everything(from: { visitor: string; client: string }, t0 = T0): ScoringEvent[] {
  const b = browser(from.visitor, from.client);
  return [
    ev('form', t0, { form: 'security', ...b }),
    ev('form', t0 + HOUR, { form: 'reference', ...b }),
    ev('form', t0 + 2 * HOUR, { form: 'demo', ...b }),
    ...Array.from({ length: 12 }, (_, i) => view(i % 2 ? 'security' : 'onboarding', t0 + 3 * HOUR + i * HOUR, { session: `s${i}`, ...b })),
    ...Array.from({ length: 6 }, (_, i) => view('pricing', t0 + DAY + i * HOUR, { session: `p${i}`, ...b })),
  ];
}

describe('bounded forgery', () => {
  it('one anonymous security-form beacon no longer takes a company to Ready (it was 9.0 with sales attention)', () => {
    const r = run([ev('form', T0, { form: 'security', ...browser('v1', 'net-a') })]);
    expect(r.state.fired['references-security']).toBeUndefined();
    expect(standingAt(r.state, T0, defaultRules).stage).not.toBe('ready');
    expect(r.transitions.some((t) => t.to === 'ready')).toBe(false);
  });

  it('one client sending everything stops just below Ready, fires no Ready gate, but a demo request still means Evaluation + sales attention', () => {
    const r = run(everything({ visitor: 'v1', client: 'net-a' }));
    const standing = standingAt(r.state, T0 + 2 * DAY, defaultRules);
    expect(standing.stage).toBe('evaluation');
    expect(standing.salesAttention).toBe(true);
    expect(scoreOf(r.state)).toBe(defaultRules.bands.ready - defaultRules.evidence.margin);
    for (const id of ['references-security', 'security-pages', 'onboarding-docs', 'proposal']) expect(r.state.fired[id]).toBeUndefined();
    expect(r.state.fired['demo-request']).toBe(T0 + 2 * HOUR);
  });

  it('rotating the visitor id on one network, or the network with one visitor id, is still one client', () => {
    const ids = run(['v1', 'v2', 'v3', 'v4'].flatMap((v, i) => everything({ visitor: v, client: 'net-a' }, T0 + i * 2 * DAY)));
    expect(scoreOf(ids.state)).toBeLessThan(defaultRules.bands.ready);
    const nets = run(['net-a', 'net-b', 'net-c'].flatMap((c, i) => everything({ visitor: 'v1', client: c }, T0 + i * 2 * DAY)));
    expect(scoreOf(nets.state)).toBeLessThan(defaultRules.bands.ready);
    // A client that is unknown never counts as a second one.
    expect(scoreOf(run([...everything({ visitor: 'v1', client: 'net-a' }), ...everything({ visitor: 'v2', client: '' }, T0 + 2 * DAY)]).state)).toBeLessThan(8);
  });

  it('two distinct clients (visitor and network) within 30 days may reach Ready', () => {
    const two = run([...everything({ visitor: 'v1', client: 'net-a' }), ...everything({ visitor: 'v2', client: 'net-b' }, T0 + 3 * DAY)]);
    expect(standingAt(two.state, T0 + 4 * DAY, defaultRules).stage).toBe('ready');
    expect(two.transitions.at(-1)).toMatchObject({ to: 'ready' });
    expect(distinctClients(two.state, T0 + 5 * DAY, defaultRules)).toBe(2);
    // 40 days apart they are not together.
    const apart = run([...everything({ visitor: 'v1', client: 'net-a' }), ...everything({ visitor: 'v2', client: 'net-b' }, T0 + 40 * DAY)]);
    expect(scoreOf(apart.state)).toBeLessThan(8);
  });

  it('a server event (secret-key API) vouches: the same browser events then reach Ready', () => {
    const r = run([ev('sales_meeting', T0 - HOUR, { source: 'server' }), ...everything({ visitor: 'v1', client: 'net-a' })]);
    expect(readyAllowed(r.state, T0, defaultRules)).toBe(true);
    expect(standingAt(r.state, T0 + 2 * DAY, defaultRules).stage).toBe('ready');
    expect(r.state.fired['references-security']).toBeDefined();
  });

  it('events without a source are server events (the engine used alone, and every earlier test)', () => {
    expect(run([ev('form', T0, { form: 'security' })]).state.fired['references-security']).toBe(T0);
  });

  it('a score already in Ready (vouched before) is kept, never cut to the ceiling, and browser events cannot raise it', () => {
    const vouched = { ...stateAt(9.5, T0), proof: { serverAt: T0 - 40 * DAY, browser: [] } };
    const r = run([view('security', T0 + HOUR, browser('v1', 'net-a'))], vouched);
    expect(scoreOf(r.state)).toBe(9.5);
  });

  it('the state stays bounded: at most 8 browser clients are kept', () => {
    const r = run(Array.from({ length: 50 }, (_, i) => view('blog', T0 + i * HOUR, browser(`v${i}`, `n${i}`))));
    expect(r.state.proof!.browser.length).toBeLessThanOrEqual(8);
  });
});
