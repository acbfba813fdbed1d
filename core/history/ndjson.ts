// Newline-delimited JSON, read tolerantly: a crash mid-append leaves a torn last line, and a
// hand edit may break one in the middle; both are skipped (and counted), never fatal.
import type { z } from 'zod';

export interface NdjsonRead<T> {
  readonly records: T[];
  /** Lines that were not valid JSON or did not match the schema. */
  readonly skipped: number;
  /** The text did not end with a newline: the last write was cut short. */
  readonly torn: boolean;
}

export function parseNdjson<S extends z.ZodType>(text: string, schema: S): NdjsonRead<z.output<S>> {
  const records: z.output<S>[] = [];
  let skipped = 0;
  const lines = text.split('\n');
  for (const line of lines) {
    if (line.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      skipped++;
      continue;
    }
    const parsed = schema.safeParse(json);
    if (parsed.success) records.push(parsed.data);
    else skipped++;
  }
  return { records, skipped, torn: text.length > 0 && !text.endsWith('\n') };
}

/** Lines to append: each record on its own line, the block ending with a newline. */
export function toNdjson(records: readonly unknown[]): string {
  return records.map((r) => `${JSON.stringify(r)}\n`).join('');
}
