// The baseline: chart.js as its docs start you off (every component registered through
// chart.js/auto, default options: animations, parsing, category labels, legend, tooltip).
import Chart from 'chart.js/auto';
import { animator } from 'chart.js';
import { installBench } from './bench-runtime.js';

let charts: Chart<'line', (number | null)[], number>[] = [];

installBench({
  create(canvases, series) {
    charts = canvases.map(
      (canvas, i) =>
        new Chart(canvas, {
          type: 'line',
          data: {
            labels: series[i]!.map((p) => p.t),
            datasets: [{ label: `S${i}`, data: series[i]!.map((p) => p.all) }],
          },
        }),
    );
  },
  update(series) {
    charts.forEach((chart, i) => {
      chart.data.labels = series[i]!.map((p) => p.t);
      chart.data.datasets[0]!.data = series[i]!.map((p) => p.all);
      chart.update();
    });
  },
  animating: () => charts.some((chart) => animator.running(chart)),
});
