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

/**
 * Every chart's performance policy: no animation (live updates redraw at once, and reduced
 * motion is honoured for free), data handed over pre-parsed and sorted by x so chart.js skips
 * parsing and can decimate, and sized by its container.
 */
export const FAST_CHART_OPTIONS = {
  animation: false,
  responsive: true,
  maintainAspectRatio: false,
  parsing: false,
  normalized: true,
} as const;
