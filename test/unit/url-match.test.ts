// URL-pattern globs: the same answers as a reference matcher, and no pattern within the caps can make a path slow.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { compileGlob, globMatch, globMatches, MAX_PATH_LENGTH, MAX_PATTERN_LENGTH, MAX_PATTERNS } from '../../worker/scoring/glob';
import { categoryForPath, resolveRules, type Rules } from '../../worker/scoring';

/** Reference: textbook dynamic programming over (pattern, text) prefixes; obviously right, O(n·m) always. */
function reference(pattern: string, text: string): boolean {
  const p = pattern.toLowerCase();
  let row = new Array<boolean>(text.length + 1).fill(false);
  row[0] = true;
  for (const ch of p) {
    const next = new Array<boolean>(text.length + 1).fill(false);
    if (ch === '*') {
      next[0] = row[0];
      for (let j = 1; j <= text.length; j++) next[j] = row[j] || next[j - 1];
    } else for (let j = 1; j <= text.length; j++) next[j] = row[j - 1] && text[j - 1] === ch;
    row = next;
  }
  return row[text.length];
}

const alphabet = fc.constantFrom('/', 'a', 'b', 'x', '-', '*');
const small = (max: number) => fc.array(alphabet, { maxLength: max }).map((a) => a.join(''));

describe('globMatch', () => {
  it('answers what a reference matcher answers (random small patterns and paths)', () => {
    fc.assert(fc.property(small(12), small(24).map((s) => s.replace(/\*/g, '')), (pattern, text) => {
      expect(globMatch(pattern, text)).toBe(reference(pattern, text));
    }), { numRuns: 5000 });
  });

  it.each([
    ['/pricing*', '/pricing', true], ['/pricing*', '/pricing/teams', true], ['/pricing*', '/pric', false],
    ['/*/*/*/*/pricing', '/a/b/c/d/pricing', true], ['/*/*/*/*/pricing', '/a/b/c/pricing', false],
    ['*', '', true], ['', '', true], ['', '/', false], ['/a*a', '/a', false], ['/a*a', '/aa', true],
    ['/*ab*ab*', '/abab', true], ['/*ab*ab*', '/aba', false], ['/Blog/*', '/blog/x', true],
  ])('%s on %s → %s', (pattern, text, expected) => {
    expect(globMatch(pattern, text)).toBe(expected);
    expect(reference(pattern, text)).toBe(expected);
  });
});

// The attack of issue 11 and its relatives: stars between short pieces against long paths that almost match.
const hostilePattern = fc.oneof(
  fc.integer({ min: 1, max: MAX_PATTERN_LENGTH / 2 - 8 }).map((n) => '/*'.repeat(n) + '/pricing'),
  fc.integer({ min: 1, max: MAX_PATTERN_LENGTH / 2 }).map((n) => '*a'.repeat(n)),
  fc.integer({ min: 1, max: Math.floor((MAX_PATTERN_LENGTH - 1) / 3) }).map((n) => '*aa'.repeat(n) + 'b'),
  fc.integer({ min: 1, max: MAX_PATTERN_LENGTH - 2 }).map((n) => '*' + 'a'.repeat(n) + '*'),
  fc.array(alphabet, { minLength: 1, maxLength: MAX_PATTERN_LENGTH }).map((a) => a.join('')),
);
const hostilePath = fc.oneof(
  fc.integer({ min: 1, max: MAX_PATH_LENGTH / 2 }).map((n) => '/x'.repeat(n)),
  fc.integer({ min: 1, max: MAX_PATH_LENGTH }).map((n) => '/' + 'a'.repeat(n - 1)),
  fc.integer({ min: 2, max: MAX_PATH_LENGTH }).map((n) => '/'.repeat(n - 1) + 'x'),
  fc.array(fc.constantFrom('/', 'a', 'b', 'x'), { minLength: 1, maxLength: MAX_PATH_LENGTH }).map((a) => '/' + a.join('')),
);

let worstMs = 0;
let worstCase = '';
afterAll(() => console.log(`url-match fuzz: worst single match ${worstMs.toFixed(3)} ms (${worstCase})`));

