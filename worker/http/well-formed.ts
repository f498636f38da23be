// Well-formed text only: the path of the first string (value or key) holding a lone UTF-16 surrogate, else null.
// D1 stores such a string altered (the surrogate becomes U+FFFD), so an id would no longer match itself.
import type { Context, Next } from 'hono';
import { badRequest } from './errors';

/**
 * Walks arrays and plain objects without recursion (JSON may nest thousands deep); each node links to its parent,
 * so the dotted path (like zod's `e.3.i`) is only built for the one bad string.
 */
export function illFormedPath(root: unknown): string | null {
  const nodes: { value: unknown; parent: number; key: string | number | null }[] = [{ value: root, parent: -1, key: null }];
  const pathOf = (i: number, last?: string) => {
    const keys: (string | number)[] = last === undefined ? [] : [last];
    for (let n = i; n > 0; n = nodes[n].parent) keys.unshift(nodes[n].key!);
    return keys.join('.') || '(body)';
  };
  const todo = [0];
  while (todo.length) {
    const i = todo.pop()!;
    const value = nodes[i].value;
    if (typeof value === 'string') {
      if (!value.isWellFormed()) return pathOf(i);
    } else if (Array.isArray(value)) {
      for (let k = value.length - 1; k >= 0; k--) todo.push(nodes.push({ value: value[k], parent: i, key: k }) - 1);
    } else if (value && typeof value === 'object') {
      const entries = Object.entries(value);
      for (const [k] of entries) if (!k.isWellFormed()) return pathOf(i, k);
      for (let k = entries.length - 1; k >= 0; k--) todo.push(nodes.push({ value: entries[k][1], parent: i, key: entries[k][0] }) - 1);
    }
  }
  return null;
}

/** Middleware for every route: a query value or name that is not well-formed text is a 400 naming it. */
export async function wellFormedQuery(c: Context, next: Next): Promise<void> {
  for (const [name, values] of Object.entries(c.req.queries())) {
    const bad = !name.isWellFormed() ? name : values.some((v) => !v.isWellFormed()) ? name : null;
    if (bad !== null) throw badRequest(`query ${bad.toWellFormed()} is not well-formed Unicode`, [{ path: bad.toWellFormed(), message: 'not well-formed Unicode' }]);
  }
  await next();
}
