// Bots never create companies or score: a bot user agent, the snippet's automation flag, or a browser request without Accept-Language.
import { isbot } from 'isbot';
import type { ResolveContext } from '../ingest/types';

/**
 * True for automated traffic. A context without `userAgent` is a server-side call (`/v1/events`), judged by its
 * caller, not here; a browser context always carries the header (empty string when the request had none).
 */
export function isBot(ctx: ResolveContext): boolean {
  if (ctx.automated) return true;
  if (ctx.userAgent === undefined) return false;
  if (!ctx.userAgent.trim() || isbot(ctx.userAgent)) return true;
  return !ctx.acceptLanguage?.trim();
}
