// Anonymous visitor ids: daily-salted HMAC, stable within a day, unlinkable across days, sessions crossing midnight kept.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { anonymousVisitorId, rotateSalts } from '../../worker/identity/visitor-id';
import { DAY_MS, dayOf } from '../../worker/lib/time';
import { rows } from './helpers';

const ua = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0.0.0';
const noon = Date.UTC(2031, 4, 10, 12);

describe('anonymous visitor ids', () => {
  it('are stable within a day and differ by IP, user agent, site and day', async () => {
    const id = await anonymousVisitorId(env, 'site-a', '203.0.113.7', ua, noon);
    expect(id).toMatch(/^a_[0-9a-f]{32}$/);
    expect(await anonymousVisitorId(env, 'site-a', '203.0.113.7', ua, noon + 3_600_000)).toBe(id);
    const others = await Promise.all([
      anonymousVisitorId(env, 'site-a', '203.0.113.8', ua, noon),
      anonymousVisitorId(env, 'site-a', '203.0.113.7', ua + ' x', noon),
      anonymousVisitorId(env, 'site-b', '203.0.113.7', ua, noon),
      anonymousVisitorId(env, 'site-a', '203.0.113.7', ua, noon + DAY_MS),
    ]);
    expect(new Set([id, ...others]).size).toBe(5);
  });

  it('are keyed by a random salt stored per day (never a bare hash of the IP)', async () => {
    const now = Date.UTC(2031, 5, 1, 9);
    await anonymousVisitorId(env, 's', '203.0.113.7', ua, now);
    const salts = await rows<{ day: number; salt: string }>('SELECT day, salt FROM visitor_salts WHERE day = ?', dayOf(now));
    expect(salts).toHaveLength(1);
    expect(salts[0]!.salt).toMatch(/^[0-9a-f]{64}$/);
  });

  it('create one salt per day even when many requests race for it', async () => {
    const now = Date.UTC(2031, 6, 1, 9);
    const ids = await Promise.all(Array.from({ length: 20 }, () => anonymousVisitorId(env, 's', '203.0.113.7', ua, now)));
    expect(new Set(ids).size).toBe(1);
    expect(await rows('SELECT day FROM visitor_salts WHERE day = ?', dayOf(now))).toHaveLength(1);
  });

  it('keep yesterday’s id for a session that crosses midnight, and only then', async () => {
    const midnight = Date.UTC(2031, 7, 2);
    const before = await anonymousVisitorId(env, 'site-m', '203.0.113.7', ua, midnight - 10 * 60_000);
    await env.DB.prepare('INSERT INTO visitors (site_id, id, first_seen, last_seen) VALUES (?, ?, ?, ?)')
      .bind('site-m', before, midnight - 20 * 60_000, midnight - 10 * 60_000)
      .run()
      .catch(async () => {
        // visitors.site_id references sites: create the site row the FK needs.
        await env.DB.prepare("INSERT INTO sites (id, name, public_key, secret_hash, created_at) VALUES ('site-m', 'm', 'pk_m', 'h_m', 0)").run();
        await env.DB.prepare('INSERT INTO visitors (site_id, id, first_seen, last_seen) VALUES (?, ?, ?, ?)').bind('site-m', before, midnight - 20 * 60_000, midnight - 10 * 60_000).run();
      });
    expect(await anonymousVisitorId(env, 'site-m', '203.0.113.7', ua, midnight + 5 * 60_000)).toBe(before);
    // Someone else, or the same person after the session timed out, gets today's id.
    expect(await anonymousVisitorId(env, 'site-m', '203.0.113.8', ua, midnight + 5 * 60_000)).not.toBe(await anonymousVisitorId(env, 'site-m', '203.0.113.8', ua, midnight - 5 * 60_000));
    expect(await anonymousVisitorId(env, 'site-m', '203.0.113.7', ua, midnight + 45 * 60_000)).not.toBe(before);
  });

  it('rotation deletes salts older than yesterday and expired enrichment answers', async () => {
    const now = Date.UTC(2031, 8, 10, 3);
    const today = dayOf(now);
    for (const day of [today - 5, today - 2, today - 1, today]) await env.DB.prepare('INSERT OR IGNORE INTO visitor_salts (day, salt, created_at) VALUES (?, ?, 0)').bind(day, 'x'.repeat(64)).run();
    await env.DB.prepare("INSERT INTO enrichment_cache (key, domain, expires_at) VALUES ('e_old', 'a.com', ?), ('e_new', 'b.com', ?)").bind(now - 1, now + 1).run();
    const removed = await rotateSalts(env.DB, now);
    expect(removed.salts).toBeGreaterThanOrEqual(2);
    expect(removed.enrichment).toBe(1);
    const left = (await rows<{ day: number }>('SELECT day FROM visitor_salts WHERE day >= ? ORDER BY day', today - 5)).map((r) => r.day);
    expect(left).toEqual([today - 1, today]);
    expect(await rotateSalts(env.DB, now)).toEqual({ salts: 0, enrichment: 0 });
  });
});
