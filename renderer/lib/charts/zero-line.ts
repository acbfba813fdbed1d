// A hairline at y = 0: whether cumulative flow sits above or below zero is the first thing a
// sparkline must say.
import type { Chart, Plugin } from 'chart.js';

export function zeroLine(color: () => string, scaleId = 'y'): Plugin {
  return {
    id: 'hedgeflowZeroLine',
    beforeDatasetsDraw(chart: Chart) {
      const scale = chart.scales[scaleId];
      if (!scale || scale.min > 0 || scale.max < 0) return;
      const y = Math.round(scale.getPixelForValue(0)) + 0.5;
      const { ctx, chartArea } = chart;
      ctx.save();
      ctx.strokeStyle = color();
      ctx.lineWidth = 1;
      ctx.setLineDash([2, 2]);
      ctx.beginPath();
      ctx.moveTo(chartArea.left, y);
      ctx.lineTo(chartArea.right, y);
      ctx.stroke();
      ctx.restore();
    },
  };
}
