// npm run size: the snippet's raw, gzip and brotli bytes, beside its peers' published gzip sizes.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { buildSnippet, type SnippetFlags } from './build-snippet';

export const BUDGET_GZIP = 1536;
// Peers' scripts, gzip -9: Plausible and Counterscale as npm run bench:snippet builds them from node_modules,
// Umami 3.1 as served (issue 18; not on npm as a tracker).
const PEERS = { 'Plausible 0.4.6 (with engagement, scroll depth)': 2606, 'Umami 3.1': 2224, 'Counterscale 3.4': 1884 };

export function sizes(code: string) {
  return {
    raw: Buffer.byteLength(code),
    gzip: gzipSync(code, { level: 9 }).length,
    brotli: brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** The served build's bytes and its ratios to the peers, for npm run bench. */
export async function snippetSize() {
  const s = sizes(await buildSnippet());
  const vs = Object.fromEntries(Object.entries(PEERS).map(([peer, bytes]) => [peer, +(s.gzip / bytes).toFixed(2)]));
  return { ...s, budgetGzip: BUDGET_GZIP, withinBudget: s.gzip <= BUDGET_GZIP, gzipVsPeers: vs };
}

if (process.argv[1]?.endsWith('size.ts')) {
  const variants: [string, SnippetFlags][] = [
    ['w.js (served: reading, SPA)', {}],
    ['w.js?forms (served: + form submits)', { forms: true }],
    ['w.js?media (served: + media)', { media: true }],
    ['w.js?forms&media (served)', { forms: true, media: true }],
    ['core only (reading, no SPA)', { spa: false }],
  ];
  console.log('build'.padEnd(38), 'raw'.padStart(6), 'gzip'.padStart(6), 'brotli'.padStart(7));
  let served = 0;
  for (const [name, flags] of variants) {
    const s = sizes(await buildSnippet(flags));
    served ||= s.gzip;
    console.log(name.padEnd(38), String(s.raw).padStart(6), String(s.gzip).padStart(6), String(s.brotli).padStart(7));
  }
  console.log(`\nbudget: ${served} / ${BUDGET_GZIP} bytes gzip ${served <= BUDGET_GZIP ? 'OK' : 'OVER'}`);
  for (const [peer, bytes] of Object.entries(PEERS))
    console.log(`vs ${peer} ~${bytes} B gzip: ${(served / bytes).toFixed(2)}× the size`);
  if (served > BUDGET_GZIP) process.exitCode = 1;
}
