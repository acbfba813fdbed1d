// An independent reading of "the secret leaked, whole or in part": any run of 6 or more
// consecutive characters of it, in any letter case, as is or percent-encoded (once or twice,
// hex digits in either case), or as HTML/JSON character escapes. Deliberately written apart
// from core/log's redaction so the tests do not check the code against itself.

/** The shortest run of a secret's characters that counts as a leak. */
const LEAK_RUN = 6;

function decodeOnce(text: string): string {
  return text
    .replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\\u([0-9a-f]{4})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCharCode(Number(dec)));
}

/** The runs of `secret` (lower-cased) that `text` carries in some form; empty when none. */
export function leakedRuns(text: string, secret: string): string[] {
  const once = decodeOnce(text);
  const forms = [text, once, decodeOnce(once)].map((t) => t.toLowerCase());
  const s = secret.toLowerCase();
  const found = new Set<string>();
  for (let i = 0; i + LEAK_RUN <= s.length; i++) {
    const run = s.slice(i, i + LEAK_RUN);
    if (forms.some((f) => f.includes(run))) found.add(run);
  }
  return [...found];
}

/** Every char of `text` as %XX (upper or lower hex): how a proxy may echo a query string. */
export function percentEncodeAll(text: string, lower = false): string {
  const out = [...new TextEncoder().encode(text)]
    .map((b) => `%${b.toString(16).padStart(2, '0')}`)
    .join('');
  return lower ? out : out.toUpperCase();
}

/** The forms a server or proxy echoes a key in. */
export function keyForms(key: string): Record<string, string> {
  return {
    'as sent': key,
    'upper case': key.toUpperCase(),
    'lower case': key.toLowerCase(),
    'URL-encoded': encodeURIComponent(key),
    'URL-encoded, lower-case hex': encodeURIComponent(key).replace(/%[0-9A-F]{2}/g, (m) =>
      m.toLowerCase(),
    ),
    'percent-encoded throughout': percentEncodeAll(key),
    'percent-encoded throughout, lower-case hex': percentEncodeAll(key, true),
  };
}

/** Innocent filler: no six consecutive characters of any test key. */
export function filler(length: number): string {
  const words = 'the quick brown proxy jumped over a lazy gateway and said ';
  return words.repeat(Math.ceil(length / words.length)).slice(0, length);
}
