// The one lifecycle every chart component shares: build the chart once its canvas exists, feed
// it on every data change, repaint it in the OS's colours when light/dark switches, destroy it
// with the component.
import { readTheme, type ChartTheme } from './theme.js';

export interface ThemedChart<D> {
  setTheme(theme: ChartTheme): void;
  update(data: D): void;
  destroy(): void;
}

/** Call during component init. `create` runs in an effect, after `bind:this` has the canvas. */
export function themedChart<D>(
  create: (theme: ChartTheme) => ThemedChart<D>,
  data: () => D,
  dark: () => boolean,
): void {
  let chart: ThemedChart<D> | null = null;
  $effect(() => {
    const created = create(readTheme());
    chart = created;
    return () => {
      created.destroy();
      chart = null;
    };
  });
  // Runs after the effect above (declaration order), so the chart exists on the first pass.
  // The CSS variables are read again only when light/dark switched: a data push must not cost
  // a style read, nor hand the chart a new theme object (a sparkline redraws in full for one).
  let themedFor: { chart: ThemedChart<D>; dark: boolean } | null = null;
  $effect(() => {
    const isDark = dark();
    const input = data();
    if (!chart) return;
    if (themedFor?.chart !== chart || themedFor.dark !== isDark) {
      themedFor = { chart, dark: isDark };
      chart.setTheme(readTheme());
    }
    chart.update(input);
  });
}
