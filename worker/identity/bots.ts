// Bots never create companies or score: a bot user agent (isbot, plus the page-speed and screenshot services it misses),
// the snippet's automation flag, or a browser request without Accept-Language.
import { isbot } from 'isbot';
import type { ResolveContext } from '../ingest/types';

/**
 * Page-speed, monitoring and screenshot services that run a real Chrome, and so JavaScript and the snippet, with a
 * browser user agent plus their own token; isbot 5.2 lets these through (test/unit/bots.test.ts keeps the samples).
 */
export const SPEED_AND_SCREENSHOT = new RegExp(
  [
    'gtmetrix', '\\bYLT\\b', 'yellow ?lab', 'miniature\\.io', 'turingos', 'lighthouse', 'pagespeed', 'page speed', '\\bPTST\\b',
    'webpagetest', 'pingdom', 'speedcurve', 'debugbear', 'sitespeed\\.io', 'dareboost', '\\bcalibre\\b', 'uptrends', 'site24x7',
    'catchpoint', 'uptimerobot', 'checkly', 'urlbox', 'screenshotone', 'screenshotapi', 'apiflash', 'thum\\.io', 'browshot',
    'microlink', 'prerender', 'rendertron', 'headless',
  ].join('|'),
  'i',
);

export const isBotUserAgent = (ua: string) => isbot(ua) || SPEED_AND_SCREENSHOT.test(ua);

/**
 * True for automated traffic. A context without `userAgent` is a server-side call (`/v1/events`), judged by its
 * caller, not here; a browser context always carries the header (empty string when the request had none).
 */
export function isBot(ctx: ResolveContext): boolean {
  if (ctx.automated) return true;
  if (ctx.userAgent === undefined) return false;
  if (!ctx.userAgent.trim() || isBotUserAgent(ctx.userAgent)) return true;
  return !ctx.acceptLanguage?.trim();
}
