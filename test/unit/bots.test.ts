import { describe, expect, it } from 'vitest';
import { isBotUserAgent } from '../../worker/identity/bots';

const chrome = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36';

describe('page-speed and screenshot services', () => {
  it('are bots, though their user agent is a real Chrome plus a token', () => {
    for (const t of ['GTmetrix', 'YLT', 'Yellow Lab Tools', 'Miniature.io/1.0', 'TSM-turingos', 'Chrome-Lighthouse', 'PTST/240101.123',
      'PingdomPageSpeed/1.0 (pingbot/2.0; +http://www.pingdom.com/)', 'SpeedCurve', 'DebugBear', 'sitespeed.io/30.0', 'Calibre/1.0',
      'Uptrends', 'ScreenshotOne', 'thum.io', 'Prerender (+https://github.com/prerender/prerender)'])
      expect(isBotUserAgent(`${chrome} ${t}`), t).toBe(true);
    expect(isBotUserAgent('Mozilla/5.0 (Miniature.io)')).toBe(true);
  });
  it('leave real browsers alone', () => {
    for (const ua of [
      chrome,
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Safari/605.1.15',
      'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1',
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
    ])
      expect(isBotUserAgent(ua), ua).toBe(false);
  });
});