describe('no pathological pattern within the caps is slow', () => {
  it(`one pattern ≤ ${MAX_PATTERN_LENGTH} chars on one path ≤ ${MAX_PATH_LENGTH} chars: never over 10 ms`, () => {
    fc.assert(fc.property(hostilePattern, hostilePath, (pattern, path) => {
      const glob = compileGlob(pattern);
      // Best of three: a GC pause or a busy shared CPU is not the matcher (a backtracking one is slow every time).
      let ms = Infinity;
      for (let i = 0; i < 3 && ms >= 1; i++) {
        const t0 = performance.now();
        globMatches(glob, path);
        ms = Math.min(ms, performance.now() - t0);
      }
      if (ms > worstMs) (worstMs = ms), (worstCase = `pattern ${pattern.length} chars, path ${path.length} chars`);
      expect(ms).toBeLessThan(10);
    }), { numRuns: 3000 });
  });

  it('the issue 11 attack: /*/*/*/*/pricing against a 2 KiB /x/x/… path answers at once', () => {
    const path = '/x'.repeat(1024);
    const t0 = performance.now();
    expect(globMatch('/*/*/*/*/pricing', path)).toBe(false);
    expect(globMatch('/*/*/*/*/pricing', path + '/pricing')).toBe(true);
    expect(performance.now() - t0).toBeLessThan(10);
  });

  // Each middle piece costs one forward scan of the path at most, so a whole rule set costs about patterns × path.
  it(`a whole rule set at the caps (${MAX_PATTERNS} patterns + defaults) on 2 KiB paths: one categoryForPath stays bounded`, () => {
    const sets: Record<string, (i: number) => string> = {
      slashes: (i) => ('/*'.repeat(95) + `/p${i}`).slice(0, MAX_PATTERN_LENGTH),
      longPiece: () => '/*' + 'a'.repeat(190) + 'b*',
      periodic: () => '/*' + 'ab'.repeat(95) + 'c*',
      manyPieces: () => '/*' + 'aa*'.repeat(65) + 'b',
    };
    const paths = ['/en' + '/x'.repeat(1022), '/' + 'a'.repeat(2047), '/' + 'ab'.repeat(1023), '/' + 'a'.repeat(1000) + 'b' + 'a'.repeat(1000)];
    let worst = 0;
    for (const make of Object.values(sets)) {
      const r = resolveRules({ urlPatterns: Array.from({ length: MAX_PATTERNS }, (_, i) => ({ pattern: make(i), category: 'pricing' })) });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      const rules: Rules = r.rules;
      for (const path of paths) {
        let ms = Infinity;
        for (let i = 0; i < 3; i++) {
          const t0 = performance.now();
          categoryForPath(path, rules);
          ms = Math.min(ms, performance.now() - t0);
        }
        worst = Math.max(worst, ms);
      }
    }
    console.log(`url-match: ${MAX_PATTERNS} hostile patterns on a 2 KiB path: worst ${worst.toFixed(2)} ms per categoryForPath`);
    expect(worst).toBeLessThan(100);
  });
});

describe('caps', () => {
  it('rules validation refuses patterns over the caps, naming the field', () => {
    const long = resolveRules({ urlPatterns: [{ pattern: '/' + '*'.repeat(MAX_PATTERN_LENGTH), category: 'pricing' }] });
    expect(long.ok ? [] : long.errors.map((e) => e.path)).toEqual(['urlPatterns.0.pattern']);
    const many = resolveRules({ urlPatterns: Array.from({ length: MAX_PATTERNS + 1 }, () => ({ pattern: '/x*', category: 'pricing' })) });
    expect(many.ok ? [] : many.errors.map((e) => e.path)).toEqual(['urlPatterns']);
  });

  it('paths longer than the cap are cut to it before matching', () => {
    const r = resolveRules({ urlPatterns: [{ pattern: '/x*y', category: 'pricing' }] });
    if (!r.ok) throw new Error('rules');
    expect(categoryForPath('/x' + 'a'.repeat(MAX_PATH_LENGTH) + 'y', r.rules)).not.toBe('pricing');
    expect(categoryForPath('/x' + 'a'.repeat(100) + 'y', r.rules)).toBe('pricing');
  });
});
