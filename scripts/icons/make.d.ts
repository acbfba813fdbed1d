/** Writes every icon under `outDir`; returns the files written, relative to it. */
export function makeIcons(outDir: string): string[];
