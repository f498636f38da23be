// Webhook secrets at rest: AES-GCM with a key derived (HKDF) from the WEBHOOK_KEY Worker secret when it is set.
// HMAC signing needs the secret itself, so it cannot be stored as a hash like API keys are.
const enc = new TextEncoder();
const PREFIX = 'enc1:';

async function aesKey(workerSecret: string): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', enc.encode(workerSecret), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: enc.encode('waymark/webhook-secret'), info: enc.encode('v1') },
    base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt'],
  );
}

const b64 = (b: Uint8Array) => btoa(String.fromCharCode(...b));
const unb64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

/** What to store for `secret`: encrypted when a WEBHOOK_KEY is configured, else the secret itself. */
export async function sealSecret(secret: string, workerSecret: string | undefined, siteId: string): Promise<string> {
  if (!workerSecret) return secret;
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: enc.encode(siteId) }, await aesKey(workerSecret), enc.encode(secret));
  return `${PREFIX}${b64(iv)}:${b64(new Uint8Array(ct))}`;
}

/** The secret back from its stored form; throws when it is encrypted and the key is missing or wrong. */
export async function openSecret(stored: string, workerSecret: string | undefined, siteId: string): Promise<string> {
  if (!stored.startsWith(PREFIX)) return stored;
  if (!workerSecret) throw new Error('webhook secret is encrypted but WEBHOOK_KEY is not set');
  const [iv, ct] = stored.slice(PREFIX.length).split(':');
  const pt = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: unb64(iv), additionalData: enc.encode(siteId) }, await aesKey(workerSecret), unb64(ct));
  return new TextDecoder().decode(pt);
}
