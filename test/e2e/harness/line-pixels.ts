// Reading a sparkline's line back from its RGBA pixels, to compare two drawings of the same
// points the way an eye would: per pixel column, where the line is (the centre of its ink) and
// whether it is there at all. Antialiasing and path details move ink by a fraction of a pixel;
// a wrong scale, a dropped spike or a bridged gap moves it by more, or adds or removes a column.

export interface Drawing {
  readonly width: number;
  readonly height: number;
  /** RGBA, row by row, base64 (renderer/bench/pixels.ts). */
  readonly rgba: string;
}

/** A pixel of the line: mostly opaque and red or green (the test themes' line colours). */
function lineInk(r: number, g: number, b: number, a: number): number {
  return a >= 64 && Math.max(r, g) > b ? a : 0;
}

/** Per column, the ink-weighted centre of the line in device pixels, or null with no line. */
export function lineCentres(d: Drawing): (number | null)[] {
  const px = Buffer.from(d.rgba, 'base64');
  const out: (number | null)[] = [];
  for (let x = 0; x < d.width; x++) {
    let mass = 0;
    let moment = 0;
    for (let y = 0; y < d.height; y++) {
      const i = (y * d.width + x) * 4;
      const ink = lineInk(px[i]!, px[i + 1]!, px[i + 2]!, px[i + 3]!);
      mass += ink;
      moment += ink * y;
    }
    out.push(mass > 0 ? moment / mass : null);
  }
  return out;
}

export interface LineDifference {
  /** Columns with line in one drawing and none in the other. */
  readonly columnsInOneOnly: number[];
  /** Distances between the two centres (columns with line in both), sorted, CSS px. */
  readonly distances: number[];
  readonly p95: number;
  readonly max: number;
}

export function compareLines(a: Drawing, b: Drawing, ratio: number): LineDifference {
  const ca = lineCentres(a);
  const cb = lineCentres(b);
  const columnsInOneOnly: number[] = [];
  const distances: number[] = [];
  ca.forEach((ya, x) => {
    const yb = cb[x] ?? null;
    if ((ya === null) !== (yb === null)) columnsInOneOnly.push(x);
    else if (ya !== null && yb !== null) distances.push(Math.abs(ya - yb) / ratio);
  });
  distances.sort((p, q) => p - q);
  const at = (q: number) =>
    distances[Math.min(distances.length - 1, Math.floor(q * distances.length))] ?? 0;
  return { columnsInOneOnly, distances, p95: at(0.95), max: distances.at(-1) ?? 0 };
}

/** Pixels of the line in each colour (red: up, green: down in the test themes). */
export function inkByColour(d: Drawing): { red: number; green: number } {
  const px = Buffer.from(d.rgba, 'base64');
  let red = 0;
  let green = 0;
  for (let i = 0; i < px.length; i += 4) {
    if (px[i + 3]! < 128) continue;
    if (px[i]! > 2 * px[i + 1]! && px[i]! > 2 * px[i + 2]!) red++;
    if (px[i + 1]! > 2 * px[i]! && px[i + 1]! > 2 * px[i + 2]!) green++;
  }
  return { red, green };
}
