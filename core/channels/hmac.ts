// HMAC-SHA256 through Web Crypto (a global in Node and in every browser), so the signature of a
// webhook body needs no Node built-in in core.
const encoder = new TextEncoder();

/** Lower-case hex of HMAC-SHA256(secret, text), both as UTF-8 bytes. */
export async function hmacSha256Hex(secret: string, text: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(text)));
  return Array.from(signature, (b) => b.toString(16).padStart(2, '0')).join('');
}
