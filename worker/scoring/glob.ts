// URL-pattern globs (`*` = any run of characters) matched without regexes: time linear in the path, no backtracking.
//
// A site's patterns come from PUT /v1/rules and its paths from anonymous beacons, so a regex built from a pattern
// (`/*/*/*/*/pricing` → `^/.*/.*/.*/.*/pricing$`) let one beacon with a long path backtrack for minutes. Here a
// pattern is split at its stars once; the first piece must start the path, the last must end it, and each middle
// piece is found leftmost after the previous one (leftmost is always safe for `*`-only globs, so nothing is retried).
// Each piece is searched once from a position that only moves forward: at most O(path × piece) steps per pattern,
// O(path) in practice (V8's indexOf). Caps below bound every input.

/** Caps enforced by rules validation (a 400 naming the field) and, for paths, at ingest and here. */
export const MAX_PATTERNS = 200;
export const MAX_PATTERN_LENGTH = 200;
export const MAX_PATH_LENGTH = 2048;

export interface Glob {
  /** The pattern split at `*` (lowercased); one piece means no star. */
  pieces: string[];
  /** Fewest characters a matching path can have. */
  minLength: number;
}

export function compileGlob(pattern: string): Glob {
  const pieces = pattern.toLowerCase().split('*');
  return { pieces, minLength: pieces.reduce((n, p) => n + p.length, 0) };
}

/** Whether `text` (already lowercased) matches the whole glob. */
export function globMatches(glob: Glob, text: string): boolean {
  const { pieces } = glob;
  if (pieces.length === 1) return text === pieces[0];
  if (text.length < glob.minLength) return false;
  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  if (!text.startsWith(first) || !text.endsWith(last)) return false;
  let pos = first.length;
  const end = text.length - last.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const piece = pieces[i];
    if (!piece) continue;
    const at = text.indexOf(piece, pos);
    if (at < 0 || at + piece.length > end) return false;
    pos = at + piece.length;
  }
  return true;
}

/** One-off form: `globMatch('/*\/pricing', '/en/pricing')`. */
export const globMatch = (pattern: string, text: string) => globMatches(compileGlob(pattern), text.toLowerCase());
