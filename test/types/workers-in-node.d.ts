// Workers types that worker/ modules name, for code type-checked as Node + DOM (scripts, e2e tests) that imports them.
import type * as W from '@cloudflare/workers-types/latest/index.ts';

declare global {
  type D1Database = W.D1Database;
  type D1PreparedStatement = W.D1PreparedStatement;
  type D1Result<T = unknown> = W.D1Result<T>;
  interface SubtleCrypto {
    timingSafeEqual(a: ArrayBuffer | ArrayBufferView, b: ArrayBuffer | ArrayBufferView): boolean;
  }
}
