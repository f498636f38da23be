// Erasure as data: a company's state without one visitor and its sessions; the score (units, ledger) is kept.
import { cloneState } from './state';
import { forgetVisitor } from './evidence';
import type { CompanyState } from './types';

/** Removes the visitor, its sessions, the trigger hits keyed by either, and its evidence. Pure. */
export function eraseVisitor(stored: CompanyState, visitor: string, sessions: readonly string[]): CompanyState {
  const st = cloneState(stored);
  const gone = new Set([visitor, ...sessions]);
  delete st.visitors[visitor];
  st.sessions = st.sessions.filter((m) => !gone.has(m[0]));
  for (const id in st.hits) {
    st.hits[id] = st.hits[id].filter((h) => h[2] === null || !gone.has(h[2]));
    if (!st.hits[id].length) delete st.hits[id];
  }
  forgetVisitor(st, visitor);
  return st;
}
