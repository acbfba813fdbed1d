// Chart colours come from the same CSS variables as the rest of the popover, read when a chart
// is built and again when the OS switches between light and dark.
export interface ChartTheme {
  readonly up: string;
  readonly down: string;
  readonly all: string;
  readonly calls: string;
  readonly puts: string;
  readonly price: string;
  readonly flip: string;
  readonly grid: string;
  readonly text: string;
  readonly muted: string;
  readonly zero: string;
}

const VARIABLES: Readonly<Record<keyof ChartTheme, string>> = {
  up: '--up',
  down: '--down',
  all: '--series-all',
  calls: '--series-calls',
  puts: '--series-puts',
  price: '--series-price',
  flip: '--series-flip',
  grid: '--grid',
  text: '--fg',
  muted: '--muted',
  zero: '--zero-line',
};

export function readTheme(element: Element = document.documentElement): ChartTheme {
  const style = getComputedStyle(element);
  const entries = Object.entries(VARIABLES).map(([name, variable]) => [
    name,
    style.getPropertyValue(variable).trim() || '#888888',
  ]);
  return Object.fromEntries(entries) as unknown as ChartTheme;
}
