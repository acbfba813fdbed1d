// The tray icons and the app icon, drawn from signed distance fields: every shape is defined on
// a 16-unit grid and rasterised at any size with one pixel of anti-aliasing, so 16 px, 32 px and
// 1024 px come from the same drawing.

/** @typedef {[number, number]} Vec */
/** @typedef {[number, number, number, number]} Rgba straight RGBA, 0-1 */
/** @typedef {(x: number, y: number) => number} Sdf distance in grid units; < 0 inside */

const GRID = 16;

/** The states the tray shows (electron/tray-model.ts TRAY_STATES). */
export const TRAY_STATES = ['neutral', 'up-squeeze', 'down-squeeze', 'stale', 'paused', 'demo'];

/** @param {number} v @param {number} lo @param {number} hi */
const clamp = (v, lo, hi) => Math.min(Math.max(v, lo), hi);

/** @param {string} hex @param {number} [alpha] @returns {Rgba} */
function rgb(hex, alpha = 1) {
  const n = Number.parseInt(hex.slice(1), 16);
  return [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255, alpha];
}

// ---- shapes ----------------------------------------------------------------------------------

/** @param {Vec} a @param {Vec} b @param {number} width @returns {Sdf} */
function segment(a, b, width) {
  const [ax, ay] = a;
  const ex = b[0] - ax;
  const ey = b[1] - ay;
  const len2 = ex * ex + ey * ey;
  return (x, y) => {
    const wx = x - ax;
    const wy = y - ay;
    const t = clamp((wx * ex + wy * ey) / len2, 0, 1);
    return Math.hypot(wx - ex * t, wy - ey * t) - width / 2;
  };
}

/** @param {Vec[]} points @param {number} width @returns {Sdf} */
function polyline(points, width) {
  const parts = points.slice(1).map((p, i) => segment(/** @type {Vec} */ (points[i]), p, width));
  return (x, y) => Math.min(...parts.map((f) => f(x, y)));
}

/** @param {Vec} c @param {number} r @returns {Sdf} */
function circle(c, r) {
  return (x, y) => Math.hypot(x - c[0], y - c[1]) - r;
}

/** @param {Vec} c @param {number} r @param {number} width @returns {Sdf} */
function ring(c, r, width) {
  return (x, y) => Math.abs(Math.hypot(x - c[0], y - c[1]) - r) - width / 2;
}

/** Rounded rectangle: top-left corner, size, corner radius. @returns {Sdf} */
function roundRect(x0, y0, w, h, r) {
  const cx = x0 + w / 2;
  const cy = y0 + h / 2;
  return (x, y) => {
    const qx = Math.abs(x - cx) - w / 2 + r;
    const qy = Math.abs(y - cy) - h / 2 + r;
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
  };
}

/** Any simple polygon (after Inigo Quilez's exact polygon distance). @param {Vec[]} v @returns {Sdf} */
function polygon(v) {
  return (x, y) => {
    const v0 = /** @type {Vec} */ (v[0]);
    let d = (x - v0[0]) ** 2 + (y - v0[1]) ** 2;
    let s = 1;
    for (let i = 0, j = v.length - 1; i < v.length; j = i, i++) {
      const [xi, yi] = /** @type {Vec} */ (v[i]);
      const [xj, yj] = /** @type {Vec} */ (v[j]);
      const ex = xj - xi;
      const ey = yj - yi;
      const wx = x - xi;
      const wy = y - yi;
      const t = clamp((wx * ex + wy * ey) / (ex * ex + ey * ey), 0, 1);
      d = Math.min(d, (wx - ex * t) ** 2 + (wy - ey * t) ** 2);
      const c1 = y >= yi;
      const c2 = y < yj;
      const c3 = ex * wy > ey * wx;
      if ((c1 && c2 && c3) || (!c1 && !c2 && !c3)) s = -s;
    }
    return s * Math.sqrt(d);
  };
}

// ---- canvas ----------------------------------------------------------------------------------

/** A square premultiplied-RGBA float canvas addressed in grid units. */
class Canvas {
  /** @param {number} size pixels */
  constructor(size) {
    this.size = size;
    this.scale = size / GRID;
    this.px = new Float64Array(size * size * 4);
  }

