// HedgeFlow's sparkline configuration, exactly as the rows run it.
import { SparklineChart } from '../lib/charts/sparkline-chart.js';
import { readTheme } from '../lib/charts/theme.js';
import { installBench } from './bench-runtime.js';

let charts: SparklineChart[] = [];

installBench({
  create(canvases, series) {
    const theme = readTheme();
    charts = canvases.map((canvas, i) => {
      const chart = new SparklineChart(canvas, theme);
      chart.update({ points: series[i]!, showLegs: false, range: null });
      return chart;
    });
  },
  update(series) {
    charts.forEach((chart, i) =>
      chart.update({ points: series[i]!, showLegs: false, range: null }),
    );
  },
  charts: () => charts.map((c) => c.chart),
});
