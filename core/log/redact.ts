// Finding secrets in text the way a server, a proxy or a careless log line hands them back: in
// any letter case, percent-encoded (hex digits in either case, even twice), as JSON `\uXXXX` or
// HTML `&#..;` escapes, and in part. Any run of SECRET_RUN or more consecutive characters of a
// secret counts as the secret, so cutting a text (a preview, a 200-character message) can never
// leave a usable piece of it behind, provided the text is redacted before it is cut.
//
// Written here rather than taken from a library: the redaction packages on the registry match
// whole values or key names (`password: ...`), none matches fragments of a value or its encoded
// forms, and this is ~150 lines with no dependency (docs/architecture.md, "Secrets").

export const REDACTED = '[redacted]';
/** A run of this many consecutive characters of a secret is treated as the secret. */
export const SECRET_RUN = 6;
/**
 * Shorter secrets are not registered: matching 1-3 characters would redact ordinary words.
 * Secrets of MIN_SECRET_LENGTH to SECRET_RUN - 1 characters are matched whole only.
 */
export const MIN_SECRET_LENGTH = 4;
/** Decoding rounds: a secret percent-encoded twice (`%252B`) is still found. */
const DECODE_ROUNDS = 2;

/**
 * A text seen through some decoding: its chars (lower-cased) and, for each, the source range it
 * came from (null: char i is source char i).
 */
interface View {
  readonly chars: string;
  readonly starts: Int32Array | null;
  readonly ends: Int32Array | null;
}

function lower(c: string): string {
  const l = c.toLowerCase();
  return l.length === 1 ? l : c;
}

function identity(text: string): View {
  const l = text.toLowerCase();
  // Lower-casing keeps the length for all but a few letters (İ); then go char by char.
  const chars = l.length === text.length ? l : Array.from(text, lower).join('');
  return { chars, starts: null, ends: null };
}

const start = (v: View, i: number): number => (v.starts ? v.starts[i]! : i);
const end = (v: View, i: number): number => (v.ends ? v.ends[i]! : i + 1);

const ESCAPE = /%[0-9a-f]{2}|\\u[0-9a-f]{4}|&#x[0-9a-f]{1,6};|&#\d{1,7};/g;

/** The char an escape stands for; null when it is not one char (a non-ASCII byte). */
function unescape(e: string): string | null {
  const code =
    e[0] === '%'
      ? parseInt(e.slice(1), 16)
      : e[0] === '\\'
        ? parseInt(e.slice(2), 16)
        : e[2] === 'x'
          ? parseInt(e.slice(3, -1), 16)
          : Number(e.slice(2, -1));
  // Percent-escapes are bytes: only ASCII ones are a character on their own.
  if ((e[0] === '%' && code > 0x7f) || code > 0xffff) return null;
  return lower(String.fromCharCode(code));
}

function decoded(view: View): View | null {
  // Decoding only shortens: the source text's length bounds the decoded one.
  const starts = new Int32Array(view.chars.length);
  const ends = new Int32Array(view.chars.length);
  let chars = '';
  let n = 0;
  let at = 0;
  const copy = (to: number): void => {
    for (let i = at; i < to; i++, n++) {
      starts[n] = start(view, i);
      ends[n] = end(view, i);
    }
    chars += view.chars.slice(at, to);
  };
  for (const m of view.chars.matchAll(ESCAPE)) {
    const char = unescape(m[0]);
    if (char === null) continue;
    copy(m.index);
    chars += char;
    starts[n] = start(view, m.index);
    ends[n] = end(view, m.index + m[0].length - 1);
    n++;
    at = m.index + m[0].length;
  }
  if (at === 0) return null;
  copy(view.chars.length);
  return { chars, starts: starts.subarray(0, n), ends: ends.subarray(0, n) };
}

export interface SecretPattern {
  readonly text: string;
  /** Matched only in full (a whole URL), never by a run of its characters. */
  readonly whole?: boolean;
}

/** A compiled set of secrets: build once per set, redact many texts. */
export class SecretMatcher {
  readonly #runs = new Set<string>();
  /** The first two chars of every run, hashed: most positions of a text are ruled out cheaply. */
  readonly #heads = new Uint8Array(1 << 16);
  readonly #wholes: string[] = [];

  constructor(secrets: Iterable<SecretPattern>) {
    for (const { text, whole } of secrets) {
      const s = [...text].map(lower).join('');
      if (s.length < MIN_SECRET_LENGTH) continue;
      if (whole || s.length < SECRET_RUN) this.#wholes.push(s);
      else {
        for (let i = 0; i + SECRET_RUN <= s.length; i++) {
          this.#runs.add(s.slice(i, i + SECRET_RUN));
          this.#heads[head(s, i)] = 1;
        }
      }
    }
  }

  get empty(): boolean {
    return this.#runs.size === 0 && this.#wholes.length === 0;
  }

  /** `text` with every secret, and every run of SECRET_RUN+ characters of one, replaced. */
  redact(text: string): string {
    if (this.empty || text.length === 0) return text;
    const hits: [number, number][] = [];
    let view: View | null = identity(text);
    for (let round = 0; view !== null; round++) {
      this.#find(view, hits);
      view = round < DECODE_ROUNDS ? decoded(view) : null;
    }
    return hits.length === 0 ? text : replaceRanges(text, hits);
  }

  #find(view: View, hits: [number, number][]): void {
    const { chars } = view;
    if (this.#runs.size > 0) {
      for (let i = 0; i + SECRET_RUN <= chars.length; i++) {
        if (this.#heads[head(chars, i)] === 1 && this.#runs.has(chars.slice(i, i + SECRET_RUN))) {
          hits.push([start(view, i), end(view, i + SECRET_RUN - 1)]);
        }
      }
    }
    for (const whole of this.#wholes) {
      for (let at = chars.indexOf(whole); at >= 0; at = chars.indexOf(whole, at + 1)) {
        hits.push([start(view, at), end(view, at + whole.length - 1)]);
      }
    }
  }
}

function head(text: string, i: number): number {
  return (Math.imul(text.charCodeAt(i), 31) ^ text.charCodeAt(i + 1)) & 0xffff;
}

/** Replaces the union of the ranges (overlapping or touching ones merge) with one marker each. */
function replaceRanges(text: string, ranges: [number, number][]): string {
  ranges.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  let open: [number, number] | null = null;
  for (const [start, end] of ranges) {
    if (open && start <= open[1]) {
      open[1] = Math.max(open[1], end);
      continue;
    }
    if (open) {
      out += text.slice(at, open[0]) + REDACTED;
      at = open[1];
    }
    open = [start, end];
  }
  if (open) {
    out += text.slice(at, open[0]) + REDACTED;
    at = open[1];
  }
  return out + text.slice(at);
}

/**
 * Every URL in `text` without its `user:password@` part. The WHATWG parser takes the last `@`
 * before the path as the end of the userinfo, so a password with an unencoded `@` is removed
 * whole, not cut at its first `@`.
 */
export function stripUrlCredentials(text: string): string {
  if (!text.includes('://')) return text;
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#]*@/gi, '$1');
}
