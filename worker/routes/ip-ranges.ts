// POST/GET/DELETE /v1/ip-ranges: a site's own IPv4/IPv6 CIDR ranges → company (secret key). Longest prefix wins at lookup.
import { Hono } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../env';
import { requireSecret } from '../http/auth';
import { readJson, KiB } from '../http/body';
import { badRequest, notFound, zodFields } from '../http/errors';
import { formatRange, parseCidr, WIDEST_PREFIX, type HexRange } from '../identity/cidr';
import { deleteRanges, listRanges, upsertRanges } from '../db/ip-ranges';
import { companyCandidate, registrableDomain } from '../identity/domain';
import { isListed } from '../identity/mail-domains';
import { cursorField, encodeCursor } from '../lib/cursor';

/** Narrower than this is one organisation; wider is a typo or a whole provider. */
const WIDEST = { v4: WIDEST_PREFIX.v4 - 96, v6: WIDEST_PREFIX.v6 } as const;
const MAX_PER_REQUEST = 1000;

// Built on first use, not at module load (startup CPU, npm run bundle).
let schemas: ReturnType<typeof build> | undefined;
export const rangeInput = () => (schemas ??= build()).rangeInput;
export const rangeList = () => (schemas ??= build()).rangeList;
function build() {
  const rangeInput = z.object({
    cidr: z.string().min(1).max(64),
    domain: z.string().min(1).max(253),
    name: z.string().trim().min(1).max(200).optional(),
  });
  return { rangeInput, rangeList: z.object({ ranges: z.array(rangeInput).min(1).max(MAX_PER_REQUEST) }) };
}

type Field = { path: string; message: string };

/** Validates one range; problems are reported with their field path (`ranges.3.cidr: host bits are set; …`). */
function checkRange(input: z.infer<ReturnType<typeof rangeInput>>, at: string, fields: Field[]) {
  const parsed = parseCidr(input.cidr);
  const candidate = companyCandidate(input.domain);
  const domain = candidate?.domain;
  if (!parsed.ok) fields.push({ path: `${at}cidr`, message: parsed.message });
  else if (tooWide(parsed.range)) fields.push({ path: `${at}cidr`, message: `wider than /${WIDEST.v4} (IPv4) or /${WIDEST.v6} (IPv6): not one organisation's network` });
  if (!domain) fields.push({ path: `${at}domain`, message: 'expected a registrable company domain (not free-mail or disposable)' });
  return parsed.ok && candidate ? { range: parsed.range, cidr: parsed.cidr, domain: candidate.domain, candidate, name: input.name ?? null } : null;
}

const tooWide = (r: HexRange) => (r.start.startsWith('00000000000000000000ffff') && r.prefix >= 96 ? r.prefix - 96 < WIDEST.v4 : r.prefix < WIDEST.v6);

export const ipRanges = new Hono<AppEnv>();
ipRanges.use('*', requireSecret);

ipRanges.post('/', async (c) => {
  const json = await readJson(c, 256 * KiB);
  // One range, or { ranges: [...] }: pick the schema by shape so errors name the real field, not a union.
  const many = typeof json === 'object' && json !== null && 'ranges' in json;
  const parsed = many ? rangeList().safeParse(json) : rangeInput().safeParse(json);
  if (!parsed.success) throw badRequest('invalid ip range', zodFields(parsed.error.issues));
  const inputs = 'ranges' in parsed.data ? parsed.data.ranges : [parsed.data];
  const fields: Field[] = [];
  const ok = inputs.map((r, i) => checkRange(r, many ? `ranges.${i}.` : '', fields));
  // The long tail of free-mail and disposable domains: the in-memory table (rules were applied by checkRange).
  for (const [i, r] of ok.entries())
    if (r && (await isListed(c.env, r.candidate))) fields.push({ path: `${many ? `ranges.${i}.` : ''}domain`, message: 'expected a registrable company domain (not free-mail or disposable)' });
  if (fields.length) throw badRequest(`invalid ip range: ${fields[0]!.path}: ${fields[0]!.message}`, fields.slice(0, 20));
  const site = c.var.site;
  const now = Date.now();
  const valid = ok.filter((r) => r !== null);
  await upsertRanges(c.env.DB, site.id, valid, now);
  const out = valid.map((r) => ({ cidr: r.cidr, domain: r.domain, name: r.name }));
  return c.json(many ? { ranges: out } : out[0], 201);
});

ipRanges.get('/', async (c) => {
  const limit = Math.min(Math.max(Number(c.req.query('limit') ?? 100) || 100, 1), 1000);
  const cursor = c.req.query('cursor');
  const [start, prefix] = cursor ? decodeRangeCursor(cursor) : ['', -1];
  const domain = c.req.query('domain');
  const results = await listRanges(c.env.DB, c.var.site.id, [start, prefix], limit + 1, domain && (registrableDomain(domain) ?? domain.toLowerCase()));
  const page = results.slice(0, limit);
  const last = page[page.length - 1];
  return c.json({
    ranges: page.map((r) => ({ cidr: formatRange(r.start_hex, r.prefix), domain: r.domain, name: r.name, createdAt: new Date(r.created_at).toISOString() })),
    nextCursor: results.length > limit && last ? encodeCursor([last.start_hex, last.prefix]) : null,
  });
});

const rangeCursor = cursorField((v): v is [string, number] =>
  Array.isArray(v) && v.length === 2 && /^[0-9a-f]{32}$/.test(String(v[0])) && Number.isInteger(v[1]) && v[1] >= 0 && v[1] <= 128);

function decodeRangeCursor(cursor: string): [string, number] {
  const parsed = rangeCursor.safeParse(cursor);
  if (!parsed.success) throw badRequest('invalid cursor', [{ path: 'cursor', message: 'use the nextCursor of the previous page' }]);
  return parsed.data;
}

/** DELETE /v1/ip-ranges?cidr=203.0.113.0/24 removes one range; ?domain=acme.com removes all of a company's. */
ipRanges.delete('/', async (c) => {
  const cidr = c.req.query('cidr');
  const domain = c.req.query('domain');
  if (!cidr === !domain) throw badRequest('give exactly one of ?cidr= or ?domain=', [{ path: cidr ? 'domain' : 'cidr', message: 'exactly one of cidr, domain' }]);
  const site = c.var.site;
  let deleted: number;
  if (cidr) {
    const parsed = parseCidr(cidr);
    if (!parsed.ok) throw badRequest(`invalid ip range: cidr: ${parsed.message}`, [{ path: 'cidr', message: parsed.message }]);
    deleted = await deleteRanges(c.env.DB, site.id, { range: parsed.range });
  } else {
    deleted = await deleteRanges(c.env.DB, site.id, { domain: registrableDomain(domain!) ?? domain!.toLowerCase() });
  }
  if (!deleted) throw notFound(cidr ? `no range ${cidr}` : `no ranges for ${domain}`);
  return c.json({ deleted });
});
