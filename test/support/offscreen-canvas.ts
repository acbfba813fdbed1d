// A canvas chart.js can lay out and draw on without a DOM (its basic platform): for tests that
// run the popover's chart classes in Node and read the state chart.js is left in.
export function offscreenCanvas(width: number, height: number): HTMLCanvasElement {
  const canvas: Record<string, unknown> = { width, height, style: {} };
  const context = new Proxy<Record<string | symbol, unknown>>(
    { canvas },
    {
      get: (target, key) =>
        key in target
          ? target[key]
          : key === 'measureText'
            ? () => ({ width: 6 })
            : () => undefined,
      set: (target, key, value) => {
        target[key] = value;
        return true;
      },
    },
  );
  canvas.getContext = () => context;
  return canvas as unknown as HTMLCanvasElement;
}
