// STUB (owned by the company-resolution work): visitor id without consent, a daily-rotating salted hash.
import type { Env } from '../env';
import { sha256Hex } from '../http/keys';

export async function anonymousVisitorId(_env: Env, siteId: string, ip: string, userAgent: string, now: number): Promise<string> {
  const day = Math.floor(now / 86_400_000);
  return 'a_' + (await sha256Hex(`${day}|${siteId}|${ip}|${userAgent}`)).slice(0, 32);
}
