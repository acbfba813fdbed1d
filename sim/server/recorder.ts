// `--record FILE`: appends the session as it becomes final (prints and 30 s raw samples of
// today's 0DTE days), once a second of real time and at close, so an interrupted run still
// leaves a replayable file.
import { appendFileSync, writeFileSync } from 'node:fs';
import { RecordingCursor, type Simulator } from '../engine/index.js';
import type { SimClock } from './clock.js';

export interface Recorder {
  /** Writes what is final now. */
  flush(): void;
  stop(): void;
}

export const RECORD_INTERVAL_MS = 1000;

export function startRecorder(
  file: string,
  sim: Simulator,
  clock: SimClock,
  symbols: readonly string[],
): Recorder {
  const cursor = new RecordingCursor(sim, symbols);
  writeFileSync(file, '');
  const flush = (): void => {
    const lines = cursor.linesUpTo(clock.now(), Date.now());
    if (lines.length > 0) appendFileSync(file, `${lines.join('\n')}\n`);
  };
  // The first write waits for the first tick: started mid-session, it holds the whole day so
  // far (hundreds of thousands of prints) and must not delay the server's start.
  const timer = setInterval(flush, RECORD_INTERVAL_MS);
  timer.unref();
  return {
    flush,
    stop() {
      clearInterval(timer);
      flush();
    },
  };
}