  /**
   * Paints `shape` source-over. @param {Sdf} shape
   * @param {Rgba | ((x: number, y: number) => Rgba)} color a colour or a gradient in grid units
   */
  fill(shape, color) {
    this.#each(shape, (i, a, x, y) => {
      const [r, g, b, alpha] = typeof color === 'function' ? color(x, y) : color;
      const k = a * alpha;
      const px = this.px;
      px[i] = r * k + px[i] * (1 - k);
      px[i + 1] = g * k + px[i + 1] * (1 - k);
      px[i + 2] = b * k + px[i + 2] * (1 - k);
      px[i + 3] = k + px[i + 3] * (1 - k);
    });
  }

  /** Clears what `shape` covers (a gap around a badge). @param {Sdf} shape */
  erase(shape) {
    this.#each(shape, (i, a) => {
      for (let c = 0; c < 4; c++) this.px[i + c] *= 1 - a;
    });
  }

  /** @param {Sdf} shape @param {(i: number, coverage: number, x: number, y: number) => void} paint */
  #each(shape, paint) {
    const { size, scale } = this;
    for (let py = 0; py < size; py++) {
      for (let px = 0; px < size; px++) {
        const x = (px + 0.5) / scale;
        const y = (py + 0.5) / scale;
        const coverage = clamp(0.5 - shape(x, y) * scale, 0, 1);
        if (coverage > 0) paint((py * size + px) * 4, coverage, x, y);
      }
    }
  }

  /** Straight RGBA bytes for the PNG encoder. @returns {Uint8Array} */
  toRgba() {
    const out = new Uint8Array(this.size * this.size * 4);
    for (let i = 0; i < out.length; i += 4) {
      const a = this.px[i + 3];
      if (a <= 0) continue;
      for (let c = 0; c < 3; c++) out[i + c] = Math.round(clamp(this.px[i + c] / a, 0, 1) * 255);
      out[i + 3] = Math.round(clamp(a, 0, 1) * 255);
    }
    return out;
  }
}

// ---- the drawings ----------------------------------------------------------------------------

/** A cumulative-flow line: the app's mark. @type {Vec[]} */
const FLOW = [
  [2, 11.5],
  [5.5, 7.5],
  [8.5, 9.5],
  [13.5, 4],
];
/** @type {Vec[]} */
const ARROW_UP = [
  [8, 1.5],
  [14.5, 8.5],
  [10.5, 8.5],
  [10.5, 14.5],
  [5.5, 14.5],
  [5.5, 8.5],
  [1.5, 8.5],
];
/** @type {Vec[]} */
const ARROW_DOWN = ARROW_UP.map(([x, y]) => /** @type {Vec} */ ([x, GRID - y]));
/** @type {Vec} */
const BADGE = [12.5, 12.5];

const COLORS = {
  glyph: rgb('#94a3b8'),
  up: rgb('#22c55e'),
  down: rgb('#ef4444'),
  warn: rgb('#f59e0b'),
  demo: rgb('#3b82f6'),
};
const BLACK = rgb('#000000');

/**
 * One tray icon. Template images (macOS) are black with alpha and tell states apart by shape
 * alone: arrows for squeezes, bars for paused, a dot badge for stale, a ring badge for demo.
 * @param {string} state one of TRAY_STATES
 * @param {number} size pixels
 * @param {boolean} template
 */
export function drawTrayIcon(state, size, template) {
  const canvas = new Canvas(size);
  const tint = (/** @type {Rgba} */ color) => (template ? BLACK : color);
  const line = polyline(FLOW, 2);
  switch (state) {
    case 'neutral':
      canvas.fill(line, tint(COLORS.glyph));
      break;
    case 'up-squeeze':
      canvas.fill(polygon(ARROW_UP), tint(COLORS.up));
      break;
    case 'down-squeeze':
      canvas.fill(polygon(ARROW_DOWN), tint(COLORS.down));
      break;
    case 'paused':
      canvas.fill(roundRect(3.5, 3, 3.5, 10, 1), tint(COLORS.glyph));
      canvas.fill(roundRect(9, 3, 3.5, 10, 1), tint(COLORS.glyph));
      break;
    case 'stale':
      canvas.fill(line, template ? rgb('#000000', 0.45) : COLORS.glyph);
      canvas.erase(circle(BADGE, 4.6));
      canvas.fill(circle(BADGE, 3.3), tint(COLORS.warn));
      break;
    case 'demo':
      canvas.fill(line, tint(COLORS.glyph));
      canvas.erase(circle(BADGE, 4.6));
      canvas.fill(ring(BADGE, 2.6, 1.4), tint(COLORS.demo));
      break;
    default:
      throw new RangeError(`unknown tray state '${state}'`);
  }
  return canvas.toRgba();
}

/**
 * The app icon: the flow line rising out of a dark rounded square (macOS-style margins, so the
 * same drawing serves the .icns, the .ico and the Linux icon set). @param {number} size pixels
 */
export function drawAppIcon(size) {
  const canvas = new Canvas(size);
  const top = rgb('#1e293b');
  const bottom = rgb('#0b1220');
  canvas.fill(roundRect(1.25, 1.25, 13.5, 13.5, 3), (_x, y) => {
    const t = clamp((y - 1.25) / 13.5, 0, 1);
    return [0, 1, 2, 3].map((c) => top[c] + (bottom[c] - top[c]) * t);
  });
  canvas.fill(
    polyline(
      [
        [3.75, 11],
        [6.5, 7.75],
        [8.75, 9.5],
        [12, 5.25],
      ],
      1.25,
    ),
    rgb('#22c55e'),
  );
  canvas.fill(circle([12, 5.25], 1.25), rgb('#86efac'));
  return canvas.toRgba();
}
