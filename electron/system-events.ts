// The OS events the core reacts to: sleep and wake (powerMonitor) and network reachability.
// Electron's main process has no online/offline event, so reachability is polled with
// net.isOnline() (cheap: it reads Chromium's network-change notifier) and re-read on wake.

export interface SystemEventTarget {
  suspend(): void;
  resume(): void;
  setOnline(online: boolean): void;
}

/** The part of Electron's powerMonitor this uses. */
interface PowerEvents {
  on(event: 'suspend' | 'resume', listener: () => void): unknown;
  removeListener(event: 'suspend' | 'resume', listener: () => void): unknown;
}

export interface SystemEventOptions {
  readonly power: PowerEvents;
  readonly isOnline: () => boolean;
  readonly pollMs?: number;
}

export function watchSystemEvents(
  target: SystemEventTarget,
  options: SystemEventOptions,
): () => void {
  const checkOnline = (): void => target.setOnline(options.isOnline());
  const onSuspend = (): void => target.suspend();
  const onResume = (): void => {
    checkOnline();
    target.resume();
  };
  options.power.on('suspend', onSuspend);
  options.power.on('resume', onResume);
  checkOnline();
  const timer = setInterval(checkOnline, options.pollMs ?? 10_000);
  timer.unref?.();
  return () => {
    clearInterval(timer);
    options.power.removeListener('suspend', onSuspend);
    options.power.removeListener('resume', onResume);
  };
}
