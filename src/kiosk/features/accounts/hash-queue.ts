// At most `concurrency` secret checks at once, the kiosk's own screen first. Forty sign-ins from the network then
// wait in line (or are told to try again) instead of taking every core from the gate: a scan is answered on the main
// thread, scrypt runs beside it on the thread pool, and one core stays free for the gate on a two-core kiosk PC.
import os from 'node:os';
import { GateError } from '../../../common/contract/errors.ts';

export interface HashQueueOptions {
  concurrency?: number;
  /** Checks from elsewhere that may wait; more are refused at once (the kiosk's own screen is always queued). */
  maxWaiting?: number;
}

export function defaultHashConcurrency(): number {
  return Math.max(1, Math.min(2, os.availableParallelism() - 1));
}

export function createHashQueue(options: HashQueueOptions = {}) {
  const concurrency = options.concurrency ?? defaultHashConcurrency();
  const maxWaiting = options.maxWaiting ?? 32;
  const urgent: Array<() => void> = [];
  const normal: Array<() => void> = [];
  let running = 0;

  function next(): void {
    while (running < concurrency) {
      const start = urgent.shift() ?? normal.shift();
      if (!start) return;
      running += 1;
      start();
    }
  }

  return {
    /** Runs job when a slot is free; `local` (the kiosk's own screen) goes ahead of every caller from elsewhere. */
    run<T>(job: () => Promise<T>, local: boolean): Promise<T> {
      if (!local && normal.length >= maxWaiting) {
        return Promise.reject(new GateError('unavailable', 'Too many sign-ins are being checked at once. Wait a few seconds, then try again.'));
      }
      return new Promise<T>((resolve, reject) => {
        // The slot is free before the caller hears the answer, so what it does next can use it.
        const done = () => {
          running -= 1;
          next();
        };
        (local ? urgent : normal).push(() => {
          job().then(
            (value) => (done(), resolve(value)),
            (error: unknown) => (done(), reject(error)),
          );
        });
        next();
      });
    },
    stats: () => ({ running, waiting: urgent.length + normal.length, concurrency }),
  };
}
export type HashQueue = ReturnType<typeof createHashQueue>;
