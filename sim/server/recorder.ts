// `--record FILE`: appends the session as it becomes final (prints and 30 s raw samples of
// today's 0DTE days), once a second of real time and at close, so an interrupted run still
// leaves a replayable file. A failed write (disk full, the file removed) is logged and retried
// with the next flush: the lines are kept, never skipped, and the server keeps serving.
import { appendFileSync, writeFileSync } from 'node:fs';
import { messageOf } from '../../core/base/error-message.js';
import { RecordingCursor } from '../engine/replay/recording-cursor.js';
import { type Simulator } from '../engine/simulator.js';
import type { SimClock } from './clock.js';

export interface Recorder {
  /** Writes what is final now; false when the write failed (the lines are kept for the next). */
  flush(): boolean;
  stop(): void;
}

const RECORD_INTERVAL_MS = 1000;

/**
 * Creates (truncates) `file` at once, so a path that cannot be written fails here, before the
 * server accepts a request; later write errors go to `log`.
 */
export function startRecorder(
  file: string,
  sim: Simulator,
  clock: SimClock,
  symbols: readonly string[],
  log: (line: string) => void = () => undefined,
): Recorder {
  const cursor = new RecordingCursor(sim, symbols);
  writeFileSync(file, '');
  let pending: string[] = [];
  let failing = false;
  const flush = (): boolean => {
    pending.push(...cursor.linesUpTo(clock.now(), Date.now()));
    if (pending.length === 0) return true;
    try {
      appendFileSync(file, `${pending.join('\n')}\n`);
    } catch (error) {
      if (!failing) log(`recording to ${file} failed, will retry: ${messageOf(error)}`);
      failing = true;
      return false;
    }
    if (failing) log(`recording to ${file} resumed`);
    failing = false;
    pending = [];
    return true;
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
