import { expect, inject, it } from 'vitest';
import { launchBrowser, watchErrors } from './browser';

it('serves the local Worker to a real Chromium', async () => {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    const res = await page.goto(`${inject('workerUrl')}/health`);
    expect(res?.status()).toBe(200);
    expect(await page.textContent('body')).toContain('"ok":true');
    expect(errors).toEqual([]);
  } finally {
    await browser.close();
  }
});
