// Content categories: a page's category from the site's URL patterns, a category's journey phase, recommendations.
import type { Category, Phase, Rules, StageId } from './types';

const compiled = new WeakMap<Rules, { re: RegExp; category: Category }[]>();

function patternsOf(rules: Rules): { re: RegExp; category: Category }[] {
  let list = compiled.get(rules);
  if (!list) {
    list = rules.urlPatterns.map(({ pattern, category }) => ({
      re: new RegExp('^' + pattern.toLowerCase().split('*').map(escape).join('.*') + '$'),
      category,
    }));
    compiled.set(rules, list);
  }
  return list;
}
const escape = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/** Path (or full URL) → category: first matching pattern, also tried without a locale prefix (`/en/`, `/de-at/`). */
export function categoryForPath(path: string, rules: Rules): Category {
  let p = String(path).trim().toLowerCase().replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/, '').replace(/[?#].*$/, '');
  if (!p.startsWith('/')) p = '/' + p;
  if (p.length > 1) p = p.replace(/\/+$/, '') || '/';
  const bare = p.replace(/^\/[a-z]{2}(-[a-z]{2})?(?=\/|$)/, '') || '/';
  const list = patternsOf(rules);
  for (const candidate of bare === p ? [p] : [p, bare]) {
    for (const { re, category } of list) if (re.test(candidate)) return category;
  }
  return 'other';
}

export function phaseOf(category: Category | undefined, rules: Rules): Phase {
  if (!category) return 'neutral';
  for (const phase of ['education', 'solution', 'evaluation', 'ready'] as const) {
    if (rules.phases[phase].includes(category)) return phase;
  }
  return 'neutral';
}

/** "Content that helps" move a company at `stage` to the next one. */
export function recommendedFor(stage: StageId, rules: Rules): Category[] {
  return [...rules.recommended[stage]];
}
