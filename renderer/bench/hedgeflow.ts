// HedgeFlow's sparkline, exactly as the rows run it.
import { animator } from 'chart.js';
import { SparklineChart } from '../lib/charts/sparkline-chart.js';
import { readTheme } from '../lib/charts/theme.js';
import { installBench } from './bench-runtime.js';

let charts: SparklineChart[] = [];

installBench({
  create(canvases, series) {
    const theme = readTheme();
    charts = canvases.map((canvas) => new SparklineChart(canvas, theme));
    this.update(series);
  },
  update(series) {
    charts.forEach((chart, i) =>
      chart.update({ points: series[i]!, showLegs: false, range: null, barMs: 30_000 }),
    );
  },
  animating: () => charts.some((c) => animator.running(c.chart)),
});
