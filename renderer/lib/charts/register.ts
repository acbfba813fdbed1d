// Only the chart.js pieces the popover draws with are registered, so the rest tree-shakes away:
// line and bar charts on linear scales, LTTB decimation, and the detail chart's tooltip.
import {
  BarController,
  BarElement,
  Chart,
  Decimation,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(
  LineController,
  LineElement,
  PointElement,
  BarController,
  BarElement,
  LinearScale,
  Decimation,
  Tooltip,
);

export { Chart };
