// The floor the sparkline update is measured against: the same points on the same canvases,
// the same picture, drawn with plain Canvas 2D and no library (plain-sparkline.ts).
import { readTheme } from '../lib/charts/theme.js';
import { installBench } from './bench-runtime.js';
import { drawPlainSparkline } from './plain-sparkline.js';

let contexts: CanvasRenderingContext2D[] = [];
let colors = { up: '', down: '', zero: '' };

installBench({
  create(canvases, series) {
    colors = readTheme();
    const ratio = devicePixelRatio;
    contexts = canvases.map((canvas) => {
      const box = canvas.parentElement!;
      canvas.style.width = `${box.clientWidth}px`;
      canvas.style.height = `${box.clientHeight}px`;
      canvas.width = Math.round(box.clientWidth * ratio);
      canvas.height = Math.round(box.clientHeight * ratio);
      return canvas.getContext('2d')!;
    });
    this.update(series);
  },
  update(series) {
    const ratio = devicePixelRatio;
    contexts.forEach((ctx, i) => {
      const { width, height } = ctx.canvas;
      drawPlainSparkline(ctx, width / ratio, height / ratio, ratio, {
        points: series[i]!,
        range: null,
        barMs: 30_000,
        colors,
      });
    });
  },
  animating: () => false,
});
