// A real long text nobody here wrote (license texts shipped in node_modules), rendered as an article page.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');
/** Apache 2.0 (1,585 words, ~5 screens at 1280×720) and MPL 2.0 (2,435 words), as their packages ship them. */
export const TEXTS = {
  apache: 'node_modules/playwright-core/LICENSE',
  mpl: 'node_modules/lightningcss/LICENSE',
} as const;

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The text's paragraphs (blank-line separated), at most `maxWords` words in all. */
export function paragraphs(name: keyof typeof TEXTS, maxWords = Infinity): string[] {
  const file = join(ROOT, existsSync(join(ROOT, TEXTS[name])) ? TEXTS[name] : TEXTS.apache);
  const out: string[] = [];
  let words = 0;
  for (const p of readFileSync(file, 'utf8').split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean)) {
    const n = p.split(' ').length;
    if (words + n > maxWords) break;
    out.push(p);
    words += n;
  }
  return out;
}

export const wordCount = (ps: string[]) => ps.reduce((n, p) => n + p.split(' ').length, 0);

/** A plain article page: short paragraphs become headings; `head` holds the tracker's tag. */
export function articlePage(title: string, ps: string[], head = ''): string {
  const body = ps.map((p) => (p.split(' ').length < 8 ? `<h2>${escapeHtml(p)}</h2>` : `<p>${escapeHtml(p)}</p>`)).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<style>body{font:18px/1.6 Georgia,serif;margin:0}header,footer{background:#eee;padding:1em 2em}
article{max-width:40em;margin:2em auto;padding:0 1em}</style>${head}</head>
<body><header><b>Guides</b> · <a href="/">Home</a></header><article><h1>${escapeHtml(title)}</h1>
${body}</article><footer>© Example Corp</footer></body></html>`;
}
