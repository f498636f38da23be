// STUB (owned by the company-resolution work): the resolver ladder. Returns the best company for a visitor.
import type { Env } from '../env';
import type { ResolveContext } from '../ingest/types';

export interface Resolution {
  domain: string;
  name?: string;
  /** Ladder rung: 50 event domain, 40 identify/email, 30 ip range, 20 as-org, 10 enrichment. */
  confidence: number;
  source: 'event' | 'identify' | 'ip-range' | 'as-org' | 'enrichment';
}

export async function resolveCompany(_env: Env, _siteId: string, ctx: ResolveContext): Promise<Resolution | null> {
  return ctx.identifiedDomain ? { domain: ctx.identifiedDomain, confidence: 40, source: 'identify' } : null;
}
