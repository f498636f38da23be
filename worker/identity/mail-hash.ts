// The mail-domain table's format, shared by the Worker and the script that builds it: sorted unique 32-bit FNV-1a hashes
// of the names, little-endian. 184k names in 2^32 values: a company is wrongly refused with probability ~4·10⁻⁵.

/** Where the table is served from (the ASSETS binding; the file is assets/mail-domains.bin). */
export const MAIL_DOMAINS_ASSET = '/mail-domains.bin';

/** FNV-1a, 32 bits, over the name's UTF-16 code units (names are ASCII after normalisation). */
export function fnv1a(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Binary search of a sorted table. */
export function hasHash(table: Uint32Array, h: number): boolean {
  let lo = 0;
  let hi = table.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = table[mid]!;
    if (v === h) return true;
    if (v < h) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** A Uint32Array over little-endian bytes (every Workers and Node host is little-endian; checked, not assumed). */
export function tableOf(bytes: ArrayBuffer): Uint32Array {
  if (new Uint8Array(new Uint32Array([1]).buffer)[0] !== 1) throw new Error('big-endian host');
  return new Uint32Array(bytes, 0, bytes.byteLength >>> 2);
}
