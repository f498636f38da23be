// Content categories: a page's category from the site's URL patterns, a category's journey phase, recommendations.
import { compileGlob, globMatches, MAX_PATH_LENGTH, type Glob } from './glob';
import type { Category, Phase, Rules, StageId } from './types';

const compiled = new WeakMap<Rules, { glob: Glob; category: Category }[]>();

function patternsOf(rules: Rules): { glob: Glob; category: Category }[] {
  let list = compiled.get(rules);
  if (!list) {
    list = rules.urlPatterns.map(({ pattern, category }) => ({ glob: compileGlob(pattern), category }));
    compiled.set(rules, list);
  }
  return list;
}

/** `/a/b///` → `/a/b` without a regex (`/\/+$/` is quadratic on a long run of slashes that does not end the path). */
function trimTrailingSlashes(p: string): string {
  let end = p.length;
  while (end > 1 && p.charCodeAt(end - 1) === 47) end--;
  return p.slice(0, end);
}

/** Path (or full URL) → category: first matching pattern, also tried without a locale prefix (`/en/`, `/de-at/`). */
export function categoryForPath(path: string, rules: Rules): Category {
  // Ingest refuses longer URLs; the cap here keeps the matcher's bound whatever the caller.
  let p = String(path).slice(0, MAX_PATH_LENGTH).trim().toLowerCase().replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/, '');
  const query = p.search(/[?#]/);
  if (query >= 0) p = p.slice(0, query);
  if (!p.startsWith('/')) p = '/' + p;
  p = trimTrailingSlashes(p);
  const bare = p.replace(/^\/[a-z]{2}(-[a-z]{2})?(?=\/|$)/, '') || '/';
  const list = patternsOf(rules);
  for (const candidate of bare === p ? [p] : [p, bare]) {
    for (const { glob, category } of list) if (globMatches(glob, candidate)) return category;
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
