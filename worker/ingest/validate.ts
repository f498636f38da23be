// The canonical event of SPEC "Events" as the secret-key API takes it: validated with zod, field errors by path.
import * as z from 'zod';
import { MAX_ID } from '../lib/limits';
import { companyDomain } from '../identity/domain';
import { CATEGORIES, EVENT_TYPES, FORM_KINDS } from '../scoring/types';
import type { IngestEvent } from './types';

export const MAX_EVENTS = 1000;
/** Backfill may reach this far back; events may be at most this far ahead of the server clock. */
const EARLIEST = Date.UTC(2000, 0, 1);
const MAX_AHEAD_MS = 5 * 60_000;

// Schemas are built on first use, not at module load: zod construction was most of a cold start's CPU (npm run bundle).
let schemas: ReturnType<typeof build> | undefined;
const built = () => (schemas ??= build());
/**
 * A domain or URL normalised to its company's registrable domain (`Mail.Acme.co.uk` → `acme.co.uk`, `bücher-gmbh.de` →
 * `xn--bcher-gmbh-9db.de`); reserved names, platform domains and free-mail by rule (big providers in every country, the
 * common providers) are refused. The long-tail D1 lists are not applied: a server-side event is the site owner's word, and
 * those lists also name real companies (c4.com, dog.com).
 */
export const companyDomainField = () => built().companyDomainField;
export const canonicalEvent = () => built().canonicalEvent;
export const eventBatch = () => built().eventBatch;

function build() {
  const unit = z.number().finite().min(0).max(1);
  const id = z.string().min(1).max(MAX_ID);

  /** Epoch ms or ISO-8601 with a zone; neither before 2000 nor in the future (backfill is fine). */
  const timestamp = z
    .union([z.number().int(), z.iso.datetime({ offset: true, local: false })])
    .transform((v, ctx) => {
      const ms = typeof v === 'number' ? v : Date.parse(v);
      if (!Number.isFinite(ms) || ms < EARLIEST || ms > Date.now() + MAX_AHEAD_MS) {
        ctx.addIssue({ code: 'custom', message: 'expected a time between 2000-01-01 and now (ISO-8601 or epoch ms)' });
        return z.NEVER;
      }
      return ms;
    });

  const companyDomainField = z.string().max(253).transform((v, ctx) => {
    const d = companyDomain(v);
    if (!d) {
      ctx.addIssue({ code: 'custom', message: 'expected a company domain like acme.com (not free-mail, a hosting platform or a reserved name)' });
      return z.NEVER;
    }
    return d;
  });

  const canonicalEvent = z
    .strictObject({
      id,
      type: z.enum(EVENT_TYPES),
      ts: timestamp.optional(),
      company: z.strictObject({ domain: companyDomainField, name: z.string().trim().min(1).max(200).optional() }).optional(),
      visitor: id.optional(),
      session: id.optional(),
      category: z.enum(CATEGORIES).optional(),
      form: z.enum(FORM_KINDS).optional(),
      url: z.string().max(2048).optional(),
      engagedMs: z.number().int().min(0).max(86_400_000).optional(),
      scrollDepth: unit.optional(),
      completion: unit.optional(),
      attention: z.number().finite().min(0).max(1000).optional(),
      sessionMs: z.number().int().min(0).max(86_400_000).optional(),
    })
    .refine((e) => e.company || e.visitor, { message: 'an event needs company.domain or a visitor', path: ['company'] });

  return { companyDomainField, canonicalEvent, eventBatch: z.strictObject({ events: z.array(canonicalEvent).min(1) }) };
}

/** A parsed canonical event as the ingest core takes it (ts defaulted to `now`, form defaulted to contact). */
export function toIngestEvent(e: z.infer<ReturnType<typeof canonicalEvent>>, now: number): IngestEvent {
  const { ts, form, ...rest } = e;
  return { ...rest, ts: ts ?? now, source: 'server', ...(e.type === 'form' ? { form: form ?? 'contact' } : form ? { form } : {}) };
}
